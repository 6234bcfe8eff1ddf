/**
 * Writes host-specific files into the build output once Astro is done:
 * - `_headers` (Netlify, Cloudflare Pages): security headers with the site-wide CSP,
 *   long-lived caching for hashed assets; when Cloudflare Pages builds, each folder policy
 *   also detaches the site's;
 * - `.nojekyll` (GitHub Pages when published from a branch: keeps `_astro/` from being dropped).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parse, type HTMLElement } from 'node-html-parser';
import { DerivedCache } from '../build-cache/derived-cache.ts';
import { pipelineDigest } from '../build-cache/pipeline-digest.ts';
import { embedDirectives } from '../embeds/providers.ts';
import { addDirectives, headerPolicy, removeDirectives } from './csp.ts';
import { headerRules, renderHeadersFile, type FolderPolicy } from './headers.ts';
import { inlineHashes, type InlineHashes } from './inline-hashes.ts';
import { listHtmlFiles } from './output.ts';
import { readRedirects, writeRedirects } from './redirects.ts';

/** Cloudflare Pages ignores a `_headers` header longer than this. */
export const CLOUDFLARE_HEADER_LIMIT = 2000;

/** The CSP of a page's `<meta http-equiv="content-security-policy">`, if it has one; `page` is its HTML or the parsed page. */
export function metaPolicy(page: string | HTMLElement): string | undefined {
  const meta = (typeof page === 'string' ? parse(page) : page)
    .querySelectorAll('meta[http-equiv]')
    .find((element) => element.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
  return meta?.getAttribute('content');
}

/** What the header policy needs from one page. */
interface PageSecurity extends InlineHashes {
  policy?: string;
  /** Providers the page embeds (the `data-embed-provider` of its embeds, src/components/media/). */
  embeds?: string[];
}

function pageSecurity(html: string): PageSecurity {
  // Parsed once for both reads: at 10,000 pages each parse costs about half a minute.
  const root = parse(html);
  const policy = metaPolicy(root);
  const embeds = [...new Set(root.querySelectorAll('[data-embed-provider]').map((element) => element.getAttribute('data-embed-provider') ?? ''))];
  return { ...inlineHashes(root), ...(policy ? { policy } : {}), ...(embeds.length > 0 ? { embeds: embeds.sort() } : {}) };
}

/**
 * The cache of what each page contributes, by the page's content: a page an incremental build
 * copied unchanged is not parsed again. It is emptied when this code or node-html-parser changes.
 */
async function pageSecurityCache(root: string, cacheDir: string): Promise<DerivedCache<PageSecurity>> {
  const code = ['src/deploy/integration.ts', 'src/deploy/inline-hashes.ts', 'node_modules/node-html-parser/package.json'];
  const version = await pipelineDigest(code.map((file) => path.join(root, file)), {});
  return DerivedCache.load(path.join(cacheDir, 'page-security.json'), version);
}

/** The folder of a page that embeds a third party ("articles/x" for articles/x/index.html): its policy is set for that folder. */
function embeddingFolder(page: string): string {
  const folder = path.dirname(page).split(path.sep).join('/');
  if (folder === '.') throw new Error(`${page} embeds a third party, but only pages in a folder of their own can get their own policy`);
  return folder;
}

/** Reads every built page's meta policy and writes the host files into `outDir`. */
async function writeHostFiles(
  outDir: string,
  { base, commentsOrigin, folderPolicies, cloudflarePages }: DeployFileSettings,
  cache: DerivedCache<PageSecurity>,
): Promise<{ pages: number; policies: number; longestHeader: number }> {
  const pages = await listHtmlFiles(outDir);
  const policies: string[] = [];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const embedding: { folder: string; directives: string[] }[] = [];
  for (const page of pages) {
    const { policy, embeds = [], ...inline } = cache.get(await readFile(path.join(outDir, page), 'utf8'), pageSecurity);
    // A page's embeds widen its own policy only: the site-wide policy is merged without them.
    const directives = embedDirectives(embeds);
    if (policy) policies.push(directives.length > 0 ? removeDirectives(policy, directives) : policy);
    if (directives.length > 0) embedding.push({ folder: embeddingFolder(page), directives });
    inline.scripts.forEach((hash) => scripts.add(hash));
    inline.styles.forEach((hash) => styles.add(hash));
  }
  const contentSecurityPolicy = headerPolicy(policies, { commentsOrigin }, {
    scripts: [...scripts],
    styles: [...styles],
  });
  const pagePolicies = embedding.map(({ folder, directives }) => ({ folder, contentSecurityPolicy: addDirectives(contentSecurityPolicy, directives) }));
  const rules = headerRules({ base, contentSecurityPolicy, folderPolicies: [...(folderPolicies ?? []), ...pagePolicies], cloudflarePages });
  await writeFile(path.join(outDir, '_headers'), renderHeadersFile(rules));
  await writeFile(path.join(outDir, '.nojekyll'), '');
  await cache.save();
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
  /** Write `_headers` for Cloudflare Pages (build-settings.ts). */
  cloudflarePages?: boolean;
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
        const cache = await pageSecurityCache(folders!.root, folders!.cacheDir);
        const { pages, policies, longestHeader } = await writeHostFiles(fileURLToPath(dir), settings, cache);
        const ms = Math.round(performance.now() - started);
        logger.info(`wrote _headers (CSP merged from ${policies} of ${pages} pages in ${ms} ms) and .nojekyll`);
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
