/**
 * `npm run bench`: how the build scales with the archive, and what readers' phones see.
 *
 *   npm run bench                      100 and 1,000 articles, then Lighthouse
 *   npm run bench -- --large           also 10,000 articles
 *   npm run bench -- --sizes 500       other sizes (comma-separated)
 *   npm run bench -- --hero-every 20   give every 20th article a hero image
 *   npm run bench -- --no-lighthouse   builds only;  --only-lighthouse: Lighthouse only
 *   npm run bench -- --sizes 20000 --cold-only   the full site's cold build alone (time and memory)
 *   npm run bench -- --huge            also 50,000 articles, cold build only (the memory target)
 *   npm run bench -- --dev --sizes 1000 --no-lighthouse   `astro dev` instead of the builds (dev-server.ts)
 *   npm run bench -- --dev --project ../other-checkout     the same, running another checkout's `astro dev`
 *
 * For each size: synthetic articles in a temporary content folder; the full site built cold
 * (fresh cache), again with no change (warm cache), after adding one article, and after editing
 * one paragraph of another (each with the previous build's cache, as a newsroom publishes); a
 * bare Astro + MDX + remark-gfm site built from the same articles, cold and warm. With --dev, no
 * builds: the dev server's start, first article, an edit and a new article, cold and warm.
 * --sizes takes any sizes, 20000 included; builds get Node's default heap. Results:
 * bench-results/latest.{md,json} and a dated copy, and each build's log in bench-results/logs/
 * (the folder is git-ignored).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bareSiteFiles } from './bare-site.ts';
import { markdownReport, withRatios, type BenchReport, type BuildResult, type Scenario } from './report.ts';
import { measureDevServer, projectSources } from './dev-server.ts';
import { archiveStart, editedArticle, syntheticArticle, syntheticAuthorFiles } from './synthetic.ts';
import { astroBin, projectRoot } from '../../tests/support/project.ts';
import { writeFixtureImage } from '../../tests/support/fixture-image.ts';
import { writeAtomically } from '../../src/utils/write-atomically.ts';
import { runLighthouse } from './lighthouse.ts';
import { folderSize, measure } from './measure.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    large: { type: 'boolean', default: false },
    huge: { type: 'boolean', default: false },
    'hero-every': { type: 'string', default: '0' },
    'no-lighthouse': { type: 'boolean', default: false },
    'only-lighthouse': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'cold-only': { type: 'boolean', default: false },
    'no-bare': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    project: { type: 'string', default: projectRoot },
    out: { type: 'string', default: path.join(projectRoot, 'bench-results') },
  },
});

const sizes = values['only-lighthouse']
  ? []
  : [
      ...values.sizes.split(',').map((s) => Number(s.trim())),
      ...(values.large ? [10_000] : []),
      ...(values.huge ? [50_000] : []),
    ];
/** Sizes built cold only: 50,000 articles from --huge (publishing into it is measured at 10,000). */
const coldOnlySizes = new Set(values.huge ? [50_000] : []);
for (const size of sizes) {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`--sizes takes whole numbers of articles, e.g. 100,1000; got "${values.sizes}"`);
}
if (values.project !== projectRoot && !values.dev)
  throw new Error('--project is for --dev only: builds run this checkout');
const devProject = path.resolve(values.project);
if (!existsSync(path.join(devProject, 'node_modules', 'astro', 'bin', 'astro.mjs')))
  throw new Error(`--project ${values.project}: no node_modules/astro there; run npm ci in it first`);
const heroEvery = Number(values['hero-every']);
if (!Number.isInteger(heroEvery) || heroEvery < 0)
  throw new Error(`--hero-every takes a whole number; got "${values['hero-every']}"`);

const scratch = await mkdtemp(path.join(os.tmpdir(), 'meridian-bench-'));

/**
 * The site is built from a copy of the project (node_modules linked): Astro keeps build scratch files
 * in <root>/.astro/, so a build in the checkout itself would collide with `npm test` or `npm run build`
 * running at the same time.
 */
const siteRoot = path.join(scratch, 'site');
for (const entry of projectSources) {
  await cp(path.join(projectRoot, entry), path.join(siteRoot, entry), { recursive: true });
}
await symlink(path.join(projectRoot, 'node_modules'), path.join(siteRoot, 'node_modules'), 'dir');
const report: BenchReport = {
  date: new Date().toISOString(),
  machine: { cpus: os.availableParallelism(), memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  builds: [],
  ...(values.dev ? { dev: [] } : {}),
  lighthouse: [],
};

async function save(): Promise<void> {
  await mkdir(values.out, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const md = markdownReport(report);
  for (const name of ['latest', `bench-${stamp}`]) {
    await writeFile(
      path.join(values.out, `${name}.json`),
      `${JSON.stringify({ ...report, builds: withRatios(report.builds) }, null, 2)}\n`,
    );
    await writeFile(path.join(values.out, `${name}.md`), md);
  }
}

/** Writes the n-th synthetic article of an archive of `size` (and its hero image); returns its file. */
async function writeArticle(dir: string, index: number, size: number): Promise<string> {
  const article = syntheticArticle(index, { heroEvery, start: archiveStart(size) });
  const file = path.join(dir, 'articles', `${article.id}.mdx`);
  // Whole: the dev server (--dev) watches the folder.
  await writeAtomically(file, article.source);
  if (article.heroImage) await writeFixtureImage(path.join(dir, 'articles', article.heroImage), 1600, 900);
  return file;
}

async function writeContent(dir: string, count: number): Promise<void> {
  await mkdir(path.join(dir, 'articles', 'images'), { recursive: true });
  await mkdir(path.join(dir, 'authors'), { recursive: true });
  for (const [name, text] of Object.entries(syntheticAuthorFiles()))
    await writeFile(path.join(dir, 'authors', name), text);
  for (let i = 0; i < count; i++) await writeArticle(dir, i, count);
}

async function build(
  articles: number,
  site: 'full' | 'bare',
  scenario: Scenario,
  cwd: string,
  env: Record<string, string>,
): Promise<BuildResult> {
  process.stdout.write(`${articles} articles, ${site} site, ${scenario} build ... `);
  const logs = path.join(values.out, 'logs');
  await mkdir(logs, { recursive: true });
  const logFile = path.join(logs, `${articles}-${site}-${scenario.replace(' ', '-')}.log`);
  const run = await measure(process.execPath, [astroBin, 'build'], cwd, env, logFile);
  const size = await folderSize(env.OUT_DIR!);
  const result: BuildResult = {
    articles,
    site,
    scenario,
    ok: run.code === 0,
    seconds: run.seconds,
    pages: size.pages,
    ...(run.peakRssMb ? { peakRssMb: run.peakRssMb } : {}),
    ...(run.cpuSeconds !== undefined ? { cpuSeconds: run.cpuSeconds } : {}),
    outputMb: size.bytes / 2 ** 20,
    files: size.files,
  };
  if (!result.ok) result.error = run.output.trim().split('\n').slice(-6).join(' ');
  console.log(
    result.ok
      ? `${run.seconds.toFixed(1)} s (${run.cpuSeconds?.toFixed(1) ?? '?'} s CPU), ${size.pages} pages, ${run.peakRssMb?.toFixed(0) ?? '?'} MB peak RSS`
      : `FAILED (exit ${run.code}) after ${run.seconds.toFixed(1)} s:\n${run.output.split('\n').slice(-15).join('\n')}`,
  );
  report.builds.push(result);
  await save();
  return result;
}

/** The bare Astro + MDX site of the same articles, cold then again: what the full site is measured against. */
async function buildBareSite(dir: string, size: number, content: string): Promise<void> {
  const bareRoot = path.join(dir, 'bare-site');
  for (const [file, text] of Object.entries(bareSiteFiles())) {
    await mkdir(path.dirname(path.join(bareRoot, file)), { recursive: true });
    await writeFile(path.join(bareRoot, file), text);
  }
  await symlink(path.join(projectRoot, 'node_modules'), path.join(bareRoot, 'node_modules'), 'dir');
  const bare = {
    CONTENT_DIR: content,
    OUT_DIR: path.join(dir, 'bare-out'),
    ASTRO_CACHE_DIR: path.join(dir, 'bare-cache'),
  };
  await build(size, 'bare', 'cold', bareRoot, bare);
  await build(size, 'bare', 'warm', bareRoot, bare);
}

/** `astro dev` on the archive in `content` (dev-server.ts): the newest article is added, one from the middle edited. */
async function devServer(size: number, dir: string, content: string): Promise<void> {
  console.log(`${size} articles, astro dev of ${path.relative(process.cwd(), devProject) || '.'}:`);
  const results = await measureDevServer({
    articles: size,
    projectDir: devProject,
    workDir: dir,
    contentDir: content,
    articleFile: path.join(content, 'articles', `${syntheticArticle(Math.floor(size / 2)).id}.mdx`),
    addArticle: () => writeArticle(content, size, size),
    logDir: path.join(values.out, 'logs'),
    onProgress: (message) => console.log(`  ${message}`),
  });
  for (const result of results) {
    console.log(
      `  ${result.start} start: ${result.ok ? 'done' : `FAILED: ${result.error}`}, ${result.peakRssMb?.toFixed(0) ?? '?'} MB peak RSS`,
    );
  }
  report.dev!.push(...results);
  await save();
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

try {
  for (const size of sizes) {
    const dir = path.join(scratch, String(size));
    const content = path.join(dir, 'content');
    await writeContent(content, size);
    if (values.dev) {
      await devServer(size, dir, content);
      continue;
    }

    const full = {
      CONTENT_DIR: content,
      OUT_DIR: path.join(dir, 'full-out'),
      ASTRO_CACHE_DIR: path.join(dir, 'full-cache'),
    };
    const cold = await build(size, 'full', 'cold', siteRoot, full);
    if (values['cold-only'] || coldOnlySizes.has(size) || !cold.ok) {
      if (!values.keep) await rm(dir, { recursive: true, force: true });
      continue;
    }
    await build(size, 'full', 'warm', siteRoot, full);

    if (!values['no-bare']) await buildBareSite(dir, size, content);

    // Publishing: the newest article added (index `size`), then a paragraph corrected in one from the middle of the archive.
    await writeArticle(content, size, size);
    await build(size, 'full', 'add one', siteRoot, full);
    const edited = path.join(content, 'articles', `${syntheticArticle(Math.floor(size / 2)).id}.mdx`);
    await writeFile(edited, editedArticle(await readFile(edited, 'utf8')));
    await build(size, 'full', 'edit one', siteRoot, full);

    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }

  if (!values['no-lighthouse']) {
    // The real content (the seed article), as published.
    const out = path.join(scratch, 'lighthouse-site');
    const site = {
      OUT_DIR: out,
      ASTRO_CACHE_DIR: path.join(scratch, 'lighthouse-cache'),
      CONTENT_DIR: path.join(projectRoot, 'content'),
    };
    const built = await measure(process.execPath, [astroBin, 'build'], siteRoot, site);
    if (built.code !== 0) throw new Error(`astro build for Lighthouse failed:\n${built.output}`);
    console.log('Lighthouse (mobile) on the front page and the seed article ...');
    report.lighthouse = await runLighthouse(out, ['/', '/articles/russia-reaffirms-deepening-ties-with-myanmar/']);
    await save();
  }
} finally {
  if (!values.keep) await rm(scratch, { recursive: true, force: true });
  else console.log(`Kept the scratch folder: ${scratch}`);
}

console.log(
  `\n${markdownReport(report)}\nWritten to ${path.relative(process.cwd(), values.out) || '.'}/latest.md and latest.json`,
);
