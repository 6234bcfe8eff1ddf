/**
 * The site's own words around an article (byline, dates, reading time, corrections, the breaking label)
 * in the article's language. A language has its words here and is listed in `languages` in
 * src/site.config.ts; an article in any other language gets the site's own language (`lang`), so
 * that a reader never sees a half-translated header. docs/architecture.md says how to add one.
 */
import { siteConfig } from '../site.config.ts';

export interface SiteWords {
  /** Before the author names: "By". */
  by: string;
  /** Before the publication date, for screen readers: "Published". */
  published: string;
  /** Before the date of the last update: "Updated". */
  updated: string;
  /** The reading time: "4 min read". */
  minutesToRead: (minutes: number) => string;
  /** The label of one correction, and of the notice that holds several. */
  correction: string;
  corrections: string;
  /** Before the kicker of a breaking story. */
  breaking: string;
}

/** Every translation of the site's words, by primary language subtag. */
export const translations: Record<string, SiteWords> = {
  en: {
    by: 'By',
    published: 'Published',
    updated: 'Updated',
    minutesToRead: (minutes) => `${minutes} min read`,
    correction: 'Correction',
    corrections: 'Corrections',
    breaking: 'Breaking',
  },
  ar: {
    by: 'بقلم',
    published: 'نُشر في',
    updated: 'حُدّث في',
    // "4 دقائق للقراءة": Intl gives the word its Arabic plural form (دقيقة، دقيقتان، دقائق).
    minutesToRead: (minutes) =>
      `${new Intl.NumberFormat('ar', { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes)} للقراءة`,
    correction: 'تصحيح',
    corrections: 'تصحيحات',
    breaking: 'عاجل',
  },
};

const primary = (lang: string) => lang.split('-')[0]!.toLowerCase();

/**
 * The language the site's words are given in for an article in `lang`: the article's own when the
 * site's config lists it and a translation exists, else the site's.
 */
export function wordsLanguage(lang: string, config = siteConfig): string {
  const listed = (config.languages ?? []).map(primary);
  return listed.includes(primary(lang)) && translations[primary(lang)] ? lang : config.lang;
}

/** The site's words for an article in `lang` (see wordsLanguage). */
export function siteWords(lang: string, config = siteConfig): SiteWords {
  return translations[primary(wordsLanguage(lang, config))] ?? translations.en!;
}
