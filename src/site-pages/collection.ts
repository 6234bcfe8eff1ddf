import { getCollection, type CollectionEntry } from 'astro:content';
import { reservedPageSlugs } from './schema.ts';

export type SitePage = CollectionEntry<'pages'>;

const showDrafts = import.meta.env.DEV;
let published: Promise<SitePage[]> | undefined;

/** Published pages in footer order; a build error when a page's slug is one of the site's own routes. */
export function getSitePages(): Promise<SitePage[]> {
  published ??= getCollection('pages', (entry) => showDrafts || !entry.data.draft).then((pages) => {
    const clash = pages.find((page) => reservedPageSlugs.includes(page.id) || page.id.includes('/'));
    if (clash) {
      throw new Error(`${clash.filePath ?? clash.id}: a page is a file directly in content/pages/ and not named after a route of the site (${reservedPageSlugs.join(', ')})`);
    }
    return pages.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'en'));
  });
  return published;
}
