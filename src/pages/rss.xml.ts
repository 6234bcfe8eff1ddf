import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getArticles } from '../articles/collection.ts';
import { routes } from '../utils/routes.ts';
import { feedItems } from '../feeds/items.ts';
import { siteChannel } from '../feeds/channels.ts';
import { rssItems, rssNamespaces, rssSelfLink } from '../feeds/documents.ts';

export const GET: APIRoute = async () => {
  const channel = siteChannel(routes.rss());
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.homeUrl,
    items: rssItems(await feedItems(await getArticles())),
    xmlns: rssNamespaces,
    customData: `<language>${channel.lang}</language>${rssSelfLink(channel.feedUrl)}`,
  });
};
