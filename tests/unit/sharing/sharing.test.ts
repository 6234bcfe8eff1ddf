import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { metaTags, jsonLdScript, type PageSeo } from '../../../src/seo/types.ts';
import { headline, newsArticle, breadcrumbs } from '../../../src/seo/json-ld.ts';
import { shareTargets } from '../../../src/share-links/share-targets.ts';
import { NEWS_MAX_URLS, newsSitemap, recentNews, robotsTxt } from '../../../src/sitemaps/news-sitemap.ts';
import { atomFeed, jsonFeed, rssItems, type FeedChannel, type FeedItem } from '../../../src/feeds/documents.ts';
import { feedHtml } from '../../../src/feeds/item-html.ts';
import { parseUnicodeRange, subsetsFor } from '../../../src/share-images/subsets.ts';
import { cardTree, estimatedLines, headlineSize, monogram, showsDek, treeText } from '../../../src/share-images/card.ts';
import { siteHost } from '../../../src/share-images/article-card.ts';
import { articleShareImage } from '../../../src/share-images/image-files.ts';
import { hashOf } from '../../../src/share-images/cache.ts';
import { sitemapFilter } from '../../../src/sitemaps/sitemap-filter.ts';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

const image = { url: 'https://example.com/news/share/a.png', width: 1200, height: 630, alt: 'Alt', type: 'image/png' };
const articleSeo: PageSeo = {
  type: 'article',
  title: 'Title',
  description: 'Desc',
  url: 'https://example.com/news/articles/a/',
  image,
  article: {
    published: new Date('2022-08-08T09:00:00Z'),
    modified: new Date('2022-08-09T09:00:00Z'),
    authorUrl: 'https://example.com/news/authors/x/',
    authorName: 'X Y',
    section: 'World',
    tags: ['Russia', 'ASEAN'],
  },
  jsonLd: [],
};

describe('metaTags', () => {
  const tags = metaTags(articleSeo, { name: 'The Meridian', locale: 'en_GB' });
  const values = (key: string) =>
    tags.filter((tag) => ('property' in tag ? tag.property : tag.name) === key).map((tag) => tag.content);

  it('has Open Graph, article and X tags, one article:tag per tag', () => {
    expect(values('og:type')).toEqual(['article']);
    expect(values('og:image')).toEqual([image.url]);
    expect(values('og:image:width')).toEqual(['1200']);
    expect(values('article:tag')).toEqual(['Russia', 'ASEAN']);
    expect(values('article:published_time')).toEqual(['2022-08-08T09:00:00.000Z']);
    expect(values('twitter:card')).toEqual(['summary_large_image']);
    expect(values('twitter:data1')).toEqual(['X Y']);
    expect(values('twitter:data2')).toEqual(['Russia']);
    expect(values('robots')).toEqual(['max-image-preview:large']);
  });

  it('adds noindex to robots when asked and leaves article tags off other pages', () => {
    const other = metaTags({ ...articleSeo, type: 'website', article: undefined, robots: 'noindex' } as PageSeo, {
      name: 'n',
      locale: 'en',
    });
    expect(other.find((tag) => 'name' in tag && tag.name === 'robots')?.content).toBe('max-image-preview:large, noindex');
    expect(other.some((tag) => 'property' in tag && tag.property.startsWith('article:'))).toBe(false);
  });

  it('escapes < in JSON-LD so text cannot close the script', () => {
    const script = jsonLdScript({ headline: '</script><script>alert(1)</script>' });
    expect(script).not.toContain('</script>');
    expect(JSON.parse(script)).toEqual({ headline: '</script><script>alert(1)</script>' });
  });
});

describe('JSON-LD', () => {
  it('cuts headlines over 110 characters at a word, with an ellipsis', () => {
    const long = 'word '.repeat(40).trim();
    const cut = headline(long);
    expect([...cut].length).toBeLessThanOrEqual(110);
    expect(cut.endsWith('word…')).toBe(true);
    expect(headline('Short one')).toBe('Short one');
  });

  it('builds a NewsArticle with the required properties', () => {
    const data = newsArticle({
      url: 'https://e.com/a/',
      title: 'T',
      description: 'D',
      images: ['https://e.com/i.png'],
      published: new Date('2022-08-08T09:00:00+02:00'),
      modified: new Date('2022-08-08T10:00:00+02:00'),
      author: { name: 'A', url: 'https://e.com/authors/a/' },
      section: 'World',
      tags: ['x'],
      lang: 'en',
      publisher: { name: 'P', url: 'https://e.com/', logo: image },
    });
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      datePublished: '2022-08-08T07:00:00.000Z',
      author: [{ '@type': 'Person', name: 'A', url: 'https://e.com/authors/a/' }],
      publisher: { '@type': 'Organization', name: 'P', logo: { url: image.url } },
      mainEntityOfPage: { '@id': 'https://e.com/a/' },
      keywords: ['x'],
    });
  });

  it('numbers breadcrumbs from 1', () => {
    const list = breadcrumbs([
      { name: 'Home', url: 'https://e.com/' },
      { name: 'A', url: 'https://e.com/a/' },
    ]);
    expect(list.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://e.com/' },
      { '@type': 'ListItem', position: 2, name: 'A', item: 'https://e.com/a/' },
    ]);
  });
});

describe('share links', () => {
  const targets = shareTargets({ url: 'https://e.com/news/a b/?x=1&y=2', title: 'Ties & “trade”', description: 'Dek' });

  it('covers every network and encodes the URL and title', () => {
    expect(targets.map((target) => target.id)).toEqual(['x', 'facebook', 'linkedin', 'telegram', 'whatsapp', 'reddit', 'email']);
    const x = new URL(targets[0]!.href);
    expect(x.searchParams.get('url')).toBe('https://e.com/news/a b/?x=1&y=2');
    expect(x.searchParams.get('text')).toBe('Ties & “trade”');
    expect(new URL(targets[4]!.href).searchParams.get('text')).toBe('Ties & “trade” https://e.com/news/a b/?x=1&y=2');
  });

  it('writes spaces in mailto links as %20, never +', () => {
    const email = targets[6]!.href;
    expect(email.startsWith('mailto:?subject=Ties%20%26%20')).toBe(true);
    expect(email).not.toContain('+');
    expect(decodeURIComponent(email.split('body=')[1]!)).toBe('Dek\n\nhttps://e.com/news/a b/?x=1&y=2');
  });
});

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

  it('robots.txt names the sitemaps', () => {
    expect(robotsTxt({ searchPath: '/news/search/', sitemaps: ['https://e.com/news/sitemap-index.xml'] })).toBe(
      'User-agent: *\nAllow: /\nDisallow: /news/search/\n\nSitemap: https://e.com/news/sitemap-index.xml\n',
    );
  });
});

describe('feeds', () => {
  const channel: FeedChannel = {
    title: 'T & Co',
    description: 'D',
    homeUrl: 'https://e.com/news/',
    feedUrl: 'https://e.com/news/atom.xml',
    lang: 'en',
    iconUrl: 'https://e.com/news/share/logo.png',
  };
  const item: FeedItem = {
    url: 'https://e.com/news/articles/a/',
    title: 'A <b>',
    summary: 'S',
    contentHtml: '<p>Body &amp; more</p>',
    published: new Date('2022-08-08T09:00:00Z'),
    updated: new Date('2022-08-09T09:00:00Z'),
    author: { name: 'Ann & Bob', url: 'https://e.com/news/authors/a/' },
    tags: ['X', 'Y'],
  };

  it('Atom parses and carries the full HTML, author and categories', () => {
    const feed = xml.parse(atomFeed(channel, [item])).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.updated).toBe('2022-08-09T09:00:00.000Z');
    expect(feed.entry.id).toBe(item.url);
    expect(feed.entry.content['#text']).toBe('<p>Body &amp; more</p>');
    expect(feed.entry.author.name).toBe('Ann & Bob');
    expect(feed.entry.category.map((c: Record<string, string>) => c['@_term'])).toEqual(['X', 'Y']);
  });

  it('JSON Feed is version 1.1 with authors and content_html', () => {
    const feed = jsonFeed(channel, [item]) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items[0]).toMatchObject({ id: item.url, content_html: item.contentHtml, authors: [{ name: 'Ann & Bob' }] });
  });

  it('RSS items escape the dc:creator name', () => {
    expect(rssItems([item])[0]!.customData).toBe('<dc:creator>Ann &amp; Bob</dc:creator>');
  });

  it('makes links absolute and drops aria-hidden repeats from feed HTML', () => {
    const html = feedHtml(
      '<h2 id="s"><a href="#s">S</a></h2><p><a href="/news/tags/x/">x</a> <img src="/news/_astro/i.jpg" srcset="/news/a.jpg 1x, /news/b.jpg 2x"></p><aside aria-hidden="true">quote</aside>',
      'https://e.com/news/articles/a/',
    );
    expect(html).toContain('href="https://e.com/news/articles/a/#s"');
    expect(html).toContain('href="https://e.com/news/tags/x/"');
    expect(html).toContain('src="https://e.com/news/_astro/i.jpg"');
    expect(html).toContain('srcset="https://e.com/news/a.jpg 1x, https://e.com/news/b.jpg 2x"');
    expect(html).not.toContain('quote');
  });
});

describe('share card', () => {
  it('parses CSS unicode ranges', () => {
    expect(parseUnicodeRange('U+0460-052F,U+20B4, U+1F??')).toEqual([
      [0x460, 0x52f],
      [0x20b4, 0x20b4],
      [0x1f00, 0x1fff],
    ]);
    expect(() => parseUnicodeRange('U+zz')).toThrow(/unicode-range/);
  });

  it('loads only the font subsets the text needs', () => {
    const subsets = { latin: parseUnicodeRange('U+0000-00FF'), cyrillic: parseUnicodeRange('U+0400-045F'), greek: parseUnicodeRange('U+0370-03FF') };
    expect(subsetsFor('Plain English', subsets)).toEqual(['latin']);
    expect(subsetsFor('Лавров and Ελλάδα', subsets)).toEqual(['latin', 'cyrillic', 'greek']);
  });

  it('shrinks long headlines and keeps short ones large', () => {
    const short = headlineSize('Short headline');
    const long = headlineSize('A very long headline '.repeat(6));
    expect(short).toBeGreaterThan(long);
    expect(estimatedLines('A very long headline '.repeat(6), long)).toBeGreaterThan(2);
    expect(showsDek('Short headline', 'Dek')).toBe(true);
    expect(showsDek('A very long headline '.repeat(6), 'Dek')).toBe(false);
  });

  it('draws every piece of text it is given', () => {
    const text = treeText(
      cardTree({ headline: 'H', kicker: 'K', dek: 'D', byline: 'By A', date: '1 May', siteName: 'S', siteHost: 'e.com/news' }),
    );
    for (const part of ['H', 'K', 'D', 'By A', '1 May', 'S', 'e.com/news']) expect(text).toContain(part);
  });

  it('hashes equal content equally and different content differently', () => {
    expect(hashOf({ a: 1, b: 'x' })).toBe(hashOf({ a: 1, b: 'x' }));
    expect(hashOf(cardTree({ headline: 'A', siteName: 'S', siteHost: 'h' }))).not.toBe(
      hashOf(cardTree({ headline: 'B', siteName: 'S', siteHost: 'h' })),
    );
  });

  it('names files and hosts', () => {
    expect(articleShareImage('a', false).file).toBe('articles/a.png');
    expect(articleShareImage('a', true)).toMatchObject({ file: 'articles/a.jpg', type: 'image/jpeg', width: 1200, height: 630 });
    expect(siteHost('https://example.com/news/')).toBe('example.com/news');
    expect(siteHost('https://news.example.com/')).toBe('news.example.com');
    expect(monogram('The Meridian')).toBe('M');
    expect(monogram('ámbito')).toBe('Á');
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
