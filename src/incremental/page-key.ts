import { createHash } from 'node:crypto';

/** What a content entry contributes to a key: its identity, its digest (body and frontmatter) and its resolved data (image URLs). */
interface EntryLike {
  collection: string;
  id: string;
  digest?: number | string;
  data: unknown;
}

function isEntry(value: unknown): value is EntryLike {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<EntryLike>;
  return typeof entry.collection === 'string' && typeof entry.id === 'string' && 'data' in entry;
}

/** Entries reduced to what identifies their content, so a key does not carry a whole article body. */
function entryIdentity(_key: string, value: unknown): unknown {
  if (!isEntry(value)) return value;
  return { entry: `${value.collection}/${value.id}`, digest: value.digest ?? null, data: value.data };
}

/** The JSON a key is hashed from: plain values as they are, content entries by identity and digest. */
export function keyText(value: unknown): string {
  return JSON.stringify(value, entryIdentity) ?? 'undefined';
}

/**
 * Cache keys for Astro's incremental build: the hash of everything a page shows that is not code
 * (Astro hashes the code itself). `context` is what every page shows besides its own content;
 * the returned function keys what one page lists or renders. Equal keys mean the page would
 * render the same HTML, so Astro copies it from the previous build instead of rendering it.
 */
export function pageKeyMaker(context: unknown): (shown: unknown) => string {
  const contextText = keyText(context);
  return (shown) => createHash('sha256').update(contextText).update('\0').update(keyText(shown)).digest('base64url');
}
