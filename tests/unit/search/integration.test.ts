/**
 * The search index runs beside the later build:done steps: `start` returns before Pagefind is done,
 * `finish` waits for it and fails the build when it failed. Real Pagefind on real files, except
 * where Pagefind cannot be made to fail.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { describe, expect, it } from 'vitest';
import { searchIndex } from '../../../src/search/integration.ts';

const logged: string[] = [];
const logger = { info: (message: string) => logged.push(message) } as unknown as AstroIntegrationLogger;

type BuildDone = (options: { dir: URL; logger: AstroIntegrationLogger }) => unknown;
const buildDone = (integration: { hooks: Record<string, unknown> }) =>
  integration.hooks['astro:build:done'] as BuildDone;

async function siteWithArticle(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'search-index-'));
  await mkdir(path.join(dir, 'articles', 'a'), { recursive: true });
  await writeFile(
    path.join(dir, 'articles', 'a', 'index.html'),
    '<!doctype html><html lang="en"><head><title>A</title>' +
      '<meta property="article:published_time" content="2021-05-04T08:00:00.000Z"></head>' +
      '<body><main data-pagefind-body><h1>Harbour</h1><p>The harbour reopened.</p></main></body></html>',
  );
  return dir;
}

describe('searchIndex()', () => {
  it('starts Pagefind without waiting for it, and finish waits for the index', async () => {
    const dir = await siteWithArticle();
    const search = searchIndex(await mkdtemp(path.join(os.tmpdir(), 'search-cache-')));
    expect(buildDone(search.start)({ dir: pathToFileURL(`${dir}/`), logger })).toBeUndefined();
    await buildDone(search.finish)({ dir: pathToFileURL(`${dir}/`), logger });
    expect(logged.at(-1)).toMatch(
      /^search index: 1 article pages in 1 shards \(the newest month, then by year\), 1 indexed by Pagefind and 0 unchanged from the cache, in \d+ ms$/,
    );
    expect(JSON.parse(await readFile(path.join(dir, 'pagefind', 'shards.json'), 'utf8'))).toEqual({
      shards: ['2021-05/'],
    });
    expect(
      (await readdir(path.join(dir, 'pagefind', '2021-05'))).some((file) => file.startsWith('pagefind-entry')),
    ).toBe(true);
  });

  it('fails the build at finish when indexing failed, and when it was never started', async () => {
    const search = searchIndex(os.tmpdir());
    await expect(buildDone(search.finish)({ dir: pathToFileURL('/nonexistent/'), logger })).rejects.toThrow(
      /never started/,
    );
    // Pagefind itself never settles when it cannot write (its binary panics), so a failing indexer stands in for it.
    const failing = searchIndex(os.tmpdir(), async () => {
      throw new Error('Pagefind could not write its index: disk full');
    });
    const dir = pathToFileURL(`${await siteWithArticle()}/`);
    buildDone(failing.start)({ dir, logger });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(buildDone(failing.finish)({ dir, logger })).rejects.toThrow(
      'Pagefind could not write its index: disk full',
    );
  });
});
