import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from './pagefind-index.ts';

/** Indexes the built site with Pagefind once the pages are written. */
export function searchIndex(): AstroIntegration {
  return {
    name: 'meridian:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const pages = await buildSearchIndex(fileURLToPath(dir));
        logger.info(`search index: Pagefind indexed ${pages} article pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
