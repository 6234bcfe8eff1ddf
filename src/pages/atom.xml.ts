import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { routes } from '../utils/routes.ts';
import { feedItems } from '../feeds/items.ts';
import { siteChannel } from '../feeds/channels.ts';
import { atomFeed } from '../feeds/documents.ts';

export const GET: APIRoute = async () =>
  new Response(atomFeed(siteChannel(routes.atom()), await feedItems(await getArticles())), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
