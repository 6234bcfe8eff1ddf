/**
 * Puts an import into the content folder only once everything converted: files are first
 * written to a staging folder, then copied over. A manifest of what the import wrote
 * (content/wordpress-import.json: path → SHA-256) tells an untouched imported file, which a
 * new import may replace, from one edited since, which it leaves alone unless forced.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const manifestFile = 'wordpress-import.json';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface CommitResult {
  created: string[];
  updated: string[];
  unchanged: number;
  skippedEdited: string[];
}

/** Files to write (staged) and files to copy (images), all by their path in the content folder. */
export class StagedImport {
  readonly #staging: string;
  readonly #written = new Set<string>();
  readonly #copies = new Map<string, string>();

  private constructor(staging: string) {
    this.#staging = staging;
  }

  static async create(): Promise<StagedImport> {
    return new StagedImport(await mkdtemp(path.join(os.tmpdir(), 'wordpress-import-')));
  }

  async write(relative: string, content: string): Promise<void> {
    const file = path.join(this.#staging, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    this.#written.add(relative);
  }

  copy(relative: string, source: string): void {
    this.#copies.set(relative, source);
  }

  has(relative: string): boolean {
    return this.#written.has(relative) || this.#copies.has(relative);
  }

  async discard(): Promise<void> {
    await rm(this.#staging, { recursive: true, force: true });
  }

  /** Decides, file by file, what the import would do; with `apply`, does it and writes the manifest. */
  async commit(contentDir: string, { force, apply }: { force: boolean; apply: boolean }): Promise<CommitResult> {
    const manifestPath = path.join(contentDir, manifestFile);
    const manifest: Record<string, string> = existsSync(manifestPath)
      ? (JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, string> }).files
      : {};
    const result: CommitResult = { created: [], updated: [], unchanged: 0, skippedEdited: [] };
    const sources = [
      ...[...this.#written].map((relative) => [relative, path.join(this.#staging, relative)] as const),
      ...this.#copies,
    ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [relative, source] of sources) {
      const target = path.join(contentDir, relative);
      const data = await readFile(source);
      const hash = sha256(data);
      if (existsSync(target)) {
        const current = sha256(await readFile(target));
        if (current === hash) {
          result.unchanged++;
          manifest[relative] = hash;
          continue;
        }
        if (manifest[relative] !== current && !force) {
          result.skippedEdited.push(relative);
          continue;
        }
        result.updated.push(relative);
      } else {
        result.created.push(relative);
      }
      manifest[relative] = hash;
      if (apply) {
        await mkdir(path.dirname(target), { recursive: true });
        if (this.#copies.has(relative)) await copyFile(source, target);
        else await writeFile(target, data);
      }
    }
    if (apply) {
      const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await writeFile(manifestPath, `${JSON.stringify({ files: sorted }, null, 2)}\n`);
    }
    return result;
  }
}
