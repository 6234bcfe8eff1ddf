import XMLBuilder from 'fast-xml-builder';

/**
 * A Google News sitemap: articles published in the last two days (at build time), newest first,
 * at most 1,000, each with its last change (an update or a correction) as `<lastmod>`. https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
 */

const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1000;

export interface NewsEntry {
  /** Absolute URL. */
  url: string;
  title: string;
  published: Date;
  /** The last change (an update or a correction), written as `<lastmod>`; the publication date when absent. */
  modified?: Date;
  /** The article's language when it is not the publication's (BCP 47). */
  language?: string;
}

/** The entries a news sitemap may list at `now`: published within two days before it (not in the future). */
export function recentNews(entries: readonly NewsEntry[], now: Date): NewsEntry[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  return entries
    .filter((entry) => entry.published.getTime() >= from && entry.published.getTime() <= now.getTime())
    .sort((a, b) => b.published.getTime() - a.published.getTime())
    .slice(0, NEWS_MAX_URLS);
}

export interface Publication {
  name: string;
  /** ISO 639 language code ("en"). */
  language: string;
}

const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true });

/** Google News takes ISO 639 codes, with zh-cn / zh-tw for Chinese: `pt-BR` → `pt`, `zh-Hant-TW` → `zh-tw`. */
export function newsLanguage(lang: string): string {
  const locale = new Intl.Locale(lang);
  if (locale.language !== 'zh') return locale.language;
  return locale.maximize().script === 'Hant' ? 'zh-tw' : 'zh-cn';
}

export function newsSitemap(publication: Publication, entries: readonly NewsEntry[], now: Date): string {
  return xml.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    urlset: {
      '@_xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9',
      '@_xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9',
      url: recentNews(entries, now).map((entry) => ({
        loc: entry.url,
        lastmod: (entry.modified ?? entry.published).toISOString(),
        'news:news': {
          'news:publication': {
            'news:name': publication.name,
            'news:language': newsLanguage(entry.language ?? publication.language),
          },
          'news:publication_date': entry.published.toISOString(),
          'news:title': entry.title,
        },
      })),
    },
  });
}

/** robots.txt: everything may be crawled except the search results page; the sitemaps are named. */
export function robotsTxt({ searchPath, sitemaps }: { searchPath: string; sitemaps: string[] }): string {
  return [
    'User-agent: *',
    'Allow: /',
    `Disallow: ${searchPath}`,
    '',
    ...sitemaps.map((url) => `Sitemap: ${url}`),
    '',
  ].join('\n');
}
