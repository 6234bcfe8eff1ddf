import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { routes } from '../utils/routes.ts';
import { feedItems } from '../feeds/items.ts';
import { siteChannel } from '../feeds/channels.ts';
import { jsonFeed } from '../feeds/documents.ts';

export const GET: APIRoute = async () =>
  new Response(
    JSON.stringify(jsonFeed(siteChannel(routes.jsonFeed()), await feedItems(await getArticles())), null, 2),
    {
      headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
    },
  );
