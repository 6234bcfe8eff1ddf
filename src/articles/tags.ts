/**
 * The URL slug of a tag. Stable: it depends only on the tag's text, so a tag
 * page keeps its address as long as the tag is spelled the same way.
 * Letters of any script are kept; accents on Latin letters are folded; everything else becomes a hyphen.
 */
export function tagSlug(tag: string): string {
  return tag
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Tags whose slugs collide with an earlier tag in the list ("Sanctions" and "sanctions"). */
export function duplicateTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const tag of tags) {
    const slug = tagSlug(tag);
    if (seen.has(slug)) duplicates.push(tag);
    seen.add(slug);
  }
  return duplicates;
}
