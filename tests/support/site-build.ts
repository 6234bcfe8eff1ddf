import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { astro, projectRoot, testRoot } from './project.ts';
import { writeFixtureImage } from './fixture-image.ts';
import { writeMediaFixture } from './media-fixture.ts';

export { writeFixtureImage };

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
