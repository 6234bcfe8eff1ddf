import { siteConfig } from '../site.config.ts';

/**
 * Names joined the way the byline reads: "A", "A and B", "A, B and C" (the site's locale decides
 * the list style; en-GB has no serial comma).
 */
const siteListLocale = siteConfig.ogLocale.replace('_', '-');
const listFormats = new Map<string, Intl.ListFormat>();

/** The list style of `lang` ("A, B and C"; "A وB وC" in Arabic); the site's locale when not given. */
function listFormat(lang = siteListLocale): Intl.ListFormat {
  let format = listFormats.get(lang);
  if (!format) {
    format = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    listFormats.set(lang, format);
  }
  return format;
}

export function joinNames(names: readonly string[], lang?: string): string {
  return listFormat(lang).format(names);
}

/** The joined list in pieces, so each name can be a link: names by their index, and the words between. */
export type BylinePart = { name: number } | { text: string };

export function bylineParts(names: readonly string[], lang?: string): BylinePart[] {
  let next = 0;
  return listFormat(lang)
    .formatToParts(names)
    .map((part) => (part.type === 'element' ? { name: next++ } : { text: part.value }));
}
