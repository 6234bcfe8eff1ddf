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
import { parse } from 'node-html-parser';
import { headerPolicy } from './csp.ts';
import { headerRules, renderHeadersFile, type FolderPolicy } from './headers.ts';
import { inlineHashes } from './inline-hashes.ts';
import { listHtmlFiles } from './output.ts';
import { readRedirects, writeRedirects } from './redirects.ts';

/** Cloudflare Pages ignores a `_headers` header longer than this. */
export const CLOUDFLARE_HEADER_LIMIT = 2000;

/** The CSP of a page's `<meta http-equiv="content-security-policy">`, if it has one. */
export function metaPolicy(html: string): string | undefined {
  const meta = parse(html)
    .querySelectorAll('meta[http-equiv]')
    .find((element) => element.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
  return meta?.getAttribute('content');
}

/** Reads every built page's meta policy and writes the host files into `outDir`. */
async function writeHostFiles(
  outDir: string,
  { base, commentsOrigin, folderPolicies }: DeployFileSettings,
): Promise<{ pages: number; policies: number; longestHeader: number }> {
  const pages = await listHtmlFiles(outDir);
  const policies: string[] = [];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const page of pages) {
    const html = await readFile(path.join(outDir, page), 'utf8');
    const policy = metaPolicy(html);
    if (policy) policies.push(policy);
    const inline = inlineHashes(html);
    inline.scripts.forEach((hash) => scripts.add(hash));
    inline.styles.forEach((hash) => styles.add(hash));
  }
  const contentSecurityPolicy = headerPolicy(policies, { commentsOrigin }, {
    scripts: [...scripts],
    styles: [...styles],
  });
  const rules = headerRules({ base, contentSecurityPolicy, folderPolicies });
  await writeFile(path.join(outDir, '_headers'), renderHeadersFile(rules));
  await writeFile(path.join(outDir, '.nojekyll'), '');
  const longestHeader = Math.max(...rules.flatMap((rule) => rule.headers.map(([name, value]) => `${name}: ${value}`.length)));
  return { pages: pages.length, policies: policies.length, longestHeader };
}

/** Where the site lives and what it reads, all from build-settings.ts: `base` is the normalised base path. */
export interface DeployFileSettings {
  base: string;
  site: string;
  contentDir: string;
  /** The comment form's origin. */
  commentsOrigin: string | undefined;
  /** Folders with a policy of their own (the CMS admin, src/cms/). */
  folderPolicies?: readonly FolderPolicy[];
}

export function deployFiles(settings: DeployFileSettings): AstroIntegration {
  const { base, site, contentDir } = settings;
  return {
    name: 'meridian:deploy-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { pages, policies, longestHeader } = await writeHostFiles(fileURLToPath(dir), settings);
        logger.info(`wrote _headers (CSP merged from ${policies} of ${pages} pages) and .nojekyll`);
        // After the headers: the pages left at old addresses carry no policy of their own to merge.
        const { redirects, problems } = await readRedirects(path.join(contentDir, '_redirects'));
        for (const problem of problems) logger.warn(`content/_redirects ${problem}`);
        if (redirects.length > 0) {
          const written = await writeRedirects(fileURLToPath(dir), redirects, { base, site });
          logger.info(`wrote _redirects (${written.rules} rules) and ${written.pages} pages at old addresses`);
          if (written.skipped.length > 0) {
            logger.warn(`no page at ${written.skipped.length} old addresses (outside ${base} or taken by a page): ${written.skipped.slice(0, 5).join(', ')}`);
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
