/**
 * Old addresses that lead to new ones (a WordPress import writes them): read from
 * `<content>/_redirects` in Netlify's syntax, with targets written as paths of this site
 * before the base path. The build turns them into what each host understands:
 * - `_redirects` in the output (Netlify, Cloudflare Pages);
 * - a small page at each old path with a meta refresh and a canonical link (GitHub Pages, S3);
 * - `location` blocks and a query map in the nginx server block (src/deploy/nginx.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Redirect {
  /** The old path, as requested ("/2022/08/08/story/"). */
  from: string;
  /** Query parameters the old address had to carry ({ p: "123" } for "/?p=123"), or none. */
  query: Record<string, string>;
  /** Where it leads: a path of this site, or an absolute URL. */
  to: string;
  status: number;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Rules of a `_redirects` file; lines this site cannot serve (rewrites, splats, placeholders) are returned as problems. */
export function parseRedirects(text: string): { redirects: Redirect[]; problems: string[] } {
  const redirects: Redirect[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const tokens = line.split(/\s+/);
    const from = tokens[0]!;
    const query: Record<string, string> = {};
    let cursor = 1;
    while (cursor < tokens.length && /^[^/=][^=]*=/.test(tokens[cursor]!) && !/^https?:/.test(tokens[cursor]!)) {
      const [key, value] = tokens[cursor]!.split('=', 2) as [string, string];
      query[key] = value;
      cursor++;
    }
    const to = tokens[cursor];
    const status = Number((tokens[cursor + 1] ?? '301').replace(/!$/, ''));
    const where = `line ${index + 1}`;
    if (!from.startsWith('/') || !to)
      return void problems.push(`${where}: expected "/old/path [key=value] /new/path [status]"`);
    if (/[*:]/.test(from)) return void problems.push(`${where}: splats and placeholders are not supported (${from})`);
    if (!redirectStatuses.has(status))
      return void problems.push(`${where}: status ${tokens[cursor + 1]} is not a redirect`);
    const key = `${from}?${new URLSearchParams(query)}`;
    if (seen.has(key)) return; // the first rule for an address wins, as on every host
    seen.add(key);
    redirects.push({ from, query, to, status });
  });
  return { redirects, problems };
}

const withBase = (base: string, to: string) => (/^[a-z]+:/i.test(to) ? to : `${base}${to.replace(/^\/+/, '')}`);

/** The rules with their targets under the site's base path. */
export function underBase(redirects: readonly Redirect[], base: string): Redirect[] {
  return redirects.map((redirect) => ({ ...redirect, to: withBase(base, redirect.to) }));
}

/**
 * The output's `_redirects`. Each rule is written twice: first forced (`301!`), which Netlify
 * needs to redirect a path where the build also wrote a page, and which Cloudflare Pages skips as
 * malformed; then plain, which Cloudflare follows. Rules with a query only work on Netlify.
 */
export function renderRedirectsFile(redirects: readonly Redirect[]): string {
  const lines = [
    '# Old addresses (WordPress import). Each rule twice: "301!" for Netlify, plain 301 for Cloudflare Pages.',
  ];
  for (const redirect of redirects) {
    const query = Object.entries(redirect.query).map(([key, value]) => `${key}=${value}`);
    const head = [redirect.from, ...query, redirect.to].join(' ');
    lines.push(`${head} ${redirect.status}!`);
    if (query.length === 0) lines.push(`${head} ${redirect.status}`);
  }
  return `${lines.join('\n')}\n`;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page left at an old address for hosts that cannot redirect: it refreshes to the new one and names it canonical. */
export function redirectPage(to: string, canonical: string, lang = 'en'): string {
  const href = escapeHtml(to);
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>Moved to ${escapeHtml(canonical)}</title>`,
    `<meta http-equiv="refresh" content="0; url=${href}">`,
    `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    '<meta name="robots" content="noindex">',
    '</head>',
    `<body><p>This page has moved to <a href="${href}">${escapeHtml(canonical)}</a>.</p></body>`,
    '</html>',
    '',
  ].join('\n');
}

/** Where an old path's page goes in the output, or null when it is outside the base path. */
export function redirectPageFile(from: string, base: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(from);
  } catch {
    return null;
  }
  if (!decoded.startsWith(base) || decoded.split('/').includes('..')) return null;
  const inside = decoded.slice(base.length);
  if (!inside) return null;
  return /\.html?$/i.test(inside) ? inside : `${inside.replace(/\/+$/, '')}/index.html`;
}

/** Reads `<content>/_redirects`, if there is one. */
export async function readRedirects(file: string): Promise<{ redirects: Redirect[]; problems: string[] }> {
  if (!existsSync(file)) return { redirects: [], problems: [] };
  return parseRedirects(await readFile(file, 'utf8'));
}

export interface WrittenRedirects {
  rules: number;
  pages: number;
  /** Old paths that got no page: outside the base path, or taken by a page of the site. */
  skipped: string[];
}

/** Writes `_redirects` and the refresh pages into a finished build. */
export async function writeRedirects(
  outDir: string,
  redirects: readonly Redirect[],
  { base, site, lang }: { base: string; site: string; lang?: string },
): Promise<WrittenRedirects> {
  const rules = underBase(redirects, base);
  await writeFile(path.join(outDir, '_redirects'), renderRedirectsFile(rules));
  let pages = 0;
  const skipped: string[] = [];
  for (const rule of rules) {
    if (Object.keys(rule.query).length > 0) continue;
    const file = redirectPageFile(rule.from, base);
    const target = path.join(outDir, file ?? '');
    if (!file || existsSync(target)) {
      skipped.push(rule.from);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, redirectPage(rule.to, new URL(rule.to, site).href, lang));
    pages++;
  }
  return { rules: rules.length, pages, skipped };
}
