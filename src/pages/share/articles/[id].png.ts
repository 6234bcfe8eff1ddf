import type { APIRoute, GetStaticPaths } from 'astro';
import { articleCard, articlesWithImage } from '../../../share-images/card-content.ts';
import type { CardText } from '../../../share-images/card.ts';
import { prepareCards, renderCard } from '../../../share-images/render.ts';
import { pageKeys } from '../../../incremental/page-keys.ts';

/** The drawn share card of each article without an image of its own (cached by what it shows). */
export const getStaticPaths = (async () => {
  const [articles, keyOf] = await Promise.all([articlesWithImage(false), pageKeys()]);
  const cards = await Promise.all(articles.map(articleCard));
  // Cards missing from the cache start drawing on worker threads now, while the pages render.
  await prepareCards(cards);
  // Keyed by what the card shows, so an incremental build copies an unchanged card instead of running this route.
  return articles.map((article, i) => ({
    params: { id: article.id },
    props: { card: cards[i]! },
    cacheKey: keyOf(cards[i]),
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderCard((props as { card: CardText }).card)), {
    headers: { 'Content-Type': 'image/png' },
  });
