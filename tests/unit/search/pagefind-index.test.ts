/**
 * The sharded index on real files with real Pagefind: one bundle for the newest month and one per
 * earlier year, the manifest the search page reads, and shards whose pages read the same taken
 * from the cache on the next build.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../../src/search/pagefind-index.ts';

async function writeArticle(
  outDir: string,
  id: string,
  published: string,
  text: string,
  moreStories = 'none',
): Promise<void> {
  await mkdir(path.join(outDir, 'articles', id), { recursive: true });
  await writeFile(
    path.join(outDir, 'articles', id, 'index.html'),
    `<!doctype html><html lang="en"><head><title>${id}</title>` +
      `<meta property="article:published_time" content="${published}T08:00:00.000Z"></head>` +
      `<body><article data-pagefind-body><h1>${id}</h1><p>${text}</p></article>` +
      `<section>More stories: ${moreStories}</section></body></html>`,
  );
}

const bundleFiles = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe('buildSearchIndex()', () => {
  it('writes a bundle for the newest month, one per earlier year and a manifest, newest first, without the Pagefind UI files', async () => {
    const [outDir, cacheDir] = await Promise.all([
      mkdtemp(path.join(os.tmpdir(), 'shards-')),
      mkdtemp(path.join(os.tmpdir(), 'shard-cache-')),
    ]);
    await writeArticle(outDir, 'old-harbour', '2019-06-01', 'The harbour was dredged.');
    await writeArticle(outDir, 'harbour-plan', '2024-02-11', 'The harbour plan was published.');
    await writeArticle(outDir, 'new-harbour', '2024-05-30', 'The harbour reopened.');
    await writeArticle(outDir, 'bridge', '2024-06-01', 'The bridge closed.');
    expect(await buildSearchIndex(outDir, cacheDir)).toEqual({ pages: 4, shards: 3, rebuilt: 3 });
    const manifest = JSON.parse(await readFile(path.join(outDir, 'pagefind', 'shards.json'), 'utf8'));
    expect(manifest).toEqual({ shards: ['2024-06/', '2024/', '2019/'] });
    const pageCount = async (shard: string) => {
      const entry = JSON.parse(await readFile(path.join(outDir, 'pagefind', shard, 'pagefind-entry.json'), 'utf8'));
      return Object.values(entry.languages as Record<string, { page_count: number }>)[0]!.page_count;
    };
    expect([await pageCount('2024-06'), await pageCount('2024'), await pageCount('2019')]).toEqual([1, 2, 1]);
    const files = await readdir(path.join(outDir, 'pagefind', '2019'));
    expect(files).toContain('pagefind.js');
    expect(files.filter((file) => file.includes('-ui'))).toEqual([]);
  });

  it('takes unchanged shards from the cache, byte for byte, and re-indexes only the month that changed', async () => {
    const [outDir, cacheDir] = await Promise.all([
      mkdtemp(path.join(os.tmpdir(), 'shards-')),
      mkdtemp(path.join(os.tmpdir(), 'shard-cache-')),
    ]);
    await writeArticle(outDir, 'old-harbour', '2019-06-01', 'The harbour was dredged.');
    await writeArticle(outDir, 'harbour-plan', '2024-02-11', 'The harbour plan was published.');
    await writeArticle(outDir, 'new-harbour', '2024-06-01', 'The harbour reopened.');
    await buildSearchIndex(outDir, cacheDir);
    const before = await bundleFiles(path.join(outDir, 'pagefind', '2019'));

    // A new story changes the lists around every body, and adds a page to the newest month only.
    await writeArticle(outDir, 'old-harbour', '2019-06-01', 'The harbour was dredged.', 'new story');
    await writeArticle(outDir, 'bridge', '2024-06-20', 'The bridge closed.', 'new story');
    expect(await buildSearchIndex(outDir, cacheDir)).toEqual({ pages: 4, shards: 3, rebuilt: 1 });
    expect(await bundleFiles(path.join(outDir, 'pagefind', '2019'))).toEqual(before);

    expect(await buildSearchIndex(outDir, cacheDir)).toEqual({ pages: 4, shards: 3, rebuilt: 0 });
    // Only the latest build's shards stay in the cache.
    expect(await readdir(path.join(cacheDir, 'search-shards'))).toHaveLength(3);

    // The first story of July: June joins its year, so the year is indexed again, once.
    await writeArticle(outDir, 'tunnel', '2024-07-02', 'The tunnel opened.', 'new story');
    expect(await buildSearchIndex(outDir, cacheDir)).toEqual({ pages: 5, shards: 3, rebuilt: 2 });
    const manifest = JSON.parse(await readFile(path.join(outDir, 'pagefind', 'shards.json'), 'utf8'));
    expect(manifest).toEqual({ shards: ['2024-07/', '2024/', '2019/'] });
    expect(await bundleFiles(path.join(outDir, 'pagefind', '2019'))).toEqual(before);
  });
});
