import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { NEWS_MAX_URLS, newsLanguage, newsSitemap, recentNews, robotsTxt } from '../../../src/sitemaps/news-sitemap.ts';
import { sitemapFilter } from '../../../src/sitemaps/sitemap-filter.ts';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

describe('news sitemap', () => {
  const now = new Date('2024-05-10T12:00:00Z');
  const entry = (hoursAgo: number, title = `h${hoursAgo}`) => ({
    url: `https://e.com/news/${title}/`,
    title,
    published: new Date(now.getTime() - hoursAgo * 3600_000),
  });

  it('keeps only the last two days, newest first, nothing from the future', () => {
    const picked = recentNews([entry(49), entry(1), entry(47), entry(-1)], now).map((e) => e.title);
    expect(picked).toEqual(['h1', 'h47']);
  });

  it('lists at most 1,000 articles', () => {
    const many = Array.from({ length: 1200 }, (_, i) => entry(i / 100, `a${i}`));
    expect(recentNews(many, now)).toHaveLength(NEWS_MAX_URLS);
  });

  it('writes the Google News format with escaped titles', () => {
    const parsed = xml.parse(newsSitemap({ name: 'The Meridian', language: 'en' }, [entry(1, 'A & B <c>')], now));
    expect(parsed.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const news = parsed.urlset.url['news:news'];
    expect(news['news:publication']).toEqual({ 'news:name': 'The Meridian', 'news:language': 'en' });
    expect(news['news:title']).toBe('A & B <c>');
    expect(news['news:publication_date']).toBe('2024-05-10T11:00:00.000Z');
  });

  it('gives each article its last change (a correction) as lastmod, and its own language', () => {
    const corrected = { ...entry(30, 'corrected'), modified: new Date('2024-05-10T11:30:00Z'), language: 'ar' };
    const urls = xml.parse(newsSitemap({ name: 'The Meridian', language: 'en' }, [corrected, entry(2, 'plain')], now))
      .urlset.url;
    expect(urls.map((url: { lastmod: string }) => url.lastmod)).toEqual([
      '2024-05-10T10:00:00.000Z',
      '2024-05-10T11:30:00.000Z',
    ]);
    expect(
      urls.map(
        (url: Record<string, Record<string, Record<string, string>>>) =>
          url['news:news']!['news:publication']!['news:language'],
      ),
    ).toEqual(['en', 'ar']);
    expect(['pt-BR', 'zh-Hant-TW', 'zh-CN', 'ar'].map(newsLanguage)).toEqual(['pt', 'zh-tw', 'zh-cn', 'ar']);
  });

  it('robots.txt names the sitemaps', () => {
    expect(robotsTxt({ searchPath: '/news/search/', sitemaps: ['https://e.com/news/sitemap-index.xml'] })).toBe(
      'User-agent: *\nAllow: /\nDisallow: /news/search/\n\nSitemap: https://e.com/news/sitemap-index.xml\n',
    );
  });
});

describe('sitemap filter', () => {
  it.each([
    ['https://e.com/news/', true],
    ['https://e.com/news/articles/a/', true],
    ['https://e.com/news/404/', false],
    ['https://e.com/404.html', false],
    ['https://e.com/news/search/', false],
  ])('%s -> %s', (url, kept) => expect(sitemapFilter(url)).toBe(kept));
});
