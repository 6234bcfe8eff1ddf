/**
 * The one place a site owner edits to make this publication their own.
 * Deployment-specific values (site URL, base path) come from the environment
 * and are read by astro.config.mjs; everything editorial lives here.
 */
export interface SiteConfig {
  /** The publication's name: masthead, page titles, feeds and structured data. */
  title: string;
  /** A short line shown under the masthead. */
  tagline: string;
  /** Default meta description for pages that have none of their own. */
  description: string;
  /** BCP 47 language of the content, used for `<html lang>` and feeds. */
  lang: string;
  /** Open Graph locale (language_TERRITORY). */
  ogLocale: string;
  /** IANA time zone in which dates are shown to readers. */
  timeZone: string;
  /** Articles per page on the front page and on tag pages. */
  articlesPerPage: number;
  /** Average adult silent reading speed used for the reading-time estimate. */
  wordsPerMinute: number;
  /** Tags shown as sections in the main navigation, in order (by tag name). */
  navTags: string[];
  /** Copyright holder shown in the footer. */
  copyrightHolder: string;
  /**
   * Optional. Languages (BCP 47) whose articles get the site's own words (byline, dates, reading time,
   * corrections) in their language; each needs a translation in src/i18n/site-words.ts. Articles in
   * other languages get the site's words in `lang`.
   */
  languages?: string[];
}

/**
 * Language and time zone on their own, so that browser code formatting dates (the comment
 * script) does not carry the whole configuration.
 */
export const dateLocale = { lang: 'en', timeZone: 'UTC' } as const;

export const siteConfig: SiteConfig = {
  title: 'The Meridian',
  tagline: 'News and analysis from around the world',
  description: 'Independent news and analysis on geopolitics, diplomacy and the economy.',
  lang: dateLocale.lang,
  ogLocale: 'en_GB',
  timeZone: dateLocale.timeZone,
  articlesPerPage: 10,
  wordsPerMinute: 230,
  navTags: ['Russia', 'Myanmar', 'ASEAN', 'Diplomacy', 'Sanctions'],
  copyrightHolder: 'The Meridian',
  languages: ['en', 'ar'],
};
