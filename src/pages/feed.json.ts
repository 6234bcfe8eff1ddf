import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { routes } from '../utils/routes.ts';
import { feedItems } from '../sharing/feed-items.ts';
import { siteChannel } from '../sharing/feed-channels.ts';
import { jsonFeed } from '../sharing/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(jsonFeed(siteChannel(routes.jsonFeed()), await feedItems(await getArticles())), null, 2), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
