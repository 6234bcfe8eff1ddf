import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticles } from '../../../articles/collection.ts';
import { pageKeys } from '../../../incremental/page-keys.ts';
import { tagCounts } from '../../../articles/archive.ts';
import { feedItems } from '../../../feeds/items.ts';
import { tagChannel } from '../../../feeds/channels.ts';
import { rssItems, rssNamespaces, rssSelfLink } from '../../../feeds/documents.ts';

/** One RSS feed per tag: /tags/<slug>/rss.xml. */
export const getStaticPaths = (async () => {
  const [articles, keyOf] = await Promise.all([getArticles(), pageKeys()]);
  return tagCounts(articles).map(({ tag, slug }) => {
    const props = { tag, slug, articles: articles.filter((article) => article.data.tagSlugs.includes(slug)) };
    return { params: { tag: slug }, props, cacheKey: keyOf(props) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { tag, slug, articles } = props as {
    tag: string;
    slug: string;
    articles: Awaited<ReturnType<typeof getArticles>>;
  };
  const channel = tagChannel(tag, slug);
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.homeUrl,
    items: rssItems(await feedItems(articles)),
    xmlns: rssNamespaces,
    customData: `<language>${channel.lang}</language>${rssSelfLink(channel.feedUrl)}`,
  });
};
