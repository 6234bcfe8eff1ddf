/**
 * npm run screenshots [-- --dist <folder>] [--base /news/] [--count 150] [--widths 320,375,1280,1440]
 *
 * Writes full-page screenshots of every page type at small-phone (320 px), phone (375 px),
 * laptop (1280 px) and desktop (1440 px) widths, in the light and the dark colour scheme, plus the article in
 * print media, into screenshots/ (git-ignored). Without --dist it builds two sites
 * into a scratch folder: "one" from content/ as it is, and "many" from content/,
 * the test fixtures and --count generated stories, to judge listing pages both
 * nearly empty and full. With --dist it shoots that existing build only.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/support/browser.ts';
import { colorSchemes, pageTypes, type PageType } from '../tests/support/pages.ts';
import { projectRoot } from '../tests/support/project.ts';
import { writeManyArticles } from '../tests/support/sample-content.ts';
import { buildSite, makeFixtureContent, testRoot } from '../tests/support/site-build.ts';
import { serveStatic } from '../tests/support/static-server.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    base: { type: 'string', default: '/' },
    count: { type: 'string', default: '150' },
    widths: { type: 'string', default: '320,375,1280,1440' },
    out: { type: 'string', default: path.join(projectRoot, 'screenshots') },
  },
});

const widths = values.widths.split(',').map(Number);
if (widths.some((width) => !Number.isInteger(width) || width < 200))
  throw new Error(`--widths must be CSS pixel widths such as 320,1280; got ${values.widths}`);

/** Screenshots one page (and its print view when `printFile` is given); how many were taken, 0 when the build has no such page. */
async function screenshotPage(
  page: Page,
  url: string,
  type: PageType,
  files: { file: string; printFile?: string; missing?: (status: number | undefined) => void },
): Promise<number> {
  const response = await page.goto(url);
  if (response?.status() !== type.status) {
    files.missing?.(response?.status());
    return 0;
  }
  await page.screenshot({ path: files.file, fullPage: true });
  if (!files.printFile) return 1;
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: files.printFile, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  return 2;
}

async function shoot(
  browser: Browser,
  name: string,
  dir: string,
  base: string,
  extra: PageType[] = [],
): Promise<number> {
  const server = await serveStatic(dir, { base });
  const outDir = path.join(values.out, name);
  await mkdir(outDir, { recursive: true });
  let count = 0;
  try {
    for (const scheme of colorSchemes) {
      for (const width of widths) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        for (const type of [...pageTypes, ...extra]) {
          const firstPass = width === widths[0] && scheme === colorSchemes[0];
          count += await screenshotPage(page, `${server.origin}${base}${type.path}`, type, {
            file: path.join(outDir, `${type.name}-${width}-${scheme}.png`),
            printFile: type.article && firstPass ? path.join(outDir, `${type.name}-print.png`) : undefined,
            missing: firstPass
              ? (status) => console.log(`  ${name}: no ${type.name} page in this build (HTTP ${status}), skipped`)
              : undefined,
          });
        }
        await context.close();
      }
    }
  } finally {
    await server.close();
  }
  return count;
}

try {
  await rm(values.out, { recursive: true, force: true });
  const sites: { name: string; dir: string; base: string; extra?: PageType[] }[] = [];
  // The content folders are new each run: a cache from an earlier run would point at deleted files.
  for (const name of ['screenshots-one', 'screenshots-many']) {
    await rm(path.join(testRoot, `cache-${name}`), { recursive: true, force: true });
  }
  if (values.dist) {
    sites.push({ name: path.basename(path.resolve(values.dist)), dir: path.resolve(values.dist), base: values.base });
  } else {
    console.log('Building the site from content/ …');
    const one = await buildSite('screenshots-one', path.join(projectRoot, 'content'));
    const count = Number(values.count);
    if (!Number.isInteger(count) || count < 0) throw new Error(`--count must be a whole number; got ${values.count}`);
    console.log(`Building a site with the fixtures and ${count} generated stories …`);
    const contentDir = await makeFixtureContent();
    await writeManyArticles(contentDir, count);
    const many = await buildSite('screenshots-many', contentDir);
    await rm(contentDir, { recursive: true, force: true });
    sites.push({ name: 'one', dir: one.outDir, base: '/' });
    sites.push({
      name: 'many',
      dir: many.outDir,
      base: '/',
      extra: [
        { name: 'front-page-2', path: 'page/2/', status: 200 },
        { name: 'author-many', path: 'authors/sample-correspondent/', status: 200 },
      ],
    });
  }
  const browser = await launchBrowser();
  try {
    for (const site of sites) {
      const count = await shoot(browser, site.name, site.dir, site.base, site.extra);
      console.log(
        `${site.name}: ${count} screenshots in ${path.relative(process.cwd(), path.join(values.out, site.name))}/`,
      );
    }
  } finally {
    await browser.close();
  }
  console.log(`Scratch builds are in ${testRoot}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
