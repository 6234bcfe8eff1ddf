import { getCollection, type CollectionEntry } from 'astro:content';
import { routes } from '../utils/routes.ts';
import { reservedPageSlugs } from './schema.ts';

export type SitePage = CollectionEntry<'pages'>;

const showDrafts = import.meta.env.DEV;
let published: Promise<SitePage[]> | undefined;

/** The file name of the privacy policy (content/pages/privacy.mdx), which the comment form links to. */
export const privacyPageId = 'privacy';

/** The privacy page's path when the site has one. */
export async function privacyPagePath(): Promise<string | undefined> {
  const pages = await getSitePages();
  return pages.some((page) => page.id === privacyPageId) ? routes.sitePage(privacyPageId) : undefined;
}

/** Published pages in footer order; a build error when a page's slug is one of the site's own routes. */
export function getSitePages(): Promise<SitePage[]> {
  published ??= getCollection('pages', (entry) => showDrafts || !entry.data.draft).then((pages) => {
    const clash = pages.find((page) => reservedPageSlugs.includes(page.id) || page.id.includes('/'));
    if (clash) {
      throw new Error(
        `${clash.filePath ?? clash.id}: a page is a file directly in content/pages/ and not named after a route of the site (${reservedPageSlugs.join(', ')})`,
      );
    }
    return pages.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'en'));
  });
  return published;
}

/** Pages linked from the footer, and whether some are listed on the pages index only. */
export async function footerPages(): Promise<{ pages: SitePage[]; more: boolean }> {
  const pages = await getSitePages();
  const linked = pages.filter((page) => page.data.footer);
  return { pages: linked, more: linked.length < pages.length };
}
