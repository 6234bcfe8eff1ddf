import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parsePolicy } from '../../src/deploy/csp.ts';
import { headersFor, parseHeadersFile } from '../../src/deploy/headers.ts';
import { metaPolicy } from '../../src/deploy/integration.ts';
import { listHtmlFiles } from '../../src/deploy/output.ts';

describe.each([
  { name: 'root', base: '/', dir: inject('siteDir') },
  { name: 'news', base: '/news/', dir: inject('newsSiteDir') },
])('host files in the $name build', ({ base, dir }) => {
  it('has a top-level 404.html (Cloudflare Pages would otherwise treat the site as a single-page app) and .nojekyll', () => {
    expect(existsSync(path.join(dir, '404.html'))).toBe(true);
    expect(existsSync(path.join(dir, '.nojekyll'))).toBe(true);
  });

  it('writes _headers whose CSP agrees with every page’s <meta> policy', async () => {
    const rules = parseHeadersFile(await readFile(path.join(dir, '_headers'), 'utf8'));
    expect(rules.map((rule) => rule.path)).toEqual([`${base}*`, `${base}_astro/*`]);
    const header = parsePolicy(Object.fromEntries(headersFor(rules, base))['Content-Security-Policy']!);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header.get('script-src')).not.toContain("'unsafe-inline'");
    expect(header.get('style-src')).not.toContain("'unsafe-inline'");

    const pages = await listHtmlFiles(dir);
    const disagreements: string[] = [];
    for (const page of pages) {
      const meta = metaPolicy(await readFile(path.join(dir, page), 'utf8'));
      if (!meta) {
        disagreements.push(`${page}: no <meta> policy`);
        continue;
      }
      const policy = parsePolicy(meta);
      // Same directives in both (frame-ancestors only in the header), and the header allows
      // everything the page's meta allows: the browser enforces both, so the page's own is what counts.
      expect([...policy.keys()].sort()).toEqual([...header.keys()].filter((name) => name !== 'frame-ancestors').sort());
      for (const [name, sources] of policy) {
        const missing = sources.filter((source) => !header.get(name)?.includes(source));
        if (missing.length > 0) disagreements.push(`${page}: ${name} ${missing.join(' ')} missing from _headers`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
