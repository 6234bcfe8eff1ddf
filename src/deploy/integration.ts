/**
 * Writes host-specific files into the build output once Astro is done:
 * - `_headers` (Netlify, Cloudflare Pages): security headers with the site-wide CSP,
 *   long-lived caching for hashed assets;
 * - `.nojekyll` (GitHub Pages when published from a branch: keeps `_astro/` from being dropped).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parse, type HTMLElement } from 'node-html-parser';
import { headerPolicy } from './csp.ts';
import { headerRules, renderHeadersFile } from './headers.ts';
import { inlineHashes } from './inline-hashes.ts';
import { listHtmlFiles } from './output.ts';

/** Cloudflare Pages ignores a `_headers` header longer than this. */
export const CLOUDFLARE_HEADER_LIMIT = 2000;

/** The CSP of a page's `<meta http-equiv="content-security-policy">`, if it has one; `page` is its HTML or the parsed page. */
export function metaPolicy(page: string | HTMLElement): string | undefined {
  const meta = (typeof page === 'string' ? parse(page) : page)
    .querySelectorAll('meta[http-equiv]')
    .find((element) => element.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
  return meta?.getAttribute('content');
}

/** Reads every built page's meta policy and writes the host files into `outDir`. */
async function writeHostFiles(
  outDir: string,
  { base, commentsOrigin }: { base: string; commentsOrigin: string | undefined },
): Promise<{ pages: number; policies: number; longestHeader: number }> {
  const pages = await listHtmlFiles(outDir);
  const policies: string[] = [];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const page of pages) {
    // Parsed once for both reads: at 10,000 pages each parse costs about half a minute.
    const root = parse(await readFile(path.join(outDir, page), 'utf8'));
    const policy = metaPolicy(root);
    if (policy) policies.push(policy);
    const inline = inlineHashes(root);
    inline.scripts.forEach((hash) => scripts.add(hash));
    inline.styles.forEach((hash) => styles.add(hash));
  }
  const contentSecurityPolicy = headerPolicy(policies, { commentsOrigin }, {
    scripts: [...scripts],
    styles: [...styles],
  });
  const rules = headerRules({ base, contentSecurityPolicy });
  await writeFile(path.join(outDir, '_headers'), renderHeadersFile(rules));
  await writeFile(path.join(outDir, '.nojekyll'), '');
  const longestHeader = Math.max(...rules.flatMap((rule) => rule.headers.map(([name, value]) => `${name}: ${value}`.length)));
  return { pages: pages.length, policies: policies.length, longestHeader };
}

/** `base` is the normalised base path and `commentsOrigin` the comment form's origin, both from build-settings.ts. */
export function deployFiles(settings: { base: string; commentsOrigin: string | undefined }): AstroIntegration {
  return {
    name: 'meridian:deploy-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { pages, policies, longestHeader } = await writeHostFiles(fileURLToPath(dir), settings);
        const ms = Math.round(performance.now() - started);
        logger.info(`wrote _headers (CSP merged from ${policies} of ${pages} pages in ${ms} ms) and .nojekyll`);
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
