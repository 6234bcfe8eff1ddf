import XMLBuilder from 'fast-xml-builder';

/**
 * Feed documents other than RSS (which @astrojs/rss writes): Atom 1.0 and JSON Feed 1.1,
 * and the RSS items themselves. Pure: every URL passed in must already be absolute.
 */

export interface FeedAuthor {
  name: string;
  url: string;
}

export interface FeedItem {
  /** Absolute URL of the article; also its permanent id (guid). */
  url: string;
  title: string;
  summary: string;
  /** The full article as HTML with absolute links. */
  contentHtml: string;
  published: Date;
  /** The last change: an update or a correction. */
  updated: Date;
  /** In byline order. */
  authors: FeedAuthor[];
  tags: string[];
  /** Absolute URL of the share image. */
  image?: string;
  /** The article's hero photograph, when it has one. */
  hero?: FeedImage;
}

/** A photograph as feeds carry it: RSS media:content, an Atom enclosure link, JSON Feed's image. */
export interface FeedImage {
  /** Absolute URL. */
  url: string;
  /** MIME type ("image/jpeg"). */
  type: string;
  width: number;
  height: number;
  /** What the picture shows. */
  alt: string;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed mirrors (front page or tag page). */
  homeUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  lang: string;
  iconUrl: string;
}

/** The newest moment in a feed, for its `updated` stamp; stable between builds of the same content. */
function feedUpdated(items: readonly FeedItem[]): Date {
  return items.reduce((latest, item) => (item.updated > latest ? item.updated : latest), new Date(0));
}

const xml = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
  processEntities: true,
});

export function atomFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': channel.lang,
      id: channel.feedUrl,
      title: channel.title,
      subtitle: channel.description,
      updated: feedUpdated(items).toISOString(),
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': channel.feedUrl },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': channel.homeUrl },
      ],
      icon: channel.iconUrl,
      entry: items.map((item) => ({
        id: item.url,
        title: item.title,
        link: [
          { '@_rel': 'alternate', '@_type': 'text/html', '@_href': item.url },
          ...(item.hero ? [{ '@_rel': 'enclosure', '@_type': item.hero.type, '@_href': item.hero.url }] : []),
        ],
        published: item.published.toISOString(),
        updated: item.updated.toISOString(),
        author: item.authors.map((author) => ({ name: author.name, uri: author.url })),
        category: item.tags.map((tag) => ({ '@_term': tag })),
        summary: item.summary,
        content: { '@_type': 'html', '#text': item.contentHtml },
      })),
    },
  };
  return xml.build(document);
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(channel: FeedChannel, items: readonly FeedItem[]): object {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    description: channel.description,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrl,
    language: channel.lang,
    icon: channel.iconUrl,
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.summary,
      content_html: item.contentHtml,
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      authors: item.authors.map((author) => ({ name: author.name, url: author.url })),
      tags: item.tags,
      ...(item.hero || item.image ? { image: item.hero?.url ?? item.image } : {}),
    })),
  };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Namespaces the RSS feed uses beyond the content module @astrojs/rss adds itself. */
export const rssNamespaces = {
  dc: 'http://purl.org/dc/elements/1.1/',
  atom: 'http://www.w3.org/2005/Atom',
  media: 'http://search.yahoo.com/mrss/',
};

/** The hero photograph as Media RSS, which feed readers show beside the item. */
function rssMedia(hero: FeedImage): string {
  const { url, type, width, height, alt } = hero;
  return (
    `<media:content url="${escapeXml(url)}" type="${escapeXml(type)}" medium="image" width="${width}" height="${height}">` +
    `<media:description type="plain">${escapeXml(alt)}</media:description></media:content>`
  );
}

/**
 * Items in @astrojs/rss's shape: full HTML in content:encoded, each author as a dc:creator, tags as
 * categories, the hero photograph as media:content.
 */
export function rssItems(items: readonly FeedItem[]) {
  return items.map((item) => ({
    title: item.title,
    link: item.url,
    pubDate: item.published,
    description: item.summary,
    content: item.contentHtml,
    categories: item.tags,
    customData:
      item.authors.map((author) => `<dc:creator>${escapeXml(author.name)}</dc:creator>`).join('') +
      (item.hero ? rssMedia(item.hero) : ''),
  }));
}

/** The channel's self link (RSS best practice), as @astrojs/rss customData. */
export function rssSelfLink(feedUrl: string): string {
  return `<atom:link href="${escapeXml(feedUrl)}" rel="self" type="application/rss+xml"/>`;
}
