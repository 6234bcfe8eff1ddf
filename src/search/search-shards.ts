import { createHash } from 'node:crypto';

/**
 * How the search index is split into shards. Pagefind cannot update an index in place, so the
 * site's index is several Pagefind bundles merged in the browser (`mergeIndex`): one for the
 * newest month of publication, where new stories land, and one per earlier year. Publishing a
 * story re-indexes that month (tens of pages, not a year of them); an edit, the shard of the
 * story's month or year; the first story of a new month, once, the year the last month joins.
 * A shard is identified by what Pagefind reads from its pages (the marked body and the page's
 * address), so a shard whose pages read the same is taken from the cache.
 */

/** One article page, as the shard plan sees it. */
export interface IndexedPage {
  /** Path of the HTML file inside the output folder, with forward slashes. */
  file: string;
  /** Its month of publication (`2024-03`), if the page says. */
  month?: string;
  /** Digest of what Pagefind reads from the page. */
  digest: string;
}

export interface Shard {
  name: string;
  /** Digest of the shard's pages and of the indexer's version and settings. */
  key: string;
  files: string[];
}

/** The manifest the search page reads: the shards' folders under `pagefind/`, newest first. */
export interface ShardManifest {
  shards: string[];
}

export const SHARD_MANIFEST = 'shards.json';
const UNDATED = 'undated';

/** Reads a built article page: its month and the digest of the part Pagefind indexes. */
export function indexedPage(file: string, html: string): IndexedPage {
  const month = publicationMonth(html);
  return { file, ...(month ? { month } : {}), digest: digest(indexedRegion(html)) };
}

/** The month (`2024-03`) of `article:published_time` in the page's head, else of the first `<time datetime>`. */
export function publicationMonth(html: string): string | undefined {
  const published = /<meta[^>]+property="article:published_time"[^>]+content="(\d{4}-\d\d)-/.exec(html);
  return published?.[1] ?? /<time[^>]+datetime="(\d{4}-\d\d)-/.exec(html)?.[1];
}

/** The shard of a page: the newest month's own, else its year's (or `undated`). */
function shardOf(page: IndexedPage, newestMonth: string | undefined): string {
  if (!page.month) return UNDATED;
  return page.month === newestMonth ? page.month : page.month.slice(0, 4);
}

/**
 * The element marked `data-pagefind-body`, up to its own closing tag (elements of the same name
 * nested inside are counted), plus the page's `<html lang>`: all that Pagefind takes from a page
 * whose body is marked. Lists around it (more stories, comments) change with every new story
 * and must not make a shard look changed.
 */
export function indexedRegion(html: string): string {
  const marker = html.indexOf('data-pagefind-body');
  if (marker === -1) return html;
  const start = html.lastIndexOf('<', marker);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(start))?.[1];
  if (!tag) return html.slice(start);
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return `${/<html[^>]*>/i.exec(html)?.[0] ?? ''}${html.slice(start, tags.lastIndex)}`;
  }
  return html.slice(start);
}

/**
 * Groups pages into shards, newest first: the newest month, then the years. `settings` is
 * whatever else decides the index's bytes (Pagefind's version, the forced language), so that
 * changing it rebuilds every shard.
 */
export function planShards(pages: IndexedPage[], settings: string): Shard[] {
  const newestMonth = pages.reduce<string | undefined>(
    (newest, page) => (page.month && (!newest || page.month > newest) ? page.month : newest),
    undefined,
  );
  const byName = new Map<string, IndexedPage[]>();
  for (const page of pages) {
    const shard = shardOf(page, newestMonth);
    const members = byName.get(shard);
    if (members) members.push(page);
    else byName.set(shard, [page]);
  }
  return [...byName.keys()].sort(newestFirst).map((name) => {
    const members = byName.get(name)!.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const key = digest([settings, ...members.map((page) => `${page.file}\0${page.digest}`)].join('\n'));
    return { name, key, files: members.map((page) => page.file) };
  });
}

function newestFirst(a: string, b: string): number {
  if (a === UNDATED || b === UNDATED) return a === UNDATED ? 1 : -1;
  return b.localeCompare(a);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
