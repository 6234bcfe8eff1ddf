import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { articleList } from '../comments/article-list.ts';

/** The articles that take comments, for the comment service's COMMENTS_ARTICLES (docs/comments.md). */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(articleList(await getArticles())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
