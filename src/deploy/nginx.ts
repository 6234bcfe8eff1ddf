/**
 * An nginx `server` block that serves a build the way the static hosts do:
 * `/dir/` serves `/dir/index.html`, `/dir` redirects to `/dir/`, a missing URL gets
 * the site's 404.html with status 404, the `_headers` rules become `add_header`
 * lines, and text is compressed. Used by the nginx recipe in docs/deploy.md (through
 * `npm run nginx-conf`) and by the tests, which run it in a real nginx.
 */
import { normaliseBase } from '../utils/path-builder.ts';
import { HOST_FILES, headersFor, type Header, type HeaderRule } from './headers.ts';
import type { Redirect } from './redirects.ts';

/** One build served under its base path. */
export interface NginxSite {
  /** The base path the site was built with (BASE_PATH), e.g. "/" or "/news/". */
  base: string;
  /** Absolute path of the build output on the server. */
  root: string;
  /** The header rules, usually parsed from the build's `_headers`. */
  rules: readonly HeaderRule[];
  /** Old addresses to redirect, with targets under the base path (the build's `_redirects`). */
  redirects?: readonly Redirect[];
}

export interface NginxServerOptions {
  /** `listen` parameter: "80", "127.0.0.1:8080", "443 ssl". */
  listen: string;
  serverName?: string;
  sites: readonly NginxSite[];
  /** Adds `brotli` directives; needs the brotli module (Debian: libnginx-mod-http-brotli-filter). */
  brotli?: boolean;
}

/** Types worth compressing besides text/html, which nginx always includes. */
const COMPRESSIBLE_TYPES = [
  'text/css',
  'text/plain',
  'text/xml',
  'application/javascript',
  'text/javascript',
  'application/json',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/manifest+json',
  'image/svg+xml',
];

/** Quotes a value for nginx; refuses `$`, which nginx would read as a variable. */
function quote(value: string): string {
  if (/[$\r\n]/.test(value)) throw new Error(`cannot put ${JSON.stringify(value)} into an nginx string`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function absolute(dir: string): string {
  if (!dir.startsWith('/')) throw new Error(`nginx needs an absolute path for the site root, got "${dir}"`);
  return dir.replace(/\/+$/, '');
}

/** The URL prefixes that need their own `location`: the base, and every `prefix*` rule under it. */
function locationPrefixes(base: string, rules: readonly HeaderRule[]): string[] {
  const prefixes = new Set([base]);
  for (const rule of rules) {
    if (!rule.path.startsWith(base)) throw new Error(`header rule ${rule.path} is outside the base path ${base}`);
    if (!rule.path.endsWith('/*'))
      throw new Error(`header rule ${rule.path}: only "/prefix/*" rules can become nginx locations`);
    prefixes.add(rule.path.slice(0, -1));
  }
  return [...prefixes];
}

function headerLines(headers: readonly Header[], indent: string): string[] {
  // `always` also adds them to 404 and redirect responses. nginx does not inherit add_header
  // into a location that has its own, so each location lists every header that applies to it.
  return headers.map(([name, value]) => `${indent}add_header ${name} ${quote(value)} always;`);
}

function siteLocations(site: NginxSite): string[] {
  const base = normaliseBase(site.base);
  const root = absolute(site.root);
  const lines: string[] = [];
  for (const prefix of locationPrefixes(base, site.rules)) {
    const files = base === '/' ? `root ${root};` : `alias ${root}/${prefix.slice(base.length)};`;
    lines.push(
      `  location ${prefix} {`,
      `    ${files}`,
      `    index index.html;`,
      // A file, or a folder (a folder without its trailing slash gets a 301 to it, as on every host).
      `    try_files $uri $uri/ =404;`,
      `    error_page 404 ${base}404.html;`,
      // A folder without index.html (such as /articles/) is "not found" on static hosts, not "forbidden".
      `    error_page 403 =404 ${base}404.html;`,
      ...headerLines(headersFor(site.rules, `${prefix}x`), '    '),
      `  }`,
    );
  }
  for (const file of HOST_FILES) {
    lines.push(`  location = ${base}${file} { error_page 404 ${base}404.html; return 404; }`);
  }
  // The base path without its slash: redirect, as GitHub Pages does for "/repo".
  if (base !== '/') lines.push(`  location = ${base.slice(0, -1)} { return 301 ${base}; }`);
  return lines;
}

/**
 * Redirects: an exact `location` per old path (with and without its trailing slash), and for
 * old query addresses ("/?p=123") a `map` in the http context, looked up once per request.
 */
function redirectLines(site: NginxSite, index: number): { http: string[]; server: string[] } {
  const http: string[] = [];
  const server: string[] = [];
  const byQuery = new Map<string, Map<string, string>>();
  const paths = new Set<string>();
  for (const redirect of site.redirects ?? []) {
    const keys = Object.keys(redirect.query);
    if (keys.length === 1 && redirect.from === normaliseBase(site.base)) {
      const key = keys[0]!;
      if (!/^[A-Za-z0-9_]+$/.test(key)) continue;
      if (!byQuery.has(key)) byQuery.set(key, new Map());
      byQuery.get(key)!.set(redirect.query[key]!, redirect.to);
      continue;
    }
    if (keys.length > 0) continue;
    const from = decodeURIComponent(redirect.from);
    const variants = from.endsWith('/') && from.length > 1 ? [from, from.slice(0, -1)] : [from];
    for (const variant of variants) {
      if (paths.has(variant)) continue;
      paths.add(variant);
      server.push(`  location = ${quote(variant)} { return ${redirect.status} ${quote(redirect.to)}; }`);
    }
  }
  for (const [key, values] of byQuery) {
    const variable = `$redirect_${index}_${key}`;
    http.push(`map $arg_${key} ${variable} {`, '  default "";');
    for (const [value, to] of values) http.push(`  ${quote(value)} ${quote(to)};`);
    http.push('}');
    server.push(`  if (${variable}) { return 301 ${variable}; }`);
  }
  return { http, server };
}

/** The server block. Put it in `http { }` with `include mime.types;` (see nginxHttpConfig for a complete file). */
export function nginxServerBlock({ listen, serverName = '_', sites, brotli = false }: NginxServerOptions): string {
  const lines = [
    'server {',
    `  listen ${listen};`,
    `  server_name ${serverName};`,
    '  server_tokens off;',
    '  # Redirects (a folder without its trailing slash) keep the scheme and host the reader used.',
    '  absolute_redirect off;',
    '  gzip on;',
    '  gzip_vary on;',
    '  gzip_min_length 256;',
    `  gzip_types ${COMPRESSIBLE_TYPES.join(' ')};`,
  ];
  if (brotli) lines.push('  brotli on;', `  brotli_types ${COMPRESSIBLE_TYPES.join(' ')};`);
  const http: string[] = [];
  sites.forEach((site, index) => {
    const redirects = redirectLines(site, index);
    http.push(...redirects.http);
    lines.push(...redirects.server, ...siteLocations(site));
  });
  lines.push('}');
  return `${[...http, ...lines].join('\n')}\n`;
}
