import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { byNewest } from './archive.ts';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;

/** Drafts are shown by `astro dev` and never by a production build. */
const showDrafts = import.meta.env.DEV;

interface Published {
  /** Newest first. */
  articles: Article[];
  /** Each article's author, by article id. */
  authors: Map<string, Author>;
}

let published: Promise<Published> | undefined;

/** Articles dated after the build wait for a later build: scheduled publishing. */
const builtAt = Date.now();

/** Every article a reader may see with its author, resolved once per build (a missing author stops the build here). */
function loadPublished(): Promise<Published> {
  const visible = (entry: Article) => showDrafts || (!entry.data.draft && entry.data.date.getTime() <= builtAt);
  published ??= getCollection('articles', visible).then(async (entries) => {
    const authors = new Map(await Promise.all(entries.map(async (entry) => [entry.id, await resolveAuthor(entry)] as const)));
    return { articles: entries.sort(byNewest), authors };
  });
  return published;
}

/** Every article a reader may see, newest first. */
export async function getArticles(): Promise<Article[]> {
  return (await loadPublished()).articles;
}

/** The author an article names. */
export async function getArticleAuthor(article: Article): Promise<Author> {
  return (await loadPublished()).authors.get(article.id) ?? resolveAuthor(article);
}

/** The author entry an article names; a build error naming the article file when the id is unknown. */
async function resolveAuthor(article: Article): Promise<Author> {
  const author = await getEntry(article.data.author);
  if (!author) {
    throw new Error(
      `${article.filePath ?? article.id}: author "${article.data.author.id}" is not in content/authors/ ` +
        `(add content/authors/${article.data.author.id}.yaml or fix the author field)`,
    );
  }
  return author;
}

export function getAuthors(): Promise<Author[]> {
  return getCollection('authors');
}

export interface Story {
  article: Article;
  author: Author;
}

/** Pairs each article with its author, in order. */
export function withAuthors(articles: readonly Article[]): Promise<Story[]> {
  return Promise.all(articles.map(async (article) => ({ article, author: await getArticleAuthor(article) })));
}
