import { getArticleAuthors, getArticles, type Article } from '../articles/collection.ts';
import { joinNames } from '../articles/byline.ts';
import { siteConfig } from '../site.config.ts';
import { formatDate } from '../utils/dates.ts';
import { paths, routes } from '../utils/routes.ts';
import { articleCardText, siteHost } from './article-card.ts';
import type { CardText } from './card.ts';

/** Inputs of the share-image endpoints under src/pages/share/: what each image shows. */

const siteUrl = () => paths.absolute(routes.home());

export async function articleCard(article: Article): Promise<CardText> {
  const authors = await getArticleAuthors(article);
  return articleCardText({
    ...article.data,
    authorName: joinNames(authors.map((author) => author.data.name)),
    date: formatDate(article.data.date),
    siteName: siteConfig.title,
    siteUrl: siteUrl(),
  });
}

/** The file of an article's own image (Astro gives image metadata a build-time `fsPath`). */
export function articleImageFile(article: Article): string {
  const source = article.data.image?.src as { fsPath?: string } | undefined;
  if (!source?.fsPath) throw new Error(`Share image: no file found for the image of article "${article.id}"`);
  return source.fsPath;
}

export function siteCard(): CardText {
  return {
    headline: siteConfig.tagline,
    dek: siteConfig.description,
    siteName: siteConfig.title,
    siteHost: siteHost(siteUrl()),
  };
}

export async function articlesWithImage(withImage: boolean): Promise<Article[]> {
  return (await getArticles()).filter((article) => Boolean(article.data.image) === withImage);
}
