import { describe, expect, it } from 'vitest';
import {
  astroCsp,
  headerPolicy,
  mergePolicies,
  pageOnlyDirectives,
  parsePolicy,
  serializePolicy,
} from '../../../src/deploy/csp.ts';
import { headerRules, headersFor, parseHeadersFile, renderHeadersFile } from '../../../src/deploy/headers.ts';
import { nginxServerBlock } from '../../../src/deploy/nginx.ts';
import { metaPolicy } from '../../../src/deploy/integration.ts';
import { cspHash, inlineHashes } from '../../../src/deploy/inline-hashes.ts';

describe('content security policy', () => {
  const options = { commentsOrigin: 'https://comments.example.com' };

  it('allows the comment service in form-action and connect-src, and nothing else from outside', () => {
    const policy = parsePolicy(astroCsp(options).directives!.join('; '));
    expect(policy.get('form-action')).toEqual(["'self'", 'https://comments.example.com']);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://comments.example.com']);
    const thirdParty = [...policy.values()].flat().filter((source) => /^https?:/.test(source));
    expect(new Set(thirdParty)).toEqual(new Set(['https://comments.example.com']));
    // frame-ancestors only works as a header; in a meta element browsers ignore it and log an error.
    expect(policy.has('frame-ancestors')).toBe(false);
  });

  it('parses, merges and serialises policies', () => {
    const a = parsePolicy("script-src 'self' 'sha256-a'; style-src 'self'");
    const b = parsePolicy("script-src 'self' 'sha256-b';style-src 'self' 'sha256-c'; SCRIPT-SRC 'none'");
    expect(serializePolicy(mergePolicies([a, b]))).toBe(
      "script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self' 'sha256-c'",
    );
  });

  it('builds the header from the pages’ policies, keeping only hashes of inline blocks the pages contain', () => {
    const header = parsePolicy(
      headerPolicy(
        [
          "default-src 'self'; script-src 'self' 'sha256-a' 'sha256-x'",
          "default-src 'self'; script-src 'self' 'sha256-b'",
        ],
        options,
        { scripts: ["'sha256-a'", "'sha256-b'"], styles: [] },
      ),
    );
    expect(header.get('script-src')).toEqual(["'self'", "'sha256-a'", "'sha256-b'"]);
    expect(header.get('default-src')).toEqual(["'self'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('hashes inline scripts the browser runs and inline styles, not data blocks or external scripts', () => {
    const html = `<style>p{color:red}</style><script>run()</script><script type="module">go()</script>
      <script type="application/ld+json">{"@type":"NewsArticle"}</script><script src="/a.js"></script>`;
    // Known SHA-256 values, computed independently (printf 'run()' | openssl dgst -sha256 -binary | base64).
    expect(inlineHashes(html)).toEqual({
      scripts: [cspHash('run()'), cspHash('go()')],
      styles: [cspHash('p{color:red}')],
    });
    expect(cspHash('run()')).toBe("'sha256-AvyuiL0SD1mVY3NNxR+V2uo+lhk6RMFrytWmRt6CrJQ='");
  });

  it('falls back to the shared directives when no page carries a policy', () => {
    const header = parsePolicy(headerPolicy([], options));
    // WebAssembly is the search page's alone (pageOnlyDirectives): never in the site-wide policy.
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('form-action')).toContain('https://comments.example.com');
  });

  it("keeps the search page's 'wasm-unsafe-eval' to that page", () => {
    expect(pageOnlyDirectives("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a'")).toEqual([
      "script-src 'wasm-unsafe-eval'",
    ]);
    expect(pageOnlyDirectives("script-src 'self' 'sha256-a'")).toEqual([]);
  });

  it("forbids media site-wide and leaves a player's media-src 'self' to its page", () => {
    const player = "default-src 'self'; media-src 'self'";
    expect(pageOnlyDirectives(player)).toEqual(["media-src 'self'"]);
    expect(pageOnlyDirectives("default-src 'self'; media-src 'none'")).toEqual([]);
    expect(parsePolicy(headerPolicy([], options)).get('media-src')).toEqual(["'none'"]);
    expect(parsePolicy(headerPolicy(["default-src 'self'; media-src 'none'"], options)).get('media-src')).toEqual([
      "'none'",
    ]);
    // The page's own policy is the site's plus its directive: 'none' next to 'self' would be ignored, so it goes.
    const merged = mergePolicies([parsePolicy("media-src 'none'"), parsePolicy("media-src 'self'")]);
    expect(merged.get('media-src')).toEqual(["'self'"]);
  });

  it('refuses a policy that allows inline script wholesale', () => {
    expect(() => headerPolicy(["script-src 'self' 'unsafe-inline'"], options)).toThrow(/unsafe-inline/);
  });

  it('reads the meta policy of a page', () => {
    const html = `<html><head><meta http-equiv="Content-Security-Policy" content="script-src &#39;self&#39;"></head></html>`;
    expect(metaPolicy(html)).toBe("script-src 'self'");
    expect(metaPolicy('<html><head></head></html>')).toBeUndefined();
  });
});

describe('_headers', () => {
  const rules = headerRules({ base: 'news', contentSecurityPolicy: "default-src 'self'" });

  it('puts security headers on everything under the base path and immutable caching on _astro/', () => {
    expect(rules.map((rule) => rule.path)).toEqual(['/news/*', '/news/_astro/*']);
    const page = Object.fromEntries(headersFor(rules, '/news/articles/a/'));
    expect(page).toMatchObject({
      'Content-Security-Policy': "default-src 'self'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(page['Permissions-Policy']).toMatch(/camera=\(\)/);
    expect(page['Cache-Control']).toBeUndefined();
    expect(Object.fromEntries(headersFor(rules, '/news/_astro/a.css'))['Cache-Control']).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('renders the Netlify/Cloudflare format and parses it back', () => {
    const text = renderHeadersFile(rules);
    expect(text).toContain("/news/*\n  Content-Security-Policy: default-src 'self'\n");
    expect(parseHeadersFile(text)).toEqual(rules);
  });

  it('names the line it cannot read', () => {
    expect(() => parseHeadersFile('/*\n  X-Ok: 1\n  not a header\n')).toThrow(/line 3/);
    expect(() => parseHeadersFile('*.css\n  X: 1\n')).toThrow(/line 1/);
    expect(() => parseHeadersFile('  ! X-Frame-Options\n')).toThrow(/line 1/);
  });
});

describe('_headers for Cloudflare Pages', () => {
  const site = "default-src 'self'";
  const embed = "default-src 'self'; frame-src https://www.youtube-nocookie.com";
  const settings = {
    base: '/',
    contentSecurityPolicy: site,
    folderPolicies: [{ folder: 'articles/a', contentSecurityPolicy: embed }],
  };
  const netlify = headerRules(settings);
  const cloudflare = headerRules({ ...settings, cloudflarePages: true });

  it('detaches the site’s policy in each folder rule, and only when building for Cloudflare', () => {
    expect(renderHeadersFile(netlify)).not.toContain('!');
    const text = renderHeadersFile(cloudflare);
    expect(text).toContain(`/articles/a/*\n  ! Content-Security-Policy\n  Content-Security-Policy: ${embed}\n`);
    expect(text.match(/!/g)).toHaveLength(1);
    expect(parseHeadersFile(text)).toEqual(cloudflare);
  });

  it('gives every path the same headers as the Netlify file, one policy each', () => {
    for (const page of ['/', '/articles/a/', '/articles/b/', '/_astro/a.css']) {
      expect(headersFor(cloudflare, page), page).toEqual(headersFor(netlify, page));
    }
    expect(headersFor(cloudflare, '/articles/a/').filter(([name]) => name === 'Content-Security-Policy')).toEqual([
      ['Content-Security-Policy', embed],
    ]);
  });

  it('drops a detached header even when the rule sets no value of its own', () => {
    const rules = parseHeadersFile(
      '/*\n  X-Frame-Options: DENY\n  X-Robots-Tag: noindex\n/embed/*\n  ! x-frame-options\n',
    );
    expect(headersFor(rules, '/embed/')).toEqual([['X-Robots-Tag', 'noindex']]);
    expect(headersFor(rules, '/')).toHaveLength(2);
  });

  it('becomes the same nginx configuration as the Netlify file', () => {
    const block = (rules: typeof netlify) =>
      nginxServerBlock({ listen: '80', sites: [{ base: '/', root: '/srv/site', rules }] });
    expect(block(parseHeadersFile(renderHeadersFile(cloudflare)))).toBe(block(netlify));
  });
});

describe('nginx server block', () => {
  const rules = headerRules({ base: '/news/', contentSecurityPolicy: "default-src 'self'" });
  const block = nginxServerBlock({ listen: '8080', sites: [{ base: '/news/', root: '/srv/news/', rules }] });

  it('serves the build under its base path with try_files and the 404 page', () => {
    expect(block).toContain('location /news/ {\n    alias /srv/news/;');
    expect(block).toContain('try_files $uri $uri/ =404;');
    expect(block).toContain('error_page 404 /news/404.html;');
    expect(block).toContain('location = /news { return 301 /news/; }');
  });

  it('repeats every header in each location, since nginx does not inherit add_header into one that has its own', () => {
    const astro = block.slice(block.indexOf('location /news/_astro/'));
    expect(astro).toContain(`add_header Content-Security-Policy "default-src 'self'" always;`);
    expect(astro).toContain('add_header Cache-Control "public, max-age=31536000, immutable" always;');
  });

  it('compresses text, with brotli only when asked', () => {
    expect(block).toContain('gzip on;');
    expect(block).not.toContain('brotli');
    expect(nginxServerBlock({ listen: '80', brotli: true, sites: [] })).toContain('brotli on;');
  });

  it('refuses values nginx would misread and relative roots', () => {
    const bad = headerRules({ base: '/', contentSecurityPolicy: 'report-uri /$x' });
    expect(() => nginxServerBlock({ listen: '80', sites: [{ base: '/', root: '/srv', rules: bad }] })).toThrow(
      /nginx string/,
    );
    expect(() => nginxServerBlock({ listen: '80', sites: [{ base: '/', root: 'dist', rules: [] }] })).toThrow(
      /absolute path/,
    );
  });
});
