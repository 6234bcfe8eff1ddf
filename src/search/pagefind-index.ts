import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import * as pagefind from 'pagefind';
import { DerivedCache } from '../build-cache/derived-cache.ts';
import { pageRenderKeys } from '../build-cache/render-keys.ts';
import { siteConfig } from '../site.config.ts';
import {
  indexedPage,
  indexedRegion,
  planShards,
  publicationMonth,
  SHARD_MANIFEST,
  type IndexedPage,
  type Shard,
  type ShardManifest,
} from './search-shards.ts';

/**
 * Indexes a built site with Pagefind (its binary ships in the npm package; nothing is downloaded)
 * and writes one bundle per shard (the newest month of publication, then each earlier year) to
 * `<outDir>/pagefind/<shard>/`, with the manifest the search page reads (`pagefind/shards.json`).
 * Only article pages are read, and only their element marked `data-pagefind-body`; tags and
 * author are filters. A shard whose pages read the same as in an earlier build is copied from
 * `<cacheDir>/search-shards/`, so publishing one story re-indexes its month, not the archive.
 */

export interface SearchIndexSummary {
  pages: number;
  shards: number;
  /** Shards indexed by this build; the others came from the cache. */
  rebuilt: number;
}

/** Files of Pagefind's bundle that only its own UIs use; the site has its own search page. */
const UNUSED_BUNDLE_FILE = /^pagefind-(?:component-ui|modular-ui|ui|highlight)\./;
const READ_CONCURRENCY = 16;

/**
 * What the shard plan read from each article page, kept by the page's render key (render-keys.ts):
 * a page Astro restored unchanged is not read again. The version is the reading code's own source.
 */
async function indexedPageCache(cacheDir: string): Promise<DerivedCache<Omit<IndexedPage, 'file'>>> {
  const version = createHash('sha256')
    .update([indexedPage, indexedRegion, publicationMonth].map(String).join('\0'))
    .digest('base64url');
  return DerivedCache.load(path.join(cacheDir, 'search-pages.json'), version);
}

/** Every article page's month and the digest of what Pagefind reads from it. */
async function readIndexedPages(outDir: string, cacheDir: string): Promise<IndexedPage[]> {
  const [files, renderKeys, cache] = await Promise.all([
    articlePages(outDir),
    pageRenderKeys(cacheDir),
    indexedPageCache(cacheDir),
  ]);
  const limit = pLimit(READ_CONCURRENCY);
  const read = async (file: string): Promise<Omit<IndexedPage, 'file'>> => {
    const { month, digest } = indexedPage(file, await readFile(path.join(outDir, file), 'utf8'));
    return month ? { month, digest } : { digest };
  };
  const pages = await Promise.all(
    files.map((file) =>
      limit(async () => {
        const renderKey = renderKeys.get(file);
        return { file, ...(await (renderKey ? cache.byKey(renderKey, () => read(file)) : read(file))) };
      }),
    ),
  );
  await cache.save();
  return pages;
}

export async function buildSearchIndex(outDir: string, cacheDir: string): Promise<SearchIndexSummary> {
  const pages = await readIndexedPages(outDir, cacheDir);
  const shards = planShards(pages, await indexerSettings());
  const cacheRoot = path.join(cacheDir, 'search-shards');
  const bundleRoot = path.join(outDir, 'pagefind');
  await rm(bundleRoot, { recursive: true, force: true });
  let rebuilt = 0;
  try {
    for (const shard of shards) {
      const cached = path.join(cacheRoot, shard.key);
      if (!(await isDirectory(cached))) {
        await indexShard(outDir, shard, cached);
        rebuilt += 1;
      }
      await cp(cached, path.join(bundleRoot, shard.name), { recursive: true });
    }
  } finally {
    await pagefind.close();
  }
  const manifest: ShardManifest = { shards: shards.map((shard) => `${shard.name}/`) };
  await writeFile(path.join(bundleRoot, SHARD_MANIFEST), JSON.stringify(manifest));
  await pruneCache(cacheRoot, new Set(shards.map((shard) => shard.key)));
  return { pages: pages.length, shards: shards.length, rebuilt };
}

async function articlePages(outDir: string): Promise<string[]> {
  const entries = await readdir(path.join(outDir, 'articles'), { recursive: true }).catch(() => [] as string[]);
  return entries
    .filter((entry) => entry.endsWith('.html'))
    .map((entry) => `articles/${entry.split(path.sep).join('/')}`)
    .sort();
}

/** Indexes one shard's pages into a new cache folder (written aside, then renamed into place). */
async function indexShard(outDir: string, shard: Shard, destination: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: siteConfig.lang });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  for (const file of shard.files) {
    const content = await readFile(path.join(outDir, file), 'utf8');
    const added = await index.addHTMLFile({ url: `/${file.replace(/index\.html$/, '')}`, content });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`);
  }
  const staging = `${destination}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: staging });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  for (const file of await readdir(staging)) {
    if (UNUSED_BUNDLE_FILE.test(file)) await rm(path.join(staging, file));
  }
  await mkdir(path.dirname(destination), { recursive: true });
  await rename(staging, destination);
}

/** Keeps only the shards of the latest build: the cache does not grow with every publish. */
async function pruneCache(cacheRoot: string, keep: Set<string>): Promise<void> {
  for (const entry of await readdir(cacheRoot).catch(() => [] as string[])) {
    if (!keep.has(entry)) await rm(path.join(cacheRoot, entry), { recursive: true, force: true });
  }
}

async function indexerSettings(): Promise<string> {
  const packageFile = new URL('../package.json', import.meta.resolve('pagefind'));
  const { version } = JSON.parse(await readFile(packageFile, 'utf8')) as { version: string };
  return JSON.stringify({ pagefind: version, language: siteConfig.lang });
}

async function isDirectory(dir: string): Promise<boolean> {
  return readdir(dir).then(
    () => true,
    () => false,
  );
}
