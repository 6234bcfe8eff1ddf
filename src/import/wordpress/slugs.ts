/**
 * File names for imported entries. An article's file name is its id and its URL, and comment
 * data files name their article with ASCII only, so slugs are ASCII: accents are folded and
 * anything else becomes a hyphen.
 */
import transliterate from '@sindresorhus/transliterate';

export function asciiSlug(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // a literal "%" in a title
  }
  return decoded
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

/**
 * A WordPress slug ("%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2" for "επίπεδο-2") as a readable
 * ASCII slug: other scripts transliterated ("epipedo-2"), not dropped; the old address is redirected.
 */
export function readableSlug(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // a literal "%" in a title
  }
  return asciiSlug(transliterate(decoded));
}

/** Hands out slugs in order; a slug already given gets "-2", "-3", … */
export class SlugRegistry {
  readonly #taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const slug of reserved) this.#taken.add(slug);
  }
  /** The slug for `wanted`, and whether it had to change. */
  take(wanted: string): { slug: string; renamed: boolean } {
    let slug = wanted;
    for (let n = 2; this.#taken.has(slug); n++) slug = `${wanted}-${n}`;
    this.#taken.add(slug);
    return { slug, renamed: slug !== wanted };
  }
}
