import { parse, type HTMLElement } from 'node-html-parser';

/** One URL the crawler fetched. */
export interface Checked {
  url: string;
  status: number;
  contentType: string;
  headers: Headers;
  /** Pages (or feeds, stylesheets) that refer to it. */
  referrers: Set<string>;
}

export interface CrawlResult {
  /** Every internal URL fetched, by URL. */
  checked: Map<string, Checked>;
  /** URLs of HTML pages fetched. */
  pages: string[];
  /** How many references were followed in total (the same URL from two pages counts twice). */
  references: number;
  /** Internal URLs whose path is outside the base path, with the page that refers to them. */
  escapes: string[];
  /** Links to other sites: recorded, not fetched (no network beyond loopback). */
  external: Set<string>;
}

export interface CrawlOptions {
  /** Where the server listens: "http://127.0.0.1:1234". */
  origin: string;
  /** The build's base path ("/" or "/news/"). */
  base: string;
  /** The build's SITE_URL: absolute URLs on it (canonical, share images, feeds) are fetched from `origin`. */
  site: string;
  /** Further starting points besides the front page, relative to the base ("robots.txt"). */
  alsoStartAt?: string[];
  concurrency?: number;
}

/** Candidate URLs of a srcset attribute ("a.webp 480w, b.webp 800w"), parsed as the HTML spec does. */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const token = /^\S+/.exec(rest)?.[0];
    if (!token) return urls;
    rest = rest.slice(token.length);
    if (token.endsWith(',')) {
      urls.push(token.replace(/,+$/, ''));
    } else {
      urls.push(token);
      const comma = rest.indexOf(','); // skip the descriptors ("480w", "2x")
      rest = comma === -1 ? '' : rest.slice(comma + 1);
    }
  }
}

const absoluteUrlPattern = /https?:\/\/[^\s"'<>()\\]+/g;

/** Every reference an HTML page makes: links, assets, srcset candidates, feeds, share images, structured data. */
function htmlReferences(html: string): string[] {
  const root: HTMLElement = parse(html);
  const refs: string[] = [];
  const attribute = (selector: string, name: string) => {
    for (const element of root.querySelectorAll(selector)) {
      const value = element.getAttribute(name);
      if (value) refs.push(value);
    }
  };
  attribute('a[href], area[href]', 'href');
  for (const link of root.querySelectorAll('link[href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase();
    if (/\b(preconnect|dns-prefetch)\b/.test(rel)) continue;
    refs.push(link.getAttribute('href')!);
    const imagesrcset = link.getAttribute('imagesrcset');
    if (imagesrcset) refs.push(...srcsetUrls(imagesrcset));
  }
  attribute('script[src], img[src], iframe[src], video[src], audio[src], source[src], track[src], embed[src]', 'src');
  attribute('video[poster]', 'poster');
  attribute('object[data]', 'data');
  for (const element of root.querySelectorAll('img[srcset], source[srcset]'))
    refs.push(...srcsetUrls(element.getAttribute('srcset')!));
  for (const form of root.querySelectorAll('form[action]')) {
    if ((form.getAttribute('method') ?? 'get').toLowerCase() === 'get') refs.push(form.getAttribute('action')!);
  }
  // Share images and page URLs in <meta property="og:image" content="https://…"> and the like.
  for (const meta of root.querySelectorAll('meta[content]')) {
    const content = meta.getAttribute('content')!;
    if (/^https?:\/\//.test(content)) refs.push(content);
  }
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    refs.push(...(script.textContent.match(absoluteUrlPattern) ?? []));
  }
  return refs;
}

/** References in a stylesheet: url(...) and @import. */
function cssReferences(css: string): string[] {
  const refs: string[] = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) refs.push(match[2]!);
  for (const match of css.matchAll(/@import\s+(['"])([^'"]+)\1/g)) refs.push(match[2]!);
  return refs.filter((ref) => !ref.startsWith('data:') && !ref.startsWith('#'));
}

/** References in a feed, sitemap, robots.txt or JSON: href="…" attributes and absolute URLs. */
function textReferences(text: string): string[] {
  // Feeds carry article HTML escaped: src=&quot;https://…&quot;.
  const decoded = text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return [
    ...[...decoded.matchAll(/\bhref=["']([^"']+)["']/g)].map((match) => match[1]!),
    ...(decoded.match(absoluteUrlPattern) ?? []),
  ];
}

function referencesOf(contentType: string, body: string): string[] {
  if (contentType.includes('html')) return htmlReferences(body);
  if (contentType.includes('css')) return cssReferences(body);
  if (/xml|json|text\/plain/.test(contentType)) return textReferences(body);
  return [];
}

/**
 * Crawls a site from its front page over HTTP: follows every reference in every page,
 * stylesheet, feed and sitemap that stays on the site, fetches each URL once (without
 * following redirects: every link must point at the final URL) and records the answer.
 */
export async function crawl({
  origin,
  base,
  site,
  alsoStartAt = [],
  concurrency = 4,
}: CrawlOptions): Promise<CrawlResult> {
  const local = new URL(origin);
  const siteOrigin = new URL(site).origin;
  const result: CrawlResult = { checked: new Map(), pages: [], references: 0, escapes: [], external: new Set() };
  const queue: string[] = [];
  const seen = new Set<string>();
  const pendingReferrers = new Map<string, string>();
  let active = 0;

  const enqueue = (ref: string, from: string) => {
    const trimmed = ref.trim();
    if (!trimmed || /^(mailto|tel|sms|data|blob):/i.test(trimmed)) return;
    if (/^javascript:/i.test(trimmed)) {
      result.escapes.push(`${from} uses a javascript: URL`);
      return;
    }
    const resolved = new URL(trimmed, from);
    resolved.hash = '';
    if (resolved.origin === siteOrigin && siteOrigin !== local.origin) {
      resolved.protocol = local.protocol;
      resolved.host = local.host;
    }
    if (resolved.origin !== local.origin) {
      result.external.add(resolved.href);
      return;
    }
    result.references += 1;
    if (!resolved.pathname.startsWith(base)) result.escapes.push(`${resolved.pathname} (from ${from})`);
    const url = resolved.href;
    const known = result.checked.get(url);
    if (known) known.referrers.add(from);
    if (seen.has(url)) return;
    seen.add(url);
    queue.push(url);
    pendingReferrers.set(url, from);
  };

  const fetchOne = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual' });
    const contentType = response.headers.get('content-type') ?? '';
    const body = response.status === 200 && /html|css|xml|json|text/.test(contentType) ? await response.text() : '';
    if (!body) await response.body?.cancel();
    result.checked.set(url, {
      url,
      status: response.status,
      contentType,
      headers: response.headers,
      referrers: new Set([pendingReferrers.get(url)!]),
    });
    if (response.status !== 200) return;
    if (contentType.includes('html')) result.pages.push(url);
    for (const ref of referencesOf(contentType, body)) enqueue(ref, url);
  };

  for (const start of [base, ...alsoStartAt.map((file) => `${base}${file}`)]) {
    const url = new URL(start, origin).href;
    seen.add(url);
    pendingReferrers.set(url, '(start)');
    queue.push(url);
  }
  const workers = Array.from({ length: concurrency }, async () => {
    // Workers take from the shared queue until it is empty and no one is fetching.
    while (queue.length > 0 || active > 0) {
      const url = queue.shift();
      if (!url) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      active += 1;
      try {
        await fetchOne(url);
      } finally {
        active -= 1;
      }
    }
  });
  await Promise.all(workers);
  result.pages.sort();
  return result;
}
