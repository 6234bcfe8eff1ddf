import type { APIRoute } from 'astro';
import { siteCard } from '../../sharing/share-image/jobs.ts';
import { renderCard } from '../../sharing/share-image/render.ts';

/** The share card of pages that are not articles. */
export const GET: APIRoute = async () =>
  new Response(new Uint8Array(await renderCard(siteCard())), { headers: { 'Content-Type': 'image/png' } });
