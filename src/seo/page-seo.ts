import type { Article, Author } from '../articles/collection.ts';
import { siteConfig } from '../site.config.ts';
import { paths, routes } from '../utils/routes.ts';
import { breadcrumbs, collectionPage, newsArticle, profilePage, webSite, type Publisher } from './json-ld.ts';
import type { PageSeo, SeoImage } from './types.ts';
import { articleShareImage, logoImage, siteShareImage, type ShareImageFile } from '../share-images/image-files.ts';

/**
 * PageSeo for each kind of page, from the site's own data. Every absolute URL is built with
 * paths.absolute(), so a site under a base path ("/news/") keeps it everywhere.
 */

const absolute = (path: string) => paths.absolute(path);

function imageOf(file: ShareImageFile, alt: string): SeoImage {
  return { url: absolute(routes.shareImage(file.file)), width: file.width, height: file.height, alt, type: file.type };
}

export const publisher: Publisher = {
  name: siteConfig.title,
  url: absolute(routes.home()),
  logo: imageOf(logoImage, `${siteConfig.title} logo`),
};

const siteCard = () => imageOf(siteShareImage, `${siteConfig.title}: ${siteConfig.tagline}`);

/** The default for any page: a web page with the site card. */
export function basicSeo({
  title,
  description,
  url,
}: {
  title: string;
  description: string;
  url: string | null;
}): PageSeo {
  return { type: 'website', title, description, url, image: siteCard(), jsonLd: [] };
}

export function frontPageSeo(url: string, title: string): PageSeo {
  return {
    ...basicSeo({ title, description: siteConfig.description, url }),
    jsonLd: [
      webSite({
        publisher,
        description: siteConfig.description,
        lang: siteConfig.lang,
        searchUrlTemplate: `${absolute(routes.search())}?q={search_term_string}`,
      }),
    ],
  };
}

/** The alt text of an article's share image. */
function articleImageAlt(article: Article): string {
  return article.data.image?.alt ?? `${article.data.title}: ${siteConfig.title}`;
}

export function articleSeo(article: Article, authors: readonly Author[], canonical: string): PageSeo {
  const { title, description, date, modified, section, tags, tagSlugs, corrections, lang } = article.data;
  const image = imageOf(articleShareImage(article.id, Boolean(article.data.image)), articleImageAlt(article));
  const people = authors.map((author) => ({
    name: author.data.name,
    url: absolute(routes.author(author.id)),
    ...(author.data.url ? { sameAs: [author.data.url] } : {}),
  }));
  const firstTag = tags[0] ?? '';
  return {
    type: 'article',
    title,
    description,
    url: canonical,
    image,
    article: {
      published: date,
      modified,
      authors: people.map(({ name, url }) => ({ name, url })),
      section: section ?? firstTag,
      tags,
    },
    jsonLd: [
      newsArticle({
        url: canonical,
        title,
        description,
        images: [image.url],
        published: date,
        modified,
        authors: people,
        corrections,
        section: section ?? firstTag,
        tags,
        lang,
        publisher,
      }),
      breadcrumbs([
        { name: siteConfig.title, url: absolute(routes.home()) },
        { name: firstTag, url: absolute(routes.tag(tagSlugs[0] ?? '')) },
        { name: title, url: absolute(routes.article(article.id)) },
      ]),
    ],
  };
}

export function tagSeo(input: {
  tag: string;
  url: string;
  title: string;
  description: string;
  articles: Article[];
}): PageSeo {
  return {
    ...basicSeo(input),
    jsonLd: [
      collectionPage({
        url: input.url,
        name: input.title,
        description: input.description,
        lang: siteConfig.lang,
        publisher,
        items: input.articles.map((article) => absolute(routes.article(article.id))),
      }),
      breadcrumbs([
        { name: siteConfig.title, url: absolute(routes.home()) },
        { name: 'Topics', url: absolute(routes.tags()) },
        { name: input.tag, url: input.url },
      ]),
    ],
  };
}

export function authorSeo(author: Author, url: string): PageSeo {
  const { name, bio, url: ownSite } = author.data;
  return {
    ...basicSeo({ title: name, description: bio, url }),
    type: 'profile',
    jsonLd: [
      profilePage({
        url,
        lang: siteConfig.lang,
        publisher,
        person: { name, url, description: bio, ...(ownSite ? { sameAs: [ownSite] } : {}) },
      }),
    ],
  };
}
