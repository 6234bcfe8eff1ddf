import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineDigest } from '../../../src/build-cache/pipeline-digest.ts';
import { TransformCache } from '../../../src/build-cache/transform-cache.ts';

const result = (code: string) => ({ code, map: null, meta: { astro: { propagation: 'none' } } });

describe('the transform cache', () => {
  it('returns what was stored for the same id and source, and nothing for any other', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'transform-cache-'));
    const cache = new TransformCache(root, 'pipeline-a');
    expect(await cache.get('/a.mdx', 'text')).toBeUndefined();
    await cache.set('/a.mdx', 'text', result('compiled a'));
    expect(await cache.get('/a.mdx', 'text')).toEqual(result('compiled a'));
    expect(await cache.get('/a.mdx', 'text, edited')).toBeUndefined();
    expect(await cache.get('/b.mdx', 'text')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 3]);
  });

  it('misses everything under another pipeline, and pruning removes other pipelines and unused entries', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'transform-cache-'));
    const first = new TransformCache(root, 'pipeline-a');
    await first.set('/a.mdx', 'a', result('a'));
    await first.set('/b.mdx', 'b', result('b'));

    const changed = new TransformCache(root, 'pipeline-b');
    expect(await changed.get('/a.mdx', 'a')).toBeUndefined();
    await changed.set('/a.mdx', 'a', result('a, new pipeline'));
    await changed.prune();
    expect(await readdir(root)).toEqual(['pipeline-b']);

    const next = new TransformCache(root, 'pipeline-b');
    expect(await next.get('/a.mdx', 'a')).toEqual(result('a, new pipeline'));
    await next.set('/c.mdx', 'c', result('c'));
    await writeFile(path.join(next.dir, 'left-over.json'), '{}');
    await next.prune();
    expect((await readdir(next.dir)).length).toBe(2);
  });
});

describe('the pipeline digest', () => {
  it('changes with a file, with an option and with a plugin function, and not otherwise', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-'));
    const file = path.join(dir, 'plugin.ts');
    await writeFile(file, 'export const x = 1;');
    const plugin = () => (tree: unknown) => tree;
    const options = { smartypants: true, plugins: [plugin] };
    const digest = await pipelineDigest([file], options);
    expect(await pipelineDigest([file], { smartypants: true, plugins: [plugin] })).toBe(digest);
    expect(await pipelineDigest([file], { smartypants: false, plugins: [plugin] })).not.toBe(digest);
    expect(await pipelineDigest([file], { smartypants: true, plugins: [() => (tree: unknown) => [tree]] })).not.toBe(
      digest,
    );
    await writeFile(file, 'export const x = 2;');
    expect(await pipelineDigest([file], options)).not.toBe(digest);
    expect(await pipelineDigest([path.join(dir, 'missing.ts')], options)).not.toBe(digest);
  });
});
