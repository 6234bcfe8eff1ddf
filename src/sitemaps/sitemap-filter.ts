/** Pages that do not belong in sitemap-index.xml: the not-found page and the search page. (Drafts are never built.) */
export function sitemapFilter(url: string): boolean {
  const { pathname } = new URL(url);
  return !/\/404(\.html|\/)?$/.test(pathname) && !/\/search\/$/.test(pathname);
}
