import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { HTMLElement } from 'node-html-parser';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { listHtmlFiles } from '../../../src/deploy/output.ts';
import { listFiles, readPage, visibleText } from '../../support/html.ts';
import { mediaArticleId } from '../../support/media-fixture.ts';

/** The seed article (content/articles/); its text is read back from its built page. */
const seedArticleId = 'russia-reaffirms-deepening-ties-with-myanmar';
const seed = { title: 'Russia reaffirms deepening ties with Myanmar', body: [] as string[] };

const siteDir = inject('siteDir');
const newsSiteDir = inject('newsSiteDir');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

const articleIds = [seedArticleId, 'fixture-markdown-features', mediaArticleId];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Head {
  file: string;
  page: HTMLElement;
  meta(key: string): string[];
  canonical: string[];
  jsonLd: Record<string, unknown>[];
}

async function heads(dir: string): Promise<Head[]> {
  const files = await listHtmlFiles(dir);
  return Promise.all(
    files.map(async (file) => {
      const page = await readPage(dir, `/${file}`);
      const head = page.querySelector('head')!;
      return {
        file,
        page,
        meta: (key: string) =>
          head
            .querySelectorAll('meta')
            .filter((meta) => meta.getAttribute('property') === key || meta.getAttribute('name') === key)
            .map((meta) => meta.getAttribute('content') ?? ''),
        canonical: head.querySelectorAll('link[rel="canonical"]').map((link) => link.getAttribute('href') ?? ''),
        jsonLd: head
          .querySelectorAll('script[type="application/ld+json"]')
          .map((script) => JSON.parse(script.textContent) as Record<string, unknown>),
      };
    }),
  );
}

/** The output file an absolute URL of the built site points to. */
function fileFor(dir: string, origin: string, url: string): string {
  expect(url.startsWith(origin), `${url} should start with ${origin}`).toBe(true);
  const rest = decodeURIComponent(url.slice(origin.length));
  return path.join(dir, rest.endsWith('/') ? `${rest}index.html` : rest);
}

const typeOf = (data: Record<string, unknown>) => data['@type'];

describe('every page head (root build)', () => {
  let pages: Head[];
  beforeAll(async () => {
    pages = await heads(siteDir);
  });

  it('has a canonical link, description, robots, Open Graph and X tags and feed links', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const { file, page, meta, canonical } of pages) {
      const where = `in ${file}`;
      const hasAddress = file !== '404.html';
      expect(canonical, where).toHaveLength(hasAddress ? 1 : 0);
      expect(meta('og:url'), where).toHaveLength(hasAddress ? 1 : 0);
      if (hasAddress) expect(canonical[0], where).toMatch(/^https:\/\/news\.example\.com\//);
      expect(meta('description')[0], where).toBeTruthy();
      expect(meta('robots')[0], where).toContain('max-image-preview:large');
      for (const key of [
        'og:type',
        'og:title',
        'og:description',
        'og:site_name',
        'og:locale',
        'og:image',
        'og:image:width',
        'og:image:height',
        'og:image:alt',
        'twitter:card',
        'twitter:title',
        'twitter:description',
        'twitter:image',
        'twitter:image:alt',
      ]) {
        expect(meta(key), `${key} ${where}`).toHaveLength(1);
        expect(meta(key)[0], `${key} ${where}`).toBeTruthy();
      }
      expect(meta('og:url')[0], where).toBe(canonical[0]);
      expect(meta('twitter:card')[0]).toBe('summary_large_image');
      const feeds = page.querySelectorAll('head link[rel="alternate"]').map((link) => link.getAttribute('type'));
      expect(feeds, where).toEqual(
        expect.arrayContaining(['application/rss+xml', 'application/atom+xml', 'application/feed+json']),
      );
    }
  });

  it('every og:image exists in the output with the declared size and is under 300 KB', async () => {
    const images = new Map<string, { width: string; height: string }>();
    for (const { meta } of pages)
      images.set(meta('og:image')[0]!, { width: meta('og:image:width')[0]!, height: meta('og:image:height')[0]! });
    expect(images.size).toBeGreaterThanOrEqual(articleIds.length + 1);
    for (const [url, declared] of images) {
      const file = fileFor(siteDir, 'https://news.example.com/', url);
      expect(existsSync(file), url).toBe(true);
      const { width, height, format } = await sharp(file).metadata();
      expect([String(width), String(height)], url).toEqual([declared.width, declared.height]);
      expect(['png', 'jpeg']).toContain(format);
      expect((await stat(file)).size, url).toBeLessThan(300 * 1024);
    }
  });

  it('article pages have article tags, X labels and NewsArticle + BreadcrumbList JSON-LD', () => {
    for (const id of articleIds) {
      const head = pages.find((p) => p.file === `articles/${id}/index.html`)!;
      expect(head.meta('og:type')).toEqual(['article']);
      for (const key of ['article:published_time', 'article:modified_time'])
        expect(head.meta(key)[0]).toMatch(ISO_WITH_OFFSET);
      expect(head.meta('article:author')[0]).toMatch(/^https:\/\/news\.example\.com\/authors\/[^/]+\/$/);
      expect(head.meta('article:section')[0]).toBeTruthy();
      expect(head.meta('article:tag').length).toBeGreaterThan(0);
      expect(head.meta('twitter:label1')).toEqual(['Written by']);
      expect(head.meta('twitter:label2')).toEqual(['Filed under']);
      const article = head.jsonLd.find((data) => typeOf(data) === 'NewsArticle')!;
      expect(article).toBeDefined();
      expect(String(article.headline).length).toBeLessThanOrEqual(110);
      expect(article.description).toBe(head.meta('description')[0]);
      expect(article.image).toEqual([head.meta('og:image')[0]]);
      expect(article.datePublished).toMatch(ISO_WITH_OFFSET);
      expect(article.dateModified).toMatch(ISO_WITH_OFFSET);
      // One Person per author, in byline order, matching the article:author tags (co-authored stories have several).
      expect(article.author).toEqual(
        head
          .meta('article:author')
          .map((url) => expect.objectContaining({ '@type': 'Person', name: expect.any(String), url })),
      );
      expect(article.publisher).toMatchObject({
        '@type': 'Organization',
        name: 'The Meridian',
        logo: { '@type': 'ImageObject' },
      });
      expect(article.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': head.canonical[0] });
      expect(article.keywords).toEqual(head.meta('article:tag'));
      const crumbs = head.jsonLd.find((data) => typeOf(data) === 'BreadcrumbList') as {
        itemListElement: { item: string }[];
      };
      expect(crumbs.itemListElement.at(-1)!.item).toBe(`https://news.example.com/articles/${id}/`);
    }
  });

  it('the seed article unfurls with its own image, title, description and author', () => {
    const head = pages.find((p) => p.file === `articles/${seedArticleId}/index.html`)!;
    expect(head.meta('og:title')).toEqual([seed.title]);
    expect(head.meta('og:image')).toEqual([`https://news.example.com/share/articles/${seedArticleId}.png`]);
    expect(head.meta('twitter:data1')).toEqual(['Ahmed Adel']);
    expect(head.meta('twitter:data2')).toEqual(['Russia']);
    expect(head.meta('article:tag')).toEqual(['Russia', 'Myanmar', 'ASEAN', 'Sanctions', 'Diplomacy']);
  });

  it('an article with its own image shares that image cut to 1200x630', async () => {
    const head = pages.find((p) => p.file === `articles/${articleIds[1]}/index.html`)!;
    expect(head.meta('og:image')[0]).toBe(`https://news.example.com/share/articles/${articleIds[1]}.jpg`);
    expect(head.meta('og:image:alt')).toEqual(['A harbour at sunset drawn as a gradient']);
  });

  it('front, tag and author pages carry WebSite, CollectionPage and ProfilePage data', () => {
    const data = (file: string) => pages.find((p) => p.file === file)!.jsonLd.map(typeOf);
    expect(data('index.html')).toContain('WebSite');
    expect(data('tags/russia/index.html')).toEqual(['CollectionPage', 'BreadcrumbList']);
    expect(data('authors/ahmed-adel/index.html')).toEqual(['ProfilePage']);
    const profile = pages.find((p) => p.file === 'authors/ahmed-adel/index.html')!;
    expect(profile.meta('og:type')).toEqual(['profile']);
    const tagPage = pages.find((p) => p.file === 'tags/russia/index.html')!;
    expect(tagPage.page.querySelector('head link[href="https://news.example.com/tags/russia/rss.xml"]')).not.toBeNull();
  });

  it('the not-found page (404.html at the top, as every host expects) asks not to be indexed and claims no address', () => {
    const notFound = pages.find((p) => p.file === '404.html')!;
    expect(notFound.meta('robots')[0]).toContain('noindex');
    expect(notFound.canonical).toEqual([]);
    expect(notFound.meta('og:url')).toEqual([]);
  });

  it('the search page asks not to be indexed', () => {
    expect(pages.find((p) => p.file === 'search/index.html')!.meta('robots')[0]).toContain('noindex');
  });
});

describe('article page sharing', () => {
  it('has plain share links for every network, with the page URL encoded', async () => {
    const page = await readPage(siteDir, `/articles/${seedArticleId}/`);
    const rows = page.querySelectorAll('.share');
    expect(rows.map((row) => row.classList.contains('top'))).toEqual([true, false]); // under the byline, at the end
    expect(rows[1]!.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(
      rows[0]!.querySelectorAll('a').map((a) => a.getAttribute('href')),
    );
    const links = rows[0]!
      .querySelectorAll('a')
      .map((a) => ({ network: a.getAttribute('data-network'), href: a.getAttribute('href') ?? '' }));
    expect(links.map((link) => link.network)).toEqual([
      'x',
      'facebook',
      'linkedin',
      'telegram',
      'whatsapp',
      'reddit',
      'email',
    ]);
    const url = `https://news.example.com/articles/${seedArticleId}/`;
    for (const { network, href } of links) expect(href, network ?? '').toContain(encodeURIComponent(url));
    expect(page.querySelector('[data-share-native]')?.getAttribute('data-url')).toBe(url);
    // Every link and button is named for screen readers, and its icon is decoration.
    for (const control of rows[0]!.querySelectorAll('a, button')) {
      expect(control.querySelector('.visually-hidden')?.textContent.trim()).toMatch(/^Share/);
      expect(control.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    }
    expect(page.querySelectorAll('script[src]').every((s) => !/^https?:/.test(s.getAttribute('src')!))).toBe(true);
  });

  it('gives every h2/h3 of an article a stable id and a link to it', async () => {
    const page = await readPage(siteDir, `/articles/${articleIds[1]}/`);
    const headings = page
      .querySelectorAll('.prose h2, .prose h3')
      .filter((h) => h.getAttribute('id') !== 'footnote-label');
    expect(headings.map((h) => h.getAttribute('id'))).toEqual([
      'a-section-with-a-table',
      'a-smaller-section',
      'a-wide-table',
    ]);
    for (const heading of headings) {
      expect(heading.querySelector('a.heading-anchor')?.getAttribute('href')).toBe(`#${heading.getAttribute('id')}`);
    }
  });
});

describe('feeds', () => {
  beforeAll(async () => {
    const page = await readPage(siteDir, `/articles/${seedArticleId}/`);
    seed.body = page.querySelectorAll('.prose > p').map(visibleText);
    expect(seed.body.length).toBe(14);
  });
  const stripTags = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
  const hasFullText = (html: string) => seed.body.every((paragraph) => stripTags(html).includes(paragraph));

  it('the story with a hero photograph carries it in every feed, and the channel describes itself with the tagline', async () => {
    const url = 'https://news.example.com/articles/fixture-markdown-features/';
    const rss = xml.parse(await readFile(path.join(siteDir, 'rss.xml'), 'utf8')).rss;
    expect(rss.channel.description).toBe('News and analysis from around the world');
    const item = [rss.channel.item].flat().find((i: { link: string }) => i.link === url);
    const media = item['media:content'];
    expect(media['@_medium']).toBe('image');
    expect(media['@_type']).toBe('image/jpeg');
    const photo = new URL(media['@_url']);
    expect(photo.origin).toBe('https://news.example.com');
    // The file is in the build, and is the JPEG the feed says it is.
    const bytes = await readFile(path.join(siteDir, decodeURIComponent(photo.pathname)));
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    const atom = xml.parse(await readFile(path.join(siteDir, 'atom.xml'), 'utf8')).feed;
    const entry = [atom.entry].flat().find((e: { id: string }) => e.id === url);
    expect([entry.link].flat().find((l: Record<string, string>) => l['@_rel'] === 'enclosure')['@_href']).toBe(
      photo.href,
    );
    const json = JSON.parse(await readFile(path.join(siteDir, 'feed.json'), 'utf8'));
    expect(json.items.find((i: { id: string }) => i.id === url).image).toBe(photo.href);
  });

  it('RSS 2.0 has the seed article with its full text, dc:creator, categories and a stable guid', async () => {
    const rss = xml.parse(await readFile(path.join(siteDir, 'rss.xml'), 'utf8')).rss;
    expect(rss['@_version']).toBe('2.0');
    const items = [rss.channel.item].flat();
    const item = items.find((i: { link: string }) => i.link === `https://news.example.com/articles/${seedArticleId}/`);
    expect(item.guid['#text']).toBe(item.link);
    expect(item['dc:creator']).toBe('Ahmed Adel');
    expect(item.category).toEqual(['Russia', 'Myanmar', 'ASEAN', 'Sanctions', 'Diplomacy']);
    expect(hasFullText(item['content:encoded'])).toBe(true);
    expect(items.some((i: { title: string }) => /draft/i.test(i.title))).toBe(false);
  });

  it('Atom and JSON Feed 1.1 have the seed article with its full text', async () => {
    const atom = xml.parse(await readFile(path.join(siteDir, 'atom.xml'), 'utf8')).feed;
    const entry = [atom.entry].flat().find((e: { id: string }) => e.id.endsWith(`/${seedArticleId}/`));
    expect(hasFullText(entry.content['#text'])).toBe(true);
    const json = JSON.parse(await readFile(path.join(siteDir, 'feed.json'), 'utf8'));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    const item = json.items.find((i: { id: string }) => i.id.endsWith(`/${seedArticleId}/`));
    expect(hasFullText(item.content_html)).toBe(true);
    expect(item.authors).toEqual([{ name: 'Ahmed Adel', url: 'https://news.example.com/authors/ahmed-adel/' }]);
  });

  it('each tag has its own RSS feed with only that tag’s articles', async () => {
    const rss = xml.parse(await readFile(path.join(siteDir, 'tags', 'fixtures', 'rss.xml'), 'utf8')).rss;
    const items = [rss.channel.item].flat();
    expect(items.map((i: { title: string }) => i.title)).toEqual([
      'مقال اختباري لفحص اتجاه الكتابة من اليمين إلى اليسار',
      'Fixture story with two authors, two corrections and a breaking label',
      'Fixture article with a table, footnotes and a hero image',
    ]);
  });
});

describe('sitemaps and robots', () => {
  it('sitemap-index.xml lists pages without the 404, drafts or search', async () => {
    const index = xml.parse(await readFile(path.join(siteDir, 'sitemap-index.xml'), 'utf8')).sitemapindex;
    const urls: string[] = [];
    for (const { loc } of [index.sitemap].flat()) {
      const set = xml.parse(await readFile(fileFor(siteDir, 'https://news.example.com/', loc), 'utf8')).urlset;
      urls.push(...[set.url].flat().map((u: { loc: string }) => u.loc));
    }
    expect(urls).toContain(`https://news.example.com/articles/${seedArticleId}/`);
    expect(urls.some((u) => /404|draft|search/.test(u))).toBe(false);
  });

  it('news-sitemap.xml is a Google News urlset (the fixtures are years old, so it lists none)', async () => {
    const set = xml.parse(await readFile(path.join(siteDir, 'news-sitemap.xml'), 'utf8')).urlset;
    expect(set['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(set['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(set.url).toBeUndefined();
  });

  it('robots.txt names both sitemaps', async () => {
    const robots = await readFile(path.join(siteDir, 'robots.txt'), 'utf8');
    expect(robots).toContain('Sitemap: https://news.example.com/sitemap-index.xml');
    expect(robots).toContain('Sitemap: https://news.example.com/news-sitemap.xml');
  });
});

describe('search index', () => {
  it('Pagefind indexed the article pages only, with tag and author filters', async () => {
    // The fixture's articles are all from 2022: the newest month (September) and the rest of the year, newest first.
    const manifest = JSON.parse(await readFile(path.join(siteDir, 'pagefind', 'shards.json'), 'utf8'));
    expect(manifest).toEqual({ shards: ['2022-09/', '2022/'] });
    const pageCount = async (shard: string) =>
      JSON.parse(await readFile(path.join(siteDir, 'pagefind', shard, 'pagefind-entry.json'), 'utf8')).languages.en
        .page_count as number;
    // Plus the co-authored fixture, the layout fixture and the Arabic one: one index for every language (forceLanguage).
    expect((await pageCount('2022-09')) + (await pageCount('2022'))).toBe(articleIds.length + 3);
    const page = await readPage(siteDir, `/articles/${seedArticleId}/`);
    const body = page.querySelector('[data-pagefind-body]')!;
    expect(body.querySelectorAll('[data-pagefind-filter^="tag"]').map((el) => el.getAttribute('data-value'))).toEqual([
      'Russia',
      'Myanmar',
      'ASEAN',
      'Sanctions',
      'Diplomacy',
    ]);
    expect(body.querySelector('[data-pagefind-filter^="author"]')?.getAttribute('data-value')).toBe('Ahmed Adel');
  });

  it('the search page is a plain GET form that links to every topic', async () => {
    const page = await readPage(siteDir, '/search/');
    const form = page.querySelector('form[role="search"]')!;
    expect(form.getAttribute('action')).toBe('/search/');
    expect(form.getAttribute('method')).toBe('get');
    expect(form.querySelector('input[name="q"]')).not.toBeNull();
    const hrefs = page.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining(['/tags/russia/', '/tags/fixtures/']));
    expect(page.querySelectorAll('script[src*="pagefind"], link[href*="pagefind"]')).toHaveLength(0);
  });
});

describe('a build under BASE_PATH=/news/', () => {
  const origin = 'https://example.com/news/';

  it('every absolute URL in heads, feeds and sitemaps is under the base path', async () => {
    const files = (await listFiles(newsSiteDir)).filter(
      (file) => /\.(html|xml|json|txt)$/.test(file) && !file.startsWith('pagefind/'),
    );
    const ours = /https:\/\/example\.com[^\s"'<>)]*/g;
    let checked = 0;
    for (const file of files) {
      const text = await readFile(path.join(newsSiteDir, file), 'utf8');
      for (const [url] of text.matchAll(ours)) {
        checked += 1;
        expect(url.startsWith(origin), `${url} in ${file}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('every og:image resolves to a file of the build', async () => {
    for (const { meta } of await heads(newsSiteDir)) {
      expect(existsSync(fileFor(newsSiteDir, origin, meta('og:image')[0]!))).toBe(true);
    }
  });

  it('root-relative links and sources in pages stay under /news/', async () => {
    for (const { file, page } of await heads(newsSiteDir)) {
      for (const element of page.querySelectorAll('[href], [src], [action], [data-bundle]')) {
        for (const attribute of ['href', 'src', 'action', 'data-bundle']) {
          const value = element.getAttribute(attribute);
          if (value?.startsWith('/')) expect(value.startsWith('/news/'), `${attribute}=${value} in ${file}`).toBe(true);
        }
      }
    }
  });
});
