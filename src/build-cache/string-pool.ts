/**
 * Strings kept for the whole build, copied out of the text they were read from. V8 keeps a
 * substring (an attribute read from a page's HTML) as a slice that holds on to the whole text, so
 * one short value kept per page keeps every page's HTML alive: at 14,610 pages, 1.1 GB of heap.
 * `own()` returns a copy of its own, and equal values share that copy.
 */
export class StringPool {
  readonly #copies = new Map<string, string>();

  own(value: string): string {
    const known = this.#copies.get(value);
    if (known !== undefined) return known;
    // A round trip through JSON builds a new flat string, lone surrogates included.
    const copy = JSON.parse(JSON.stringify(value)) as string;
    this.#copies.set(copy, copy);
    return copy;
  }

  get size(): number {
    return this.#copies.size;
  }
}
