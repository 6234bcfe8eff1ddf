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
import { normaliseBase } from '../utils/paths.ts';
import { commentsOrigin } from './comments-endpoint.ts';
import { headerPolicy } from './csp.ts';
import { headerRules, renderHeadersFile } from './headers.ts';
import { listHtmlFiles } from './output.ts';

/** The CSP of a page's `<meta http-equiv="content-security-policy">`, if it has one. */
export function metaPolicy(html: string): string | undefined {
  const meta = parse(html)
    .querySelectorAll('meta[http-equiv]')
    .find((element) => element.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
  return meta?.getAttribute('content');
}

/** Reads every built page's meta policy and writes the host files into `outDir`. */
export async function writeHostFiles(outDir: string, base: string): Promise<{ pages: number; policies: number }> {
  const pages = await listHtmlFiles(outDir);
  const policies: string[] = [];
  for (const page of pages) {
    const policy = metaPolicy(await readFile(path.join(outDir, page), 'utf8'));
    if (policy) policies.push(policy);
  }
  const contentSecurityPolicy = headerPolicy(policies, { commentsOrigin: commentsOrigin() });
  await writeFile(path.join(outDir, '_headers'), renderHeadersFile(headerRules({ base, contentSecurityPolicy })));
  await writeFile(path.join(outDir, '.nojekyll'), '');
  return { pages: pages.length, policies: policies.length };
}

export function deployFiles(): AstroIntegration {
  let base = '/';
  return {
    name: 'meridian:deploy-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normaliseBase(config.base);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { pages, policies } = await writeHostFiles(fileURLToPath(dir), base);
        logger.info(`wrote _headers (CSP merged from ${policies} of ${pages} pages) and .nojekyll`);
      },
    },
  };
}
