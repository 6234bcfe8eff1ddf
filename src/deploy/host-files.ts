/**
 * The `_headers` file and `.nojekyll`: every built page's meta CSP and inline-code hashes merged
 * into one site policy (plus a policy of their own for folders and embedding pages). Run in a
 * worker thread by integration.ts (host-files-worker.ts), so parsing tens of thousands of pages
 * does not add to the heap the build already holds.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { DerivedCache } from '../build-cache/derived-cache.ts';
import { pipelineDigest } from '../build-cache/pipeline-digest.ts';
import { pageRenderKeys } from '../build-cache/render-keys.ts';
import { StringPool } from '../build-cache/string-pool.ts';
import { embedDirectives } from '../embeds/providers.ts';
import { addDirectives, headerPolicy, pageOnlyDirectives, removeDirectives } from './csp.ts';
import { headerRules, renderHeadersFile, type FolderPolicy } from './headers.ts';
import { inlineHashes, type InlineHashes } from './inline-hashes.ts';
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

/** What the header policy needs from one page. */
interface PageSecurity extends InlineHashes {
  policy?: string;
  /** Providers the page embeds (the `data-embed-provider` of its embeds, src/components/media/). */
  embeds?: string[];
}

/** The policies and embed names read from pages: most pages share them, and none keeps its page's HTML alive. */
const readStrings = new StringPool();

function pageSecurity(html: string): PageSecurity {
  // Parsed once for both reads: at 10,000 pages each parse costs about half a minute.
  const root = parse(html);
  const read = metaPolicy(root);
  const policy = read === undefined ? undefined : readStrings.own(read);
  const embeds = [
    ...new Set(
      root
        .querySelectorAll('[data-embed-provider]')
        .map((element) => readStrings.own(element.getAttribute('data-embed-provider') ?? '')),
    ),
  ];
  return {
    ...inlineHashes(root),
    ...(policy ? { policy } : {}),
    ...(embeds.length > 0 ? { embeds: embeds.sort() } : {}),
  };
}

/**
 * The cache of what each page contributes, by the page's content: a page an incremental build
 * copied unchanged is not parsed again. It is emptied when this code or node-html-parser changes.
 */
export async function pageSecurityCache(root: string, cacheDir: string): Promise<DerivedCache<PageSecurity>> {
  const code = [
    'src/deploy/host-files.ts',
    'src/deploy/inline-hashes.ts',
    'node_modules/node-html-parser/package.json',
  ];
  const version = await pipelineDigest(
    code.map((file) => path.join(root, file)),
    {},
  );
  return DerivedCache.load(path.join(cacheDir, 'page-security.json'), version);
}

/** The folder of a page that embeds a third party ("articles/x" for articles/x/index.html): its policy is set for that folder. */
function embeddingFolder(page: string): string {
  const folder = path.dirname(page).split(path.sep).join('/');
  if (folder === '.')
    throw new Error(`${page} embeds a third party, but only pages in a folder of their own can get their own policy`);
  return folder;
}

/** Reads every built page's meta policy and writes the host files into `outDir`. */
export async function writeHostFiles(
  outDir: string,
  { base, commentsOrigin, folderPolicies, cloudflarePages }: DeployFileSettings,
  cache: DerivedCache<PageSecurity>,
  renderKeys: ReadonlyMap<string, string> = new Map(),
): Promise<{ pages: number; policies: number; longestHeader: number; read: number }> {
  const pages = await listHtmlFiles(outDir);
  const policies: string[] = [];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const embedding: { folder: string; directives: string[] }[] = [];
  let read = 0;
  const readPage = async (page: string) => {
    read += 1;
    return readFile(path.join(outDir, page));
  };
  for (const page of pages) {
    // A page Astro restored unchanged (its render key seen before) is not read again; others by their bytes.
    const renderKey = renderKeys.get(page);
    const {
      policy,
      embeds = [],
      ...inline
    } = renderKey
      ? await cache.byKey(`page:${renderKey}`, async () => pageSecurity((await readPage(page)).toString('utf8')))
      : cache.get(await readPage(page), (bytes) => pageSecurity(bytes.toString('utf8')));
    // A page's embeds (and the search page's WebAssembly) widen its own policy only: the site-wide policy is merged without them.
    const directives = [...embedDirectives(embeds), ...(policy ? pageOnlyDirectives(policy) : [])];
    if (policy) policies.push(directives.length > 0 ? removeDirectives(policy, directives) : policy);
    if (directives.length > 0) embedding.push({ folder: embeddingFolder(page), directives });
    inline.scripts.forEach((hash) => scripts.add(hash));
    inline.styles.forEach((hash) => styles.add(hash));
  }
  const contentSecurityPolicy = headerPolicy(
    policies,
    { commentsOrigin },
    {
      scripts: [...scripts],
      styles: [...styles],
    },
  );
  const pagePolicies = embedding.map(({ folder, directives }) => ({
    folder,
    contentSecurityPolicy: addDirectives(contentSecurityPolicy, directives),
  }));
  const rules = headerRules({
    base,
    contentSecurityPolicy,
    folderPolicies: [...(folderPolicies ?? []), ...pagePolicies],
    cloudflarePages,
  });
  await writeFile(path.join(outDir, '_headers'), renderHeadersFile(rules));
  await writeFile(path.join(outDir, '.nojekyll'), '');
  await cache.save();
  const longestHeader = Math.max(
    ...rules.flatMap((rule) => rule.headers.map(([name, value]) => `${name}: ${value}`.length)),
  );
  return { pages: pages.length, policies: policies.length, longestHeader, read };
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

/** What the worker is given: plain data, copied into it. */
export interface HostFilesJob {
  outDir: string;
  /** The project root and Astro's cache folder, for the per-page cache. */
  root: string;
  cacheDir: string;
  settings: DeployFileSettings;
}

export type HostFilesResult = Awaited<ReturnType<typeof writeHostFiles>>;

export async function runHostFilesJob({ outDir, root, cacheDir, settings }: HostFilesJob): Promise<HostFilesResult> {
  return writeHostFiles(outDir, settings, await pageSecurityCache(root, cacheDir), await pageRenderKeys(cacheDir));
}
