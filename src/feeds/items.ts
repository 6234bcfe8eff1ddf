import { getImage } from 'astro:assets';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { bodyComponents } from '../components/media/index.ts';
import { getArticleAuthors, type Article } from '../articles/collection.ts';
import { paths, routes } from '../utils/routes.ts';
import { bodyContent } from '../article-content/body-content.ts';
import { buildSettings } from '../build-settings.ts';
import type { FeedImage, FeedItem } from './documents.ts';
import { feedHtml } from './item-html.ts';
import { articleShareImage } from '../share-images/image-files.ts';

let container: Promise<AstroContainer> | undefined;
const items = new Map<string, Promise<FeedItem>>();

async function articleHtml(article: Article, pageUrl: string): Promise<string> {
  container ??= loadRenderers([getContainerRenderer()]).then((renderers) => AstroContainer.create({ renderers }));
  const { Content } = await bodyContent(article, buildSettings.cacheDir);
  const html = await (await container).renderToString(Content, { props: { components: bodyComponents } });
  return feedHtml(html, pageUrl);
}

/** The hero photograph as a JPEG at most 1200 px wide, which every feed reader can show. */
async function heroImage(article: Article): Promise<FeedImage | undefined> {
  const hero = article.data.image;
  if (!hero) return undefined;
  const image = await getImage({ src: hero.src, width: Math.min(1200, hero.src.width), format: 'jpeg' });
  return {
    url: paths.absolute(image.src),
    type: 'image/jpeg',
    width: Number(image.attributes.width),
    height: Number(image.attributes.height),
    alt: hero.alt,
  };
}

/**
 * An article as a feed item, with its full HTML. Rendered once per build and shared by
 * every feed (RSS, Atom, JSON Feed and the per-tag feeds).
 */
function feedItem(article: Article): Promise<FeedItem> {
  let item = items.get(article.id);
  if (!item) {
    item = (async () => {
      const url = paths.absolute(routes.article(article.id));
      const authors = await getArticleAuthors(article);
      const { title, description, date, modified, tags } = article.data;
      const hero = await heroImage(article);
      return {
        url,
        title,
        summary: description,
        contentHtml: await articleHtml(article, url),
        published: date,
        updated: modified,
        authors: authors.map((author) => ({ name: author.data.name, url: paths.absolute(routes.author(author.id)) })),
        tags,
        image: paths.absolute(routes.shareImage(articleShareImage(article.id, Boolean(article.data.image)).file)),
        ...(hero ? { hero } : {}),
      };
    })();
    items.set(article.id, item);
  }
  return item;
}

/** How many articles a feed lists (newest first). */
const FEED_SIZE = 50;

export function feedItems(articles: readonly Article[]): Promise<FeedItem[]> {
  return Promise.all(articles.slice(0, FEED_SIZE).map(feedItem));
}
