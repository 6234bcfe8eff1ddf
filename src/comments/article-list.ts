/**
 * The list of articles that take comments, published by the build (`/comment-articles.json`) and
 * read by the comment service so that it refuses comments on articles that do not exist.
 */
export const articleListPath = 'comment-articles.json';

export interface ArticleList {
  articles: string[];
}

/** The ids of the articles whose comments are open, sorted. */
export function articleList(articles: { id: string; data: { comments: boolean } }[]): ArticleList {
  return { articles: articles.filter((article) => article.data.comments).map((article) => article.id).sort() };
}

/** Reads a published list; null when the text is not one. */
export function parseArticleList(text: string): Set<string> | null {
  try {
    const parsed = JSON.parse(text) as Partial<ArticleList>;
    if (!Array.isArray(parsed.articles) || !parsed.articles.every((id) => typeof id === 'string')) return null;
    return new Set(parsed.articles);
  } catch {
    return null;
  }
}
