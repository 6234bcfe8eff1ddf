import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearOutputFolder } from '../../../src/build-cache/output-folder.ts';

describe('clearOutputFolder()', () => {
  let root: string;
  let outDir: string;
  let cacheDir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'output-folder-'));
    outDir = path.join(root, 'dist');
    cacheDir = path.join(root, 'cache');
    await mkdir(path.join(outDir, 'articles', 'a'), { recursive: true });
    await writeFile(path.join(outDir, 'articles', 'a', 'index.html'), '<p>old</p>');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('moves the output folder aside at once and removes it, and what an interrupted build left, in the background', async () => {
    await mkdir(path.join(cacheDir, 'previous-output-1-2', 'articles'), { recursive: true });
    const finished = await clearOutputFolder(outDir, cacheDir);
    expect(await readdir(root)).not.toContain('dist');
    await finished();
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('leaves an output folder that holds .git to Astro, which keeps .git', async () => {
    await mkdir(path.join(outDir, '.git'));
    await (
      await clearOutputFolder(outDir, cacheDir)
    )();
    expect((await readdir(outDir)).sort()).toEqual(['.git', 'articles']);
  });

  it('does nothing when there is no output yet', async () => {
    await rm(outDir, { recursive: true });
    await (
      await clearOutputFolder(outDir, cacheDir)
    )();
    expect(await readdir(cacheDir)).toEqual([]);
  });
});
