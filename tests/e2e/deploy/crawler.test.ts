import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crawl, srcsetUrls, type CrawlResult } from '../../support/crawler.ts';
import { testRoot } from '../../support/site-build.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

// The crawler's own check: on a small site with known faults it must report each one.
let server: StaticServer;
let result: CrawlResult;

beforeAll(async () => {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'crawler-'));
  await mkdir(path.join(dir, 'ok'));
  await writeFile(path.join(dir, 'ok', 'index.html'), '<!doctype html><title>ok</title><p>fine</p>');
  await writeFile(path.join(dir, 'style.css'), 'body { background: url("/news/missing-bg.png") }');
  await writeFile(path.join(dir, 'a.png'), 'png');
  await writeFile(path.join(dir, 'robots.txt'), 'User-agent: *\nSitemap: https://example.com/news/sitemap.xml\n');
  await writeFile(
    path.join(dir, 'sitemap.xml'),
    '<urlset><url><loc>https://example.com/news/ok/</loc></url><url><loc>https://example.com/news/gone/</loc></url></urlset>',
  );
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><title>front</title>
     <link rel="stylesheet" href="/news/style.css">
     <link rel="alternate" type="application/rss+xml" href="https://example.com/news/rss.xml">
     <meta property="og:image" content="https://example.com/news/og/front.png">
     <a href="/news/ok/">ok</a> <a href="/news/ok/#top">ok again</a> <a href="/other/">escapes</a>
     <a href="https://elsewhere.example/">external</a> <a href="mailto:desk@example.com">mail</a>
     <img src="/news/a.png" srcset="/news/a.png 1x, /news/a-2x.png 2x" alt="">`,
  );
  server = await serveStatic(dir, { base: '/news/' });
  result = await crawl({
    origin: server.origin,
    base: '/news/',
    site: 'https://example.com',
    alsoStartAt: ['robots.txt'],
  });
});
afterAll(async () => {
  await server?.close();
});

it('reports every missing link, asset, srcset candidate, feed, share image, sitemap entry and CSS url()', () => {
  const failing = [...result.checked.values()]
    .filter((checked) => checked.status !== 200)
    .map((checked) => new URL(checked.url).pathname)
    .sort();
  expect(failing).toEqual([
    '/news/a-2x.png',
    '/news/gone/',
    '/news/missing-bg.png',
    '/news/og/front.png',
    '/news/rss.xml',
    '/other/',
  ]);
  expect(result.pages.map((url) => new URL(url).pathname)).toEqual(['/news/', '/news/ok/']);
});

it('reports links that leave the base path, and does not fetch other sites', () => {
  expect(result.escapes).toEqual([`/other/ (from ${server.origin}/news/)`]);
  expect([...result.external]).toEqual(['https://elsewhere.example/']);
});

it('reads srcset candidates', () => {
  expect(srcsetUrls('/a.avif 480w, /b.avif 800w,/c.avif')).toEqual(['/a.avif', '/b.avif', '/c.avif']);
  expect(srcsetUrls('/x,y.png 1x,/z.png 2x')).toEqual(['/x,y.png', '/z.png']);
});
