import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a Vite transform returns, as far as it can be stored: code, source map and plugin metadata. */
export interface StoredTransform {
  code: string;
  map: string | null;
  meta?: unknown;
}

/**
 * A persistent, content-addressed store of one transform's results: an entry is found by the
 * module id and its source text, inside a folder named after the digest of the whole pipeline
 * (tool versions, plugin code and options). A pipeline change therefore misses every entry, and
 * the folders of other pipelines are removed. Entries no build used are pruned at the end of a
 * build, so the store holds one result per current source file.
 */
export class TransformCache {
  readonly dir: string;
  readonly #root: string;
  readonly #used = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(root: string, pipelineDigest: string) {
    this.#root = root;
    this.dir = path.join(root, pipelineDigest);
  }

  #file(id: string, source: string): string {
    const name = createHash('sha256').update(id).update('\0').update(source).digest('hex');
    this.#used.add(`${name}.json`);
    return path.join(this.dir, `${name}.json`);
  }

  async get(id: string, source: string): Promise<StoredTransform | undefined> {
    try {
      const stored = JSON.parse(await readFile(this.#file(id, source), 'utf8')) as StoredTransform;
      this.hits += 1;
      return stored;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.misses += 1;
      return undefined;
    }
  }

  async set(id: string, source: string, result: StoredTransform): Promise<void> {
    const file = this.#file(id, source);
    await mkdir(this.dir, { recursive: true });
    // Write then rename, so a build stopped half-way never leaves a truncated entry.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify({ code: result.code, map: result.map ?? null, meta: result.meta }));
    await rename(partial, file);
  }

  /** Removes other pipelines' folders and the entries this build did not use; returns how many entries went. */
  async prune(): Promise<number> {
    const pipelines = await readdir(this.#root).catch(() => [] as string[]);
    const current = path.basename(this.dir);
    await Promise.all(
      pipelines
        .filter((name) => name !== current)
        .map((name) => rm(path.join(this.#root, name), { recursive: true, force: true })),
    );
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    const unused = entries.filter((name) => !this.#used.has(name));
    await Promise.all(unused.map((name) => rm(path.join(this.dir, name), { force: true })));
    return unused.length;
  }
}
