/**
 * Writes host-specific files into the build output once Astro is done:
 * - `_headers` (Netlify, Cloudflare Pages): security headers with the site-wide CSP,
 *   long-lived caching for hashed assets; when Cloudflare Pages builds, each folder policy
 *   also detaches the site's;
 * - `.nojekyll` (GitHub Pages when published from a branch: keeps `_astro/` from being dropped).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import {
  CLOUDFLARE_HEADER_LIMIT,
  type DeployFileSettings,
  type HostFilesJob,
  type HostFilesResult,
} from './host-files.ts';
import { readRedirects, writeRedirects } from './redirects.ts';

export { CLOUDFLARE_HEADER_LIMIT, metaPolicy, type DeployFileSettings } from './host-files.ts';

/** The host files written in a worker thread with its own heap: see host-files.ts. */
function writeHostFilesInWorker(job: HostFilesJob): Promise<HostFilesResult> {
  const worker = new Worker(path.join(job.root, 'src', 'deploy', 'host-files-worker.ts'), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the host files worker stopped (exit code ${code}) before it wrote _headers`)),
    );
  });
}

export function deployFiles(settings: DeployFileSettings): AstroIntegration {
  const { base, site, contentDir } = settings;
  let folders: { root: string; cacheDir: string } | undefined;
  return {
    name: 'meridian:deploy-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        folders = { root: fileURLToPath(config.root), cacheDir: fileURLToPath(config.cacheDir) };
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { pages, policies, longestHeader, read } = await writeHostFilesInWorker({
          outDir: fileURLToPath(dir),
          ...folders!,
          settings,
        });
        const ms = Math.round(performance.now() - started);
        logger.info(
          `wrote _headers (CSP merged from ${policies} of ${pages} pages, ${read} read, in ${ms} ms) and .nojekyll`,
        );
        // After the headers: the pages left at old addresses carry no policy of their own to merge.
        const { redirects, problems } = await readRedirects(path.join(contentDir, '_redirects'));
        for (const problem of problems) logger.warn(`content/_redirects ${problem}`);
        if (redirects.length > 0) {
          const written = await writeRedirects(fileURLToPath(dir), redirects, { base, site });
          logger.info(`wrote _redirects (${written.rules} rules) and ${written.pages} pages at old addresses`);
          if (written.skipped.length > 0) {
            logger.warn(
              `no page at ${written.skipped.length} old addresses (outside ${base} or taken by a page): ${written.skipped.slice(0, 5).join(', ')}`,
            );
          }
        }
        if (longestHeader > CLOUDFLARE_HEADER_LIMIT) {
          logger.warn(
            `a header in _headers is ${longestHeader} characters long; Cloudflare Pages ignores headers over ` +
              `${CLOUDFLARE_HEADER_LIMIT}. Fewer distinct inline <script>/<style> blocks make the CSP shorter.`,
          );
        }
      },
    },
  };
}
