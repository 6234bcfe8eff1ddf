/**
 * HTTP response headers for the built site, as rules in the `_headers` format that
 * Netlify and Cloudflare Pages read. The nginx configuration (nginx.ts) is generated
 * from the same rules, so every host that can set headers sends the same ones.
 */
import { normaliseBase } from '../utils/path-builder.ts';

export type Header = readonly [name: string, value: string];

/** Headers for every URL matching `path`: a literal path or a prefix ending in `*`. */
export interface HeaderRule {
  path: string;
  /**
   * Headers of earlier matching rules to drop before this rule's own (`! Name` lines). Cloudflare
   * Pages joins the values of every matching rule, so a rule that replaces a header must detach it.
   */
  detach?: string[];
  headers: Header[];
}

/** Powerful features this site never uses, switched off for it and anything it could embed. */
const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

/** For files whose name carries a content hash (Astro's `_astro/`): they never change. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Files written for hosts, not for readers; servers that do not read them should not serve them. */
export const HOST_FILES = ['_headers', '_redirects', '.nojekyll'] as const;

function securityHeaders(contentSecurityPolicy: string): Header[] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['X-Frame-Options', 'DENY'],
  ];
}

/** A folder under the base path that sends its own Content-Security-Policy instead of the site's. */
export interface FolderPolicy {
  /** Folder under the base path, without slashes: "admin". */
  folder: string;
  contentSecurityPolicy: string;
}

/**
 * The site's rules: security headers everywhere under the base path, immutable caching for
 * hashed assets, and each folder with its own policy (the CMS admin) after them, so that its
 * Content-Security-Policy replaces the site's there and nowhere else.
 */
export function headerRules({
  base,
  contentSecurityPolicy,
  folderPolicies = [],
  cloudflarePages = false,
}: {
  base: string;
  contentSecurityPolicy: string;
  folderPolicies?: readonly FolderPolicy[];
  /**
   * Built by Cloudflare Pages: each folder policy also detaches the site's, which Cloudflare would
   * otherwise send as a second policy. Netlify and nginx replace a header without it.
   */
  cloudflarePages?: boolean;
}): HeaderRule[] {
  const root = normaliseBase(base);
  return [
    { path: `${root}*`, headers: securityHeaders(contentSecurityPolicy) },
    { path: `${root}_astro/*`, headers: [['Cache-Control', IMMUTABLE_CACHE]] },
    ...folderPolicies.map(({ folder, contentSecurityPolicy: policy }) => ({
      path: `${root}${folder}/*`,
      ...(cloudflarePages ? { detach: ['Content-Security-Policy'] } : {}),
      headers: [['Content-Security-Policy', policy] as const],
    })),
  ];
}

/** Renders rules as a `_headers` file. */
export function renderHeadersFile(rules: readonly HeaderRule[]): string {
  const lines = ['# Generated at build time by src/deploy/integration.ts: edit src/deploy/, not this file.'];
  for (const rule of rules) {
    lines.push(rule.path);
    for (const name of rule.detach ?? []) lines.push(`  ! ${name}`);
    for (const [name, value] of rule.headers) lines.push(`  ${name}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parses a `_headers` file; throws with the line number on anything it does not understand. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      if (!line.startsWith('/')) throw new Error(`_headers line ${index + 1}: a path must start with "/": ${line}`);
      rules.push({ path: line.trim(), headers: [] });
      return;
    }
    const rule = rules.at(-1);
    const detach = /^\s+!\s*([A-Za-z0-9-]+)\s*$/.exec(line);
    if (rule && detach) {
      (rule.detach ??= []).push(detach[1]!);
      return;
    }
    const match = /^\s+([A-Za-z0-9-]+):\s*(.*?)\s*$/.exec(line);
    if (!rule || !match) throw new Error(`_headers line ${index + 1}: expected "  Name: value" under a path: ${line}`);
    rule.headers.push([match[1]!, match[2]!]);
  });
  return rules;
}

/** Whether a rule's path matches a URL path, the way Netlify and Cloudflare Pages match (`*` matches anything). */
function ruleMatches(rule: HeaderRule, urlPath: string): boolean {
  return rule.path.endsWith('*') ? urlPath.startsWith(rule.path.slice(0, -1)) : urlPath === rule.path;
}

/**
 * Every header that applies to a URL path, in rule order. A later matching rule replaces a
 * header of the same name set by an earlier one, as Netlify does, and drops the ones it
 * detaches, as Cloudflare Pages does: that is how a folder gets its own Content-Security-Policy
 * instead of a second one (browsers enforce every policy sent).
 */
export function headersFor(rules: readonly HeaderRule[], urlPath: string): Header[] {
  const byName = new Map<string, Header>();
  for (const rule of rules.filter((candidate) => ruleMatches(candidate, urlPath))) {
    // A header the rule sets again is replaced below, keeping its place (nginx lists it the same way).
    const own = new Set(rule.headers.map(([name]) => name.toLowerCase()));
    for (const name of rule.detach ?? []) if (!own.has(name.toLowerCase())) byName.delete(name.toLowerCase());
    for (const header of rule.headers) {
      byName.set(header[0].toLowerCase(), header);
    }
  }
  return [...byName.values()];
}
