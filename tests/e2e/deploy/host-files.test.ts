import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parsePolicy } from '../../../src/deploy/csp.ts';
import { headersFor, parseHeadersFile } from '../../../src/deploy/headers.ts';
import { CLOUDFLARE_HEADER_LIMIT, metaPolicy } from '../../../src/deploy/integration.ts';
import { inlineHashes } from '../../../src/deploy/inline-hashes.ts';
import { listHtmlFiles } from '../../../src/deploy/output.ts';
import { mediaArticleId } from '../../support/media-fixture.ts';

describe.each([
  { name: 'root', base: '/', dir: inject('siteDir') },
  { name: 'news', base: '/news/', dir: inject('newsSiteDir') },
])('host files in the $name build', ({ base, dir }) => {
  it('has a top-level 404.html (Cloudflare Pages would otherwise treat the site as a single-page app) and .nojekyll', () => {
    expect(existsSync(path.join(dir, '404.html'))).toBe(true);
    expect(existsSync(path.join(dir, '.nojekyll'))).toBe(true);
  });

  it('writes _headers whose CSP agrees with every page’s <meta> policy and allows each inline block in both', async () => {
    const rules = parseHeadersFile(await readFile(path.join(dir, '_headers'), 'utf8'));
    // The page that embeds third-party frames has a policy of its own (see embeds-csp.test.ts).
    expect(rules.map((rule) => rule.path)).toEqual([
      `${base}*`,
      `${base}_astro/*`,
      `${base}admin/*`,
      `${base}articles/${mediaArticleId}/*`,
      // The search page alone may run WebAssembly (Pagefind's 'wasm-unsafe-eval').
      `${base}search/*`,
    ]);
    const headerOf = (urlPath: string) =>
      parsePolicy(Object.fromEntries(headersFor(rules, urlPath))['Content-Security-Policy']!);
    const header = headerOf(base);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header.get('script-src')).not.toContain("'unsafe-inline'");
    expect(header.get('style-src')).not.toContain("'unsafe-inline'");
    const withoutHashes = (sources: string[] = []) => sources.filter((source) => !source.startsWith("'sha"));

    const pages = await listHtmlFiles(dir);
    const problems: string[] = [];
    let inlineBlocks = 0;
    for (const page of pages) {
      const html = await readFile(path.join(dir, page), 'utf8');
      const header = headerOf(`${base}${page.replace(/index\.html$/, '')}`);
      const meta = metaPolicy(html);
      if (!meta) {
        problems.push(`${page}: no <meta> policy`);
        continue;
      }
      const policy = parsePolicy(meta);
      // The same directives with the same sources (frame-ancestors only in the header, and media-src on pages
      // without an article or page body, whose meta policy leaves media to default-src 'self': they have no player)...
      const headerOnly = (name: string) =>
        name === 'frame-ancestors' ||
        (name === 'media-src' && !policy.has(name) && header.get(name)?.join() === "'none'");
      expect([...policy.keys()].sort()).toEqual([...header.keys()].filter((name) => !headerOnly(name)).sort());
      for (const [name, sources] of policy)
        expect(withoutHashes(header.get(name)), name).toEqual(withoutHashes(sources));
      // ...and every inline script and style is allowed by both, since the browser enforces both.
      const inline = inlineHashes(html);
      for (const [name, hashes] of [
        ['script-src', inline.scripts],
        ['style-src', inline.styles],
      ] as const) {
        for (const hash of hashes) {
          inlineBlocks += 1;
          if (!policy.get(name)?.includes(hash)) problems.push(`${page}: ${name} ${hash} missing from the <meta>`);
          if (!header.get(name)?.includes(hash)) problems.push(`${page}: ${name} ${hash} missing from _headers`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(inlineBlocks).toBeGreaterThan(0);
  });

  it('keeps every header within Cloudflare Pages’ limit of 2,000 characters', async () => {
    const rules = parseHeadersFile(await readFile(path.join(dir, '_headers'), 'utf8'));
    const lengths = rules.flatMap((rule) => rule.headers.map(([name, value]) => `${name}: ${value}`.length));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(CLOUDFLARE_HEADER_LIMIT);
  });
});
