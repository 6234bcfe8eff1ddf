import { getArticleAuthors, withAuthors, type Article, type Author, type Story } from '../articles/collection.ts';
import { compiledBodyOf } from '../article-content/compiled-body.ts';
import { neighbours, relatedArticles } from '../articles/related.ts';
import { buildSettings, type CommentSettings } from '../build-settings.ts';
import { approvedComments } from '../comments/approved.ts';
import type { DisplayComment } from '../comments/thread.ts';
import { articleSeo } from '../seo/page-seo.ts';
import type { PageSeo } from '../seo/types.ts';
import { privacyPagePath } from '../site-pages/collection.ts';
import { paths, routes } from '../utils/routes.ts';

/** Everything an article page shows, gathered once and handed to its components. */
export interface ArticlePage {
  article: Article;
  /** In byline order. */
  authors: Author[];
  /** The address the page is shared and indexed under (frontmatter `canonical`, or its own). */
  url: string;
  readingMinutes: number;
  /** Related stories by shared topics, or the newer and older stories when none share one. */
  moreStories: { heading: string; stories: Story[] };
  seo: PageSeo;
  comments: Pick<CommentSettings, 'provider' | 'endpoint'> & {
    /** The article's `comments` frontmatter: false closes comments on this article. */
    open: boolean;
    approved: DisplayComment[];
    /** The privacy page, linked beside the form's e-mail field. */
    privacyHref: string | undefined;
  };
}

/** `articles` is every published article, newest first (getArticles()). */
export async function articlePage(article: Article, articles: readonly Article[]): Promise<ArticlePage> {
  const authors = await getArticleAuthors(article);
  const url = article.data.canonical ?? paths.absolute(routes.article(article.id));
  const related = relatedArticles(article, articles);
  const { newer, older } = neighbours(article, articles);
  const more = related.length > 0 ? related : [newer, older].filter((other): other is Article => other !== undefined);
  const { provider, endpoint } = buildSettings.comments;
  return {
    article,
    authors,
    url,
    readingMinutes: compiledBodyOf(article).readingMinutes,
    moreStories: {
      heading: related.length > 0 ? 'Related stories' : 'More stories',
      stories: await withAuthors(more),
    },
    seo: articleSeo(article, authors, url),
    comments: {
      provider,
      endpoint,
      open: article.data.comments,
      approved: await approvedComments(article.id),
      privacyHref: await privacyPagePath(),
    },
  };
}
