import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { byNewest } from './archive.ts';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;

/** Drafts and scheduled articles are shown by `astro dev` (so editors can preview them) and never by a production build. */
const showDrafts = import.meta.env.DEV;

/**
 * Whether a reader may see the article when this build runs: not a draft, and its date has come.
 * An article dated in the future is scheduled: the first build after that time publishes it
 * (the deploy workflow rebuilds on a timer for that).
 */
export function isPublished(data: { draft: boolean; date: Date }, now: Date): boolean {
  return !data.draft && data.date.getTime() <= now.getTime();
}

interface Published {
  /** Newest first. */
  articles: Article[];
  /** Each article's authors, by article id. */
  authors: Map<string, Author[]>;
}

let published: Promise<Published> | undefined;

/** Every article a reader may see with its authors, resolved once per build (a missing author stops the build here). */
function loadPublished(): Promise<Published> {
  const now = new Date();
  published ??= getCollection('articles', (entry) => showDrafts || isPublished(entry.data, now)).then(
    async (entries) => {
      const authors = new Map(
        await Promise.all(entries.map(async (entry) => [entry.id, await resolveAuthors(entry)] as const)),
      );
      return { articles: entries.sort(byNewest), authors };
    },
  );
  return published;
}

/** Every article a reader may see, newest first. */
export async function getArticles(): Promise<Article[]> {
  return (await loadPublished()).articles;
}

/** The authors an article names, in byline order. */
export async function getArticleAuthors(article: Article): Promise<Author[]> {
  return (await loadPublished()).authors.get(article.id) ?? resolveAuthors(article);
}

/** The author entries an article names; a build error naming the article file when an id is unknown. */
function resolveAuthors(article: Article): Promise<Author[]> {
  return Promise.all(
    article.data.authors.map(async (reference) => {
      const author = await getEntry(reference);
      if (!author) {
        throw new Error(
          `${article.filePath ?? article.id}: author "${reference.id}" is not in content/authors/ ` +
            `(add content/authors/${reference.id}.yaml or fix the author field)`,
        );
      }
      return author;
    }),
  );
}

/** Whether `author` is one of the article's authors. */
export const isByAuthor = (article: Article, author: Author) =>
  article.data.authors.some((reference) => reference.id === author.id);

export function getAuthors(): Promise<Author[]> {
  return getCollection('authors');
}

export interface Story {
  article: Article;
  /** In byline order. */
  authors: Author[];
}

/** Pairs each article with its authors, in order. */
export function withAuthors(articles: readonly Article[]): Promise<Story[]> {
  return Promise.all(articles.map(async (article) => ({ article, authors: await getArticleAuthors(article) })));
}
