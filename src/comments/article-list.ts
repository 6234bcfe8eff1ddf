/**
 * The list of articles that take comments, published by the build (`/comment-articles.json`) and
 * read by the comment service so that it refuses comments on articles that do not exist.
 */
export const articleListPath = 'comment-articles.json';

export interface ArticleList {
  articles: string[];
  /** Each article's headline, for the moderation page and the e-mails (lists of older builds lack it). */
  titles?: Record<string, string>;
}

/** The ids of the articles whose comments are open, sorted, with their headlines. */
export function articleList(articles: { id: string; data: { comments: boolean; title: string } }[]): ArticleList {
  const open = articles
    .filter((article) => article.data.comments)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    articles: open.map((article) => article.id),
    titles: Object.fromEntries(open.map((article) => [article.id, article.data.title])),
  };
}

export interface ParsedArticleList {
  ids: Set<string>;
  titles: Map<string, string>;
}

/** Reads a published list; null when the text is not one. */
export function parseArticleList(text: string): ParsedArticleList | null {
  try {
    const parsed = JSON.parse(text) as Partial<ArticleList>;
    if (!Array.isArray(parsed.articles) || !parsed.articles.every((id) => typeof id === 'string')) return null;
    const titles = new Map<string, string>();
    if (typeof parsed.titles === 'object' && parsed.titles !== null) {
      for (const [id, title] of Object.entries(parsed.titles)) if (typeof title === 'string') titles.set(id, title);
    }
    return { ids: new Set(parsed.articles), titles };
  } catch {
    return null;
  }
}
