import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { formatStats, resetShareImageStats, shareImageStats } from './share-image/cache.ts';
import { buildSearchIndex } from './search-index.ts';

const virtualId = 'virtual:meridian/sharing';
const resolvedVirtualId = `\0${virtualId}`;

/**
 * Wires the sharing feature into the build:
 * - hands the project root and the share-image cache folder (inside Astro's cacheDir) to the endpoints;
 * - logs how many share images were drawn and how many came from the cache;
 * - indexes the built site with Pagefind once the pages are written.
 */
export function sharing(): AstroIntegration {
  return {
    name: 'meridian:sharing',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const projectRoot = fileURLToPath(config.root);
        const shareImageCacheDir = path.join(fileURLToPath(config.cacheDir), 'share-images');
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meridian:sharing-settings',
                resolveId: (id: string) => (id === virtualId ? resolvedVirtualId : undefined),
                load: (id: string) =>
                  id === resolvedVirtualId
                    ? `export const projectRoot = ${JSON.stringify(projectRoot)};\n` +
                      `export const shareImageCacheDir = ${JSON.stringify(shareImageCacheDir)};\n`
                    : undefined,
              },
            ],
          },
        });
      },
      'astro:build:start': () => {
        resetShareImageStats();
      },
      'astro:build:done': async ({ dir, logger }) => {
        logger.info(formatStats(shareImageStats()));
        const started = performance.now();
        const pages = await buildSearchIndex(fileURLToPath(dir));
        logger.info(`search index: Pagefind read ${pages} pages and wrote its index in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
