import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../../articles/collection.ts';
import { articleCard, articlesWithImage } from '../../../share-images/card-content.ts';
import { renderCard } from '../../../share-images/render.ts';

/** The drawn share card of each article without an image of its own (cached by what it shows). */
export const getStaticPaths = (async () =>
  (await articlesWithImage(false)).map((article) => ({ params: { id: article.id }, props: { article } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderCard(await articleCard((props as { article: Article }).article))), {
    headers: { 'Content-Type': 'image/png' },
  });
