import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageRenderKeys } from '../../../src/build-cache/render-keys.ts';

/** A manifest shaped as Astro 7's incremental build writes it (node_modules/astro/dist/core/build/incremental.js). */
function manifest(cacheKey: string, dependencyHash = 'deps-1') {
  return {
    version: 1,
    configHash: 'config-1',
    lockfileHash: 'lock-1',
    keyDigest: 'key-1',
    routes: {
      'src/pages/articles/[slug].astro': {
        dependencyHash,
        paths: {
          '/articles/talks/': { cacheKey, outputFile: 'articles/talks/index.html' },
          '/articles/مقال/': {
            cacheKey: 'other',
            outputFile: `articles/${encodeURIComponent('مقال')}/index.html`,
            contentHashes: { 'content/articles/x.mdx': 'h1' },
          },
        },
      },
    },
  };
}

describe('pageRenderKeys()', () => {
  let cacheDir: string;
  const write = (value: unknown) => writeFile(path.join(cacheDir, 'incremental-build.json'), JSON.stringify(value));
  beforeEach(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'render-keys-'));
  });
  afterEach(() => rm(cacheDir, { recursive: true, force: true }));

  it('gives each output file (URL-decoded) a key that changes with anything Astro restores by', async () => {
    await write(manifest('a'));
    const first = await pageRenderKeys(cacheDir);
    expect([...first.keys()].sort()).toEqual(['articles/talks/index.html', 'articles/مقال/index.html']);

    await write(manifest('a'));
    expect(await pageRenderKeys(cacheDir)).toEqual(first);

    await write(manifest('b'));
    const newKey = await pageRenderKeys(cacheDir);
    expect(newKey.get('articles/talks/index.html')).not.toBe(first.get('articles/talks/index.html'));
    expect(newKey.get('articles/مقال/index.html')).toBe(first.get('articles/مقال/index.html'));

    await write(manifest('a', 'deps-2'));
    const newCode = await pageRenderKeys(cacheDir);
    expect(newCode.get('articles/مقال/index.html')).not.toBe(first.get('articles/مقال/index.html'));
  });

  it('gives no keys, so every page is read, without a manifest or with one it does not know', async () => {
    expect((await pageRenderKeys(cacheDir)).size).toBe(0);
    await writeFile(path.join(cacheDir, 'incremental-build.json'), '{ not json');
    expect((await pageRenderKeys(cacheDir)).size).toBe(0);
    await write({ ...manifest('a'), version: 2 });
    expect((await pageRenderKeys(cacheDir)).size).toBe(0);
  });
});
