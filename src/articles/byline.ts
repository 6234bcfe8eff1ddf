import { siteConfig } from '../site.config.ts';

/**
 * Names joined the way the byline reads: "A", "A and B", "A, B and C" (the site's locale decides
 * the list style; en-GB has no serial comma).
 */
const listFormat = new Intl.ListFormat(siteConfig.ogLocale.replace('_', '-'), { style: 'long', type: 'conjunction' });

export function joinNames(names: readonly string[]): string {
  return listFormat.format(names);
}

/** The joined list in pieces, so each name can be a link: names by their index, and the words between. */
export type BylinePart = { name: number } | { text: string };

export function bylineParts(names: readonly string[]): BylinePart[] {
  let next = 0;
  return listFormat
    .formatToParts(names)
    .map((part) => (part.type === 'element' ? { name: next++ } : { text: part.value }));
}
