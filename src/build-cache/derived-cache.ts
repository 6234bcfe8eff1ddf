import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeAtomically } from '../utils/write-atomically.ts';
import { StringPool } from './string-pool.ts';

/**
 * Values computed from a text, kept between builds in one JSON file and found by the hash of the
 * text, so that reading the same file again (a page an incremental build copied unchanged) costs a
 * hash instead of a parse. `version` names how values are computed: a different one starts empty.
 * Only the entries used by this build are saved back.
 */
export class DerivedCache<T> {
  readonly #file: string;
  readonly #version: string;
  readonly #previous: Map<string, T>;
  readonly #next = new Map<string, T>();

  private constructor(file: string, version: string, previous: Map<string, T>) {
    this.#file = file;
    this.#version = version;
    this.#previous = previous;
  }

  static async load<T>(file: string, version: string): Promise<DerivedCache<T>> {
    // Values read from many texts repeat (a site's pages share their policies): one copy of each.
    const strings = new StringPool();
    const stored = await readFile(file, 'utf8')
      .then(
        (text) =>
          JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? strings.own(value) : value)) as {
            version?: string;
            entries?: Record<string, T>;
          },
      )
      .catch(() => undefined);
    const entries = stored?.version === version && stored.entries ? Object.entries(stored.entries) : [];
    return new DerivedCache(file, version, new Map(entries));
  }

  /** `text` may be a file's bytes: found in the cache, they are never decoded (the same key as the decoded UTF-8 text). */
  get<Input extends string | Uint8Array>(text: Input, derive: (text: Input) => T): T {
    const key = createHash('sha256').update(text).digest('base64url');
    return this.#keep(key, this.#found(key) ?? derive(text));
  }

  /** The value kept under a key the caller made (for example a page's render key, render-keys.ts), else `derive()`'s. */
  async byKey(key: string, derive: () => Promise<T>): Promise<T> {
    return this.#keep(key, this.#found(key) ?? (await derive()));
  }

  #found(key: string): T | undefined {
    return this.#next.get(key) ?? this.#previous.get(key);
  }

  /** Marks `key` as used by this build (only used entries are saved), with its value. */
  #keep(key: string, value: T): T {
    this.#next.set(key, value);
    return value;
  }

  async save(): Promise<void> {
    await writeAtomically(
      this.#file,
      JSON.stringify({ version: this.#version, entries: Object.fromEntries(this.#next) }),
    );
  }
}
