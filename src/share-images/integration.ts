import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { formatStats, resetShareImageStats, shareImageStats } from './cache.ts';

const virtualId = 'virtual:meridian/share-images';
const resolvedVirtualId = `\0${virtualId}`;

/**
 * Wires share images into the build: hands the project root (its node_modules hold the fonts)
 * and the image cache folder (inside Astro's cacheDir) to the endpoints, and logs how many
 * images were drawn and how many came from the cache.
 */
export function shareImages(): AstroIntegration {
  return {
    name: 'meridian:share-images',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const projectRoot = fileURLToPath(config.root);
        const shareImageCacheDir = path.join(fileURLToPath(config.cacheDir), 'share-images');
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meridian:share-image-settings',
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
      'astro:build:done': ({ logger }) => {
        logger.info(formatStats(shareImageStats()));
      },
    },
  };
}
