import { joinNames } from '../articles/byline.ts';

/**
 * What a page says about itself to link previews (Open Graph, X/Twitter) and search engines.
 * Pure: pages build a PageSeo with the helpers in ./page-seo.ts and SeoHead turns it into tags.
 */

export interface SeoImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
  alt: string;
  type: string;
}

export interface ArticleFacts {
  published: Date;
  modified: Date;
  /** Each author, in byline order: name and the absolute URL of their page on this site. */
  authors: { name: string; url: string }[];
  section: string;
  tags: string[];
}

export interface PageSeo {
  /** og:type. */
  type: 'website' | 'article' | 'profile';
  /** The page's own title, without the site name. */
  title: string;
  description: string;
  /** Absolute canonical URL; null for a page with no address of its own (the not-found page). */
  url: string | null;
  image: SeoImage;
  /** Extra robots directives ("noindex" for the 404 page); max-image-preview:large is always added. */
  robots?: string;
  article?: ArticleFacts;
  /** JSON-LD objects, each emitted as its own script. */
  jsonLd: object[];
}

export interface SiteFacts {
  name: string;
  locale: string;
}

/** One `<meta>`: `property` for Open Graph, `name` for everything else. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

/** Every meta tag of a page, in a stable order. */
export function metaTags(seo: PageSeo, site: SiteFacts): MetaTag[] {
  const tags: MetaTag[] = [
    { name: 'description', content: seo.description },
    { name: 'robots', content: ['max-image-preview:large', seo.robots].filter(Boolean).join(', ') },
    { property: 'og:type', content: seo.type },
    { property: 'og:title', content: seo.title },
    { property: 'og:description', content: seo.description },
    ...(seo.url ? [{ property: 'og:url', content: seo.url }] : []),
    { property: 'og:site_name', content: site.name },
    { property: 'og:locale', content: site.locale },
    { property: 'og:image', content: seo.image.url },
    { property: 'og:image:type', content: seo.image.type },
    { property: 'og:image:width', content: String(seo.image.width) },
    { property: 'og:image:height', content: String(seo.image.height) },
    { property: 'og:image:alt', content: seo.image.alt },
  ];
  const article = seo.article;
  if (article) {
    tags.push(
      { property: 'article:published_time', content: article.published.toISOString() },
      { property: 'article:modified_time', content: article.modified.toISOString() },
      ...article.authors.map((author) => ({ property: 'article:author', content: author.url })),
      { property: 'article:section', content: article.section },
      ...article.tags.map((tag) => ({ property: 'article:tag', content: tag })),
    );
  }
  tags.push(
    { name: 'twitter:card', content: 'summary_large_image' },
    { name: 'twitter:title', content: seo.title },
    { name: 'twitter:description', content: seo.description },
    { name: 'twitter:image', content: seo.image.url },
    { name: 'twitter:image:alt', content: seo.image.alt },
  );
  if (article) {
    tags.push(
      { name: 'twitter:label1', content: 'Written by' },
      { name: 'twitter:data1', content: joinNames(article.authors.map((author) => author.name)) },
      { name: 'twitter:label2', content: 'Filed under' },
      { name: 'twitter:data2', content: article.tags[0] ?? article.section },
    );
  }
  return tags;
}

/** JSON for an inline `<script type="application/ld+json">`: `<` is escaped so no text can close the script. */
export function jsonLdScript(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
