import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { atomFeed, jsonFeed, rssItems, type FeedChannel, type FeedItem } from '../../../src/feeds/documents.ts';
import { feedHtml } from '../../../src/feeds/item-html.ts';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

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
    authors: [{ name: 'Ann & Bob', url: 'https://e.com/news/authors/a/' }],
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
    expect(feed.items[0]).toMatchObject({
      id: item.url,
      content_html: item.contentHtml,
      authors: [{ name: 'Ann & Bob' }],
    });
  });

  it('RSS items escape the dc:creator name', () => {
    expect(rssItems([item])[0]!.customData).toBe('<dc:creator>Ann &amp; Bob</dc:creator>');
  });

  it('names every co-author and carries the last change (a correction) as the updated date', () => {
    const shared: FeedItem = {
      ...item,
      updated: new Date('2022-08-12T08:00:00Z'),
      authors: [
        { name: 'Ann', url: 'https://e.com/news/authors/ann/' },
        { name: 'Bob', url: 'https://e.com/news/authors/bob/' },
      ],
    };
    const atom = xml.parse(atomFeed(channel, [shared])).feed;
    expect(atom.entry.author.map((a: { name: string }) => a.name)).toEqual(['Ann', 'Bob']);
    expect(atom.entry.updated).toBe('2022-08-12T08:00:00.000Z');
    expect(atom.updated).toBe('2022-08-12T08:00:00.000Z');
    const json = jsonFeed(channel, [shared]) as { items: Array<{ authors: unknown; date_modified: string }> };
    expect(json.items[0]).toMatchObject({
      authors: [{ name: 'Ann' }, { name: 'Bob' }],
      date_modified: '2022-08-12T08:00:00.000Z',
    });
    expect(rssItems([shared])[0]!.customData).toBe('<dc:creator>Ann</dc:creator><dc:creator>Bob</dc:creator>');
  });

  it('makes links absolute and drops aria-hidden repeats from feed HTML', () => {
    const html = feedHtml(
      '<h2 id="s"><a href="#s">S</a></h2>' +
        '<p><a href="/news/tags/x/">x</a> <img src="/news/_astro/i.jpg" srcset="/news/a.jpg 1x, /news/b.jpg 2x"></p>' +
        '<aside aria-hidden="true">quote</aside>',
      'https://e.com/news/articles/a/',
    );
    expect(html).toContain('href="https://e.com/news/articles/a/#s"');
    expect(html).toContain('href="https://e.com/news/tags/x/"');
    expect(html).toContain('src="https://e.com/news/_astro/i.jpg"');
    expect(html).toContain('srcset="https://e.com/news/a.jpg 1x, https://e.com/news/b.jpg 2x"');
    expect(html).not.toContain('quote');
  });

  it('drops scripts (an embed’s click-to-load script) and keeps the embed’s link', () => {
    const html = feedHtml(
      '<figure class="embed"><a href="https://www.youtube.com/watch?v=aqz-KE-bpKQ" data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ">Play video</a></figure><script type="module">load()</script>',
      'https://e.com/articles/a/',
    );
    expect(html).not.toContain('<script');
    expect(html).toContain('href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"');
  });
});
