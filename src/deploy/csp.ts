/**
 * The site's Content-Security-Policy, in one place.
 *
 * Astro (`security.csp`) writes a `<meta http-equiv="content-security-policy">` into
 * every page with the hashes of the inline scripts and styles it may contain. Hosts that
 * can set headers get the same policy as a header too (see headers.ts): the same
 * directives and sources, merged over all pages, with the hashes of the inline blocks the
 * build really contains, plus what a meta element cannot carry (`frame-ancestors`). A
 * browser enforces both policies, so an inline block runs only if both list its hash;
 * the tests check that every inline block of every page is in both.
 */

import type { AstroUserConfig } from 'astro';

/** Astro's `security.csp` object (astro.config.mjs). */
export type AstroCspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;
type AstroCspDirective = NonNullable<AstroCspConfig['directives']>[number];

/** A policy as an ordered map from directive name to its sources. */
export type Policy = Map<string, string[]>;

export interface CspOptions {
  /** Origin of the comment endpoint ("https://comments.example.com"), allowed in form-action and connect-src; none when the form posts to the site itself. */
  commentsOrigin?: string | undefined;
}

/** Directives every page carries, in its meta element and in the header. Astro adds script-src and style-src. */
function sharedDirectives({ commentsOrigin }: CspOptions): string[] {
  const selfAndComments = ["'self'", ...(commentsOrigin ? [commentsOrigin] : [])].join(' ');
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "img-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    `connect-src ${selfAndComments}`,
    `form-action ${selfAndComments}`,
  ];
}

/**
 * Sources for script-src on every page. Inline scripts are allowed only by the hashes Astro adds per page.
 */
const scriptSources = ["'self'"];

/**
 * What only the search page adds to script-src (src/pages/search.astro, through Astro.csp):
 * `'wasm-unsafe-eval'` lets the static search index (Pagefind) compile its WebAssembly; it does
 * not allow eval() or inline script. The header gives it to the search page's folder alone.
 */
export const searchScriptSources = ["'wasm-unsafe-eval'"] as const;

/**
 * Self-hosted recordings and videos: `default-src 'self'` would allow them on every page, so the
 * site-wide header says `media-src 'none'` and a page with a player (`<Audio>`, `<Video>`) allows
 * the site's own files in its own policy (src/embeds/page-policy.ts), as a page with an embed
 * allows its provider's frames.
 */
export const noMedia = "media-src 'none'";
export const selfHostedMedia = "media-src 'self'";

/**
 * The directives of a page's policy that are that page's alone (the search page's WebAssembly, a
 * player's `media-src 'self'`), kept out of the site-wide header.
 */
export function pageOnlyDirectives(policy: string): string[] {
  const parsed = parsePolicy(policy);
  const scripts = parsed.get('script-src') ?? [];
  return [
    ...searchScriptSources.filter((source) => scripts.includes(source)).map((source) => `script-src ${source}`),
    ...(parsed.get('media-src')?.includes("'self'") ? [selfHostedMedia] : []),
  ];
}

/**
 * Directives that only work in a header: browsers ignore `frame-ancestors` in a meta
 * element (and Chromium logs an error for it), so it is kept out of Astro's meta policy.
 */
const headerOnlyDirectives = ["frame-ancestors 'none'"];

/** What the site-wide header forbids when no page's meta policy says it: media, which pages with players allow for themselves. */
const headerDefaults = [noMedia];

/** The value for `security.csp` in astro.config.mjs. */
export function astroCsp(options: CspOptions): AstroCspConfig {
  return {
    algorithm: 'SHA-256',
    directives: sharedDirectives(options) as AstroCspDirective[],
    scriptDirective: { resources: [...scriptSources] },
  };
}

/** Parses "a x y; b z" into an ordered map. Directive names are case-insensitive, so they are lower-cased. */
export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    // Per the CSP spec a repeated directive is ignored: the first one wins.
    if (!policy.has(key)) policy.set(key, sources);
  }
  return policy;
}

export function serializePolicy(policy: Policy): string {
  return [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/**
 * Merges policies directive by directive, keeping each source once, in order of first appearance.
 * `'none'` allows nothing, so next to any source it is dropped (browsers ignore it there, with a warning).
 */
export function mergePolicies(policies: Iterable<Policy>): Policy {
  const merged: Policy = new Map();
  for (const policy of policies) {
    for (const [name, sources] of policy) {
      const target = merged.get(name) ?? [];
      for (const source of sources) if (!target.includes(source)) target.push(source);
      merged.set(name, target.length > 1 ? target.filter((source) => source !== "'none'") : target);
    }
  }
  return merged;
}

const isHash = (source: string) => /^'sha(256|384|512)-/.test(source);

/**
 * The header policy for a whole build: the union of every page's meta policy (or, when
 * no page has one, the shared directives with script-src/style-src 'self') plus the
 * header-only directives. Of the hashes, it keeps only those of inline scripts and styles
 * that the pages really contain (`inline`): the browser needs a hash in both policies, and
 * the header stays short. Refuses a policy that would allow inline script wholesale.
 */
export function headerPolicy(
  pagePolicies: readonly string[],
  options: CspOptions,
  inline: { scripts: readonly string[]; styles: readonly string[] } = { scripts: [], styles: [] },
): string {
  const fallback = [...sharedDirectives(options), `script-src ${scriptSources.join(' ')}`, "style-src 'self'"].join(
    '; ',
  );
  const sources = pagePolicies.length > 0 ? pagePolicies : [fallback];
  const merged = mergePolicies([...sources.map(parsePolicy), parsePolicy(headerOnlyDirectives.join('; '))]);
  for (const [name, defaults] of parsePolicy(headerDefaults.join('; ')))
    if (!merged.has(name)) merged.set(name, defaults);
  for (const [name, hashes] of [
    ['script-src', inline.scripts],
    ['style-src', inline.styles],
  ] as const) {
    // Astro moves its hashes to the -elem directive when one is configured; hashes go where Astro put them.
    const target = merged.has(`${name}-elem`) ? `${name}-elem` : name;
    for (const directive of [name, `${name}-elem`]) {
      const current = merged.get(directive);
      if (!current) continue;
      const kept = current.filter((source) => !isHash(source));
      merged.set(directive, directive === target ? [...kept, ...new Set(hashes)] : kept);
    }
  }
  for (const name of ['script-src', 'script-src-elem', 'default-src']) {
    if (merged.get(name)?.includes("'unsafe-inline'")) {
      throw new Error(
        `The Content-Security-Policy must not allow 'unsafe-inline' in ${name}; use hashes or external scripts.`,
      );
    }
  }
  return serializePolicy(merged);
}

/** A policy with more sources: each directive's sources added once, new directives at the end. */
export function addDirectives(policy: string, directives: readonly string[]): string {
  return serializePolicy(mergePolicies([parsePolicy(policy), parsePolicy(directives.join('; '))]));
}

/** A policy without the sources `directives` name; a directive left with no source is dropped (it was only theirs). */
export function removeDirectives(policy: string, directives: readonly string[]): string {
  const result = parsePolicy(policy);
  for (const [name, sources] of parsePolicy(directives.join('; '))) {
    const kept = (result.get(name) ?? []).filter((source) => !sources.includes(source));
    if (kept.length > 0) result.set(name, kept);
    else result.delete(name);
  }
  return serializePolicy(result);
}
