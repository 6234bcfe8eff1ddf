/**
 * The old site's addresses and where they lead now, written to content/_redirects
 * (read by the build, src/deploy/redirects.ts): each post's permalink and `?p=<id>`,
 * each page's permalink and `?page_id=<id>`, category and tag archives and their feeds, the main feeds.
 */
import type { Redirect } from '../../deploy/redirects.ts';
import { tagSlug } from '../../articles/tags.ts';

/** The path of an old address on its site, or null when it is not on the site. */
export function oldPath(link: string, siteUrl: string): string | null {
  try {
    const site = new URL(siteUrl);
    const url = new URL(link, site);
    if (url.host !== site.host) return null;
    return url.pathname;
  } catch {
    return null;
  }
}

const redirect = (from: string, to: string, query: Record<string, string> = {}): Redirect => ({
  from,
  query,
  to,
  status: 301,
});

/** Redirects for one imported post or page, to its new path (before the base path). */
export function entryRedirects(
  { link, id, type }: { link: string; id: string; type: 'post' | 'page' },
  to: string,
  siteUrl: string,
): Redirect[] {
  const redirects: Redirect[] = [];
  const from = oldPath(link, siteUrl);
  // With plain permalinks the link is "/?p=123" itself, which the query rule covers.
  if (from && from !== '/' && from !== to) redirects.push(redirect(from, to));
  if (/^\d+$/.test(id)) redirects.push(redirect('/', to, { [type === 'page' ? 'page_id' : 'p']: id }));
  return redirects;
}

export interface ArchiveTerm {
  taxonomy: 'category' | 'post_tag';
  /** The archive's path after /category/ or /tag/ (a subcategory's includes its parents). */
  archivePath: string;
  name: string;
}

/**
 * Category and tag archives of terms that became tags of published articles, and their feeds
 * (`/category/x/feed/`, `/tag/y/feed/`), to the topic page and the topic's feed.
 */
export function archiveRedirects(terms: readonly ArchiveTerm[], publishedTagSlugs: ReadonlySet<string>): Redirect[] {
  return terms
    .filter((term) => publishedTagSlugs.has(tagSlug(term.name)))
    .flatMap((term) => {
      const archive = `/${term.taxonomy === 'category' ? 'category' : 'tag'}/${term.archivePath}/`;
      const topic = `/tags/${tagSlug(term.name)}/`;
      return [redirect(archive, topic), redirect(`${archive}feed/`, `${topic}rss.xml`)];
    });
}

/** WordPress's main feeds (RSS 2.0 at /feed/ and /feed/rss2/, Atom at /feed/atom/) to the site's. */
export const feedRedirects: readonly Redirect[] = [
  redirect('/feed/', '/rss.xml'),
  redirect('/feed/rss2/', '/rss.xml'),
  redirect('/feed/atom/', '/atom.xml'),
];

export function renderContentRedirects(redirects: readonly Redirect[], source: string): string {
  const lines = [
    `# Old addresses of ${source} and their pages here, written by npm run import:wordpress.`,
    '# Netlify syntax; targets are paths of this site (the build adds BASE_PATH). See docs/wordpress-import.md.',
    ...redirects.map((r) =>
      [r.from, ...Object.entries(r.query).map(([k, v]) => `${k}=${v}`), r.to, String(r.status)].join(' '),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
