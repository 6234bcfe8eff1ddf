import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex, type SearchIndexSummary } from './pagefind-index.ts';

export interface SearchIndexIntegrations {
  /** Starts Pagefind on the written pages, and returns at once. */
  start: AstroIntegration;
  /** Waits for the index (and fails the build if indexing failed). Goes after `start` and the steps to overlap. */
  finish: AstroIntegration;
}

export type IndexSite = (outDir: string, cacheDir: string) => Promise<SearchIndexSummary>;

/**
 * Indexes the built site with Pagefind once the pages are written. Pagefind works in its own
 * process, so the build:done steps between `start` and `finish` in the integration list (the CSP
 * merge, pages at old addresses, the CMS admin: all outside the indexed `articles/` pages, or
 * pages without `data-pagefind-body`) run on the other core meanwhile instead of after it.
 * Unchanged shards of the index are kept in `cacheDir` between builds.
 */
export function searchIndex(cacheDir: string, indexSite: IndexSite = buildSearchIndex): SearchIndexIntegrations {
  let indexing: Promise<SearchIndexSummary & { ms: number }> | undefined;
  return {
    start: {
      name: 'meridian:search-index',
      hooks: {
        'astro:build:done': ({ dir }) => {
          const started = performance.now();
          indexing = indexSite(fileURLToPath(dir), cacheDir).then((summary) => ({
            ...summary,
            ms: Math.round(performance.now() - started),
          }));
          // Failures are reported by `finish`; until then a rejection is not "unhandled".
          indexing.catch(() => undefined);
        },
      },
    },
    finish: {
      name: 'meridian:search-index-done',
      hooks: {
        'astro:build:done': async ({ logger }) => {
          if (!indexing) throw new Error('the search index was never started: list searchIndex().start before .finish');
          const { pages, shards, rebuilt, ms } = await indexing;
          logger.info(
            `search index: ${pages} article pages in ${shards} shards (the newest month, then by year), ${rebuilt} indexed by Pagefind and ` +
              `${shards - rebuilt} unchanged from the cache, in ${ms} ms`,
          );
        },
      },
    },
  };
}
