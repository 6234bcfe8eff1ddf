import type { APIRoute } from 'astro';
import { paths, routes } from '../utils/routes.ts';
import { robotsTxt } from '../sitemaps/news-sitemap.ts';

export const GET: APIRoute = () =>
  new Response(
    robotsTxt({
      searchPath: routes.search(),
      sitemaps: [paths.absolute(routes.sitemapIndex()), paths.absolute(routes.newsSitemap())],
    }),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
