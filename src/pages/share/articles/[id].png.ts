import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../../articles/collection.ts';
import { articleCard, articlesWithImage } from '../../../share-images/card-content.ts';
import { prepareCards, renderCard } from '../../../share-images/render.ts';

/** The drawn share card of each article without an image of its own (cached by what it shows). */
export const getStaticPaths = (async () => {
  const articles = await articlesWithImage(false);
  // Cards missing from the cache start drawing on worker threads now, while the pages render.
  await prepareCards(await Promise.all(articles.map(articleCard)));
  return articles.map((article) => ({ params: { id: article.id }, props: { article } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderCard(await articleCard((props as { article: Article }).article))), {
    headers: { 'Content-Type': 'image/png' },
  });
