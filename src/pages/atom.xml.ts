import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { routes } from '../utils/routes.ts';
import { feedItems } from '../sharing/feed-items.ts';
import { siteChannel } from '../sharing/feed-channels.ts';
import { atomFeed } from '../sharing/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(atomFeed(siteChannel(routes.atom()), await feedItems(await getArticles())), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
