import type { APIRoute } from 'astro';
import { siteCard } from '../../share-images/card-content.ts';
import { renderCard } from '../../share-images/render.ts';

/** The share card of pages that are not articles. */
export const GET: APIRoute = async () =>
  new Response(new Uint8Array(await renderCard(siteCard())), { headers: { 'Content-Type': 'image/png' } });
