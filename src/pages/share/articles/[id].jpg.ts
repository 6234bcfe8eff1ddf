import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../../articles/collection.ts';
import { articleImageFile, articlesWithImage } from '../../../share-images/card-content.ts';
import { renderPhoto } from '../../../share-images/render.ts';

/** The share image of each article with its own image: that image cut to 1200x630 (cached). */
export const getStaticPaths = (async () =>
  (await articlesWithImage(true)).map((article) => ({
    params: { id: article.id },
    props: { article },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderPhoto(articleImageFile((props as { article: Article }).article))), {
    headers: { 'Content-Type': 'image/jpeg' },
  });
