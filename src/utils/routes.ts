import { base, site } from 'astro:config/client';
import { createPaths } from './path-builder.ts';

/** Paths for this build, from Astro's configured `base` and `site` (SITE_URL and BASE_PATH). */
export const paths = createPaths(base, site ?? 'http://localhost:4321');

/** Every route of the site, in one place. */
export const routes = {
  home: () => paths.page(),
  /** The front page, or one of its archive pages (numbered from the oldest: src/articles/pagination.ts). */
  frontPage: (archivePage?: number) => (archivePage === undefined ? paths.page() : paths.page('page', archivePage)),
  article: (id: string) => paths.page('articles', id),
  sitePage: (id: string) => paths.page(id),
  pagesIndex: () => paths.page('pages'),
  tags: () => paths.page('tags'),
  /** A topic's page, or one of its archive pages. */
  tag: (slug: string, archivePage?: number) =>
    archivePage === undefined ? paths.page('tags', slug) : paths.page('tags', slug, archivePage),
  author: (id: string) => paths.page('authors', id),
  archive: () => paths.page('archive'),
  archiveMonth: (year: number, month: number) => paths.page('archive', year, String(month).padStart(2, '0')),
  search: () => paths.page('search'),
  rss: () => paths.file('rss.xml'),
  atom: () => paths.file('atom.xml'),
  jsonFeed: () => paths.file('feed.json'),
  tagRss: (slug: string) => paths.file('tags', slug, 'rss.xml'),
  sitemapIndex: () => paths.file('sitemap-index.xml'),
  newsSitemap: () => paths.file('news-sitemap.xml'),
  /** Generated share images: `articles/<id>.png` (drawn card) or `.jpg` (the article's own image), `site.png`, `logo.png`. */
  shareImage: (file: string) => paths.file('share', file),
};
