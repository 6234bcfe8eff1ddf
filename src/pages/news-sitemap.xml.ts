import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { siteConfig } from '../site.config.ts';
import { paths, routes } from '../utils/routes.ts';
import { newsSitemap } from '../sitemaps/news-sitemap.ts';

/** Google News sitemap of the articles published in the two days before this build. */
export const GET: APIRoute = async () => {
  const entries = (await getArticles()).map((article) => ({
    url: paths.absolute(routes.article(article.id)),
    title: article.data.title,
    published: article.data.date,
    modified: article.data.modified,
    language: article.data.lang,
  }));
  return new Response(newsSitemap({ name: siteConfig.title, language: siteConfig.lang }, entries, new Date()), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
};
