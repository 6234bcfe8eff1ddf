import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { headersFor } from '../../../src/deploy/headers.ts';
import { crawl, type CrawlResult } from '../../support/crawler.ts';
import { listHtmlFiles } from '../../../src/deploy/output.ts';
import { startNginx, type NginxServer } from '../../support/nginx.ts';
import { seedArticleId } from '../../support/seed.ts';
import { readFile } from 'node:fs/promises';

const builds = [
  { name: 'root', base: '/', dir: inject('siteDir'), site: 'https://news.example.com' },
  { name: 'news', base: '/news/', dir: inject('newsSiteDir'), site: 'https://example.com' },
];

let server: NginxServer;
beforeAll(async () => {
  server = await startNginx(builds);
});
afterAll(async () => {
  await server?.close();
});

describe.each(builds)('the $name build served by nginx under $base', (build) => {
  let result: CrawlResult;
  beforeAll(async () => {
    // robots.txt (when the build has one) leads to the sitemaps, which no page needs to link.
    const alsoStartAt = existsSync(path.join(build.dir, 'robots.txt')) ? ['robots.txt'] : [];
    result = await crawl({ origin: server.origin, base: build.base, site: build.site, alsoStartAt });
    console.log(
      `[deploy] ${build.name} (${build.base}): ${result.pages.length} pages crawled, ${result.checked.size} URLs checked ` +
        `(${result.references} references followed), ${result.external.size} external links not fetched`,
    );
  });

  it('answers 200 for every page, link, stylesheet, script, image, srcset candidate, feed and share image', () => {
    const failures = [...result.checked.values()]
      .filter((checked) => checked.status !== 200)
      .map((checked) => `${checked.status} ${checked.url} (from ${[...checked.referrers].join(', ')})`);
    expect(failures).toEqual([]);
    const urls = [...result.checked.keys()];
    expect(result.pages.length).toBeGreaterThanOrEqual(10);
    // The crawl really followed assets: the stylesheet and the hero image's srcset candidates.
    expect(urls.filter((url) => url.endsWith('.css')).length).toBeGreaterThan(0);
    expect(urls.filter((url) => /\.(avif|webp)$/.test(url)).length).toBeGreaterThanOrEqual(2);
  });

  it('never leaves the base path', () => {
    expect(result.escapes).toEqual([]);
  });

  it('reaches every page of the build from the front page', async () => {
    // The site's pages: the CMS admin is reached by editors who know its address, not by links.
    const built = (await listHtmlFiles(build.dir))
      .filter((file) => file !== '404.html')
      .map((file) => new URL(`${build.base}${file.replace(/(^|\/)index\.html$/, '$1')}`, server.origin).href);
    expect(built.filter((url) => !result.pages.includes(url))).toEqual([]);
  });

  it('sends the headers of the build’s _headers with every response', () => {
    const rules = server.rules.get(build.base)!;
    expect(rules.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    for (const checked of result.checked.values()) {
      for (const [name, value] of headersFor(rules, new URL(checked.url).pathname)) {
        if (checked.headers.get(name) !== value)
          mismatches.push(`${checked.url}: ${name} is ${checked.headers.get(name)}`);
      }
    }
    expect(mismatches).toEqual([]);
    const css = [...result.checked.values()].find((checked) => checked.url.includes('/_astro/'))!;
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing URL with the site’s 404 page, status 404 and the same headers', async () => {
    const response = await fetch(new URL(`${build.base}no-such-story-anywhere/`, server.origin));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(await readFile(path.join(build.dir, '404.html'), 'utf8'));
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const asset = await fetch(new URL(`${build.base}_astro/missing.css`, server.origin));
    expect(asset.status).toBe(404);
    await asset.body?.cancel();
  });

  it('redirects a folder URL without its trailing slash, as static hosts do', async () => {
    const response = await fetch(new URL(`${build.base}articles/${seedArticleId}`, server.origin), {
      redirect: 'manual',
    });
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get('location')!, server.origin).pathname).toBe(
      `${build.base}articles/${seedArticleId}/`,
    );
  });

  it('does not serve the host files themselves', async () => {
    for (const file of ['_headers', '.nojekyll']) {
      const response = await fetch(new URL(`${build.base}${file}`, server.origin));
      expect(response.status).toBe(404);
      await response.body?.cancel();
    }
  });

  it('compresses pages and stylesheets', async () => {
    const stylesheet = [...result.checked.keys()].find((url) => url.endsWith('.css'))!;
    for (const url of [new URL(build.base, server.origin).href, stylesheet]) {
      const gzip = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      await gzip.body?.cancel();
      if (server.brotli) {
        const br = await fetch(url, { headers: { 'accept-encoding': 'br' } });
        expect(br.headers.get('content-encoding')).toBe('br');
        await br.body?.cancel();
      }
    }
  });
});
