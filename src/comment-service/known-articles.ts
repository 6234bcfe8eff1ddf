/**
 * The articles the service takes comments for, from the list the build publishes
 * (COMMENTS_ARTICLES: its URL or a file). Read at start, where a failure stops the service, and
 * again whenever it changes: a file when its modification time moves, a URL every minute. A list
 * that cannot be read later keeps the last good one.
 */
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../utils/config-error.ts';
import { parseHttpUrl } from '../utils/urls.ts';
import { parseArticleList, type ParsedArticleList } from '../comments/article-list.ts';

export interface KnownArticles {
  has(article: string): boolean;
  /** The article's headline, when the list gives it. */
  title(article: string): string | undefined;
  stop(): void;
}

const urlRefreshMs = 60_000;
const fileCheckMs = 1000;

async function readList(source: string): Promise<ParsedArticleList> {
  let text: string;
  if (parseHttpUrl(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, 'utf8');
  }
  const list = parseArticleList(text);
  if (!list) throw new Error('is not a list of articles ({"articles":[...]})');
  return list;
}

const modified = (file: string) =>
  stat(file).then(
    (info) => info.mtimeMs,
    () => null,
  );

export async function loadKnownArticles(source: string, onError: (message: string) => void): Promise<KnownArticles> {
  let articles: ParsedArticleList;
  try {
    articles = await readList(source);
  } catch (error) {
    throw new ConfigError(`COMMENTS_ARTICLES: cannot read the article list at ${source}: ${(error as Error).message}`);
  }
  const isUrl = parseHttpUrl(source) !== null;
  let lastModified = isUrl ? null : await modified(source);
  const refresh = async () => {
    if (!isUrl) {
      const now = await modified(source);
      if (now === null || now === lastModified) return;
      lastModified = now;
    }
    try {
      articles = await readList(source);
    } catch (error) {
      onError(`comments: kept the previous article list: ${source} ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void refresh(), isUrl ? urlRefreshMs : fileCheckMs);
  timer.unref();
  return {
    has: (article) => articles.ids.has(article),
    title: (article) => articles.titles.get(article),
    stop: () => clearInterval(timer),
  };
}
