import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { byNewest } from './archive.ts';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;

/** Drafts are shown by `astro dev` and never by a production build. */
const showDrafts = import.meta.env.DEV;

let published: Promise<Article[]> | undefined;

/** Articles dated after the build wait for a later build: scheduled publishing. */
const builtAt = Date.now();

/** Every article a reader may see, newest first. Loaded once per build. */
export function getArticles(): Promise<Article[]> {
  published ??= getCollection('articles', (entry) => showDrafts || (!entry.data.draft && entry.data.date.getTime() <= builtAt)).then(async (entries) => {
    await Promise.all(entries.map(getArticleAuthor));
    return entries.sort(byNewest);
  });
  return published;
}

/** The author an article names; a build error naming the article file when the id is unknown. */
export async function getArticleAuthor(article: Article): Promise<Author> {
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
