import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { astro, projectRoot, testRoot } from './project.ts';
import { writeMediaFixture } from './media-fixture.ts';

export { testRoot } from './project.ts';

/**
 * A content folder for tests: the real content/ plus the fixture articles
 * (a draft, an article with a hero image, tables and footnotes, a second author).
 */
export async function makeFixtureContent(): Promise<string> {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'content-'));
  await cp(path.join(projectRoot, 'content'), dir, { recursive: true });
  await cp(path.join(projectRoot, 'tests', 'fixtures', 'content'), dir, { recursive: true });
  await writeFixtureImage(path.join(dir, 'articles', 'images', 'harbour.jpg'), 1800, 1000);
  await writeMediaFixture(dir);
  return dir;
}

/** A photograph-like JPEG made on the spot, so no binary fixture is committed. */
export async function writeFixtureImage(
  file: string,
  width: number,
  height: number,
  from = '#1d4e89',
  to = '#f2a65a',
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="0.6" stop-color="${to}"/><stop offset="1" stop-color="#772f1a"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.35}" r="${height * 0.12}" fill="#fff3c4"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file);
}

export interface BuiltSite {
  outDir: string;
  contentDir: string;
  buildOutput: string;
}

/** Builds the site with the given content and environment into a fresh folder; throws with Astro's output on failure. */
export async function buildSite(
  name: string,
  contentDir: string,
  env: Record<string, string> = {},
): Promise<BuiltSite> {
  const outDir = path.join(testRoot, `site-${name}`);
  await rm(outDir, { recursive: true, force: true });
  const result = await astro(['build'], {
    CONTENT_DIR: contentDir,
    OUT_DIR: outDir,
    ASTRO_CACHE_DIR: path.join(testRoot, `cache-${name}`),
    ...env,
  });
  if (result.code !== 0) throw new Error(`astro build (${name}) failed:\n${result.output}`);
  return { outDir, contentDir, buildOutput: result.output };
}
