/**
 * A WordPress.com export (classic and block-editor posts, child pages, a Greek page slug, an
 * author typo) imported with `--fetch-media` from a mirror on loopback, built, served by a real
 * nginx and opened in Chromium: every old address answers 301 to a page that answers 200, the
 * media is served from the site, no page breaks its Content-Security-Policy or is wider than a
 * 320 px screen, and the report's silent losses are 0.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser } from '../../support/shared-browser.ts';
import { readPage, visibleText } from '../../support/html.ts';
import { startNginx, type NginxServer } from '../../support/nginx.ts';
import { checkContentRedirects, checkOldAddresses, publishedEntries, redirectOf } from '../../support/old-addresses.ts';
import { run, type RunResult } from '../../support/project.ts';
import { buildSite, testRoot, type BuiltSite } from '../../support/site-build.ts';
import { startMediaServer, type MediaServer } from '../../support/wordpress-media-server.ts';

const fixture = path.join(import.meta.dirname, '..', '..', 'fixtures', 'wordpress');
const exportFile = path.join(fixture, 'wordpress-com.xml');

let media: MediaServer;
let imported: RunResult;
let contentDir: string;
let site: BuiltSite;
let nginx: NginxServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(testRoot, { recursive: true });
  media = await startMediaServer(path.join(fixture, 'media'));
  contentDir = await mkdtemp(path.join(testRoot, 'wordpress-com-content-'));
  const mediaDir = await mkdtemp(path.join(testRoot, 'wordpress-com-media-'));
  const args = ['--experimental-strip-types', 'src/cli/import-wordpress.ts', exportFile, '--fetch-media'];
  imported = await run(process.execPath, [...args, '--media-origin', media.origin, '--media-dir', mediaDir], {
    CONTENT_DIR: contentDir,
  });
  if (imported.code !== 0) throw new Error(`import failed:\n${imported.output}`);
  site = await buildSite('wordpress-com', contentDir, {
    SITE_URL: 'https://news.example.com',
    COMMENTS_PROVIDER: 'none',
  });
  nginx = await startNginx([{ base: '/', dir: site.outDir }]);
  browser = await connectBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await nginx?.close();
  await media?.close();
});

const line = (label: string) => imported.stdout.match(new RegExp(`^ +${label}: +(.*)$`, 'm'))?.[1];

describe('the import report', () => {
  it('counts the export, fetched every file from the mirror, and lost nothing silently', () => {
    expect(line('articles')).toBe('2 published, 0 drafts, 0 scheduled');
    expect(line('pages')).toBe('3 published, 0 drafts');
    expect(line('authors')).toBe('2');
    expect(line('comments')).toMatch(/^1 imported/);
    expect(line('fetched')).toMatch(/^10 downloaded \(\d+ bytes\), 0 replaced, 0 already here, 0 failed$/);
    expect(line('media')).toBe('10 made local, 2 not made local');
    expect(line('silent losses')).toBe('0');
    expect(imported.stdout).toContain('names the undeclared author ">msantos": given to "msantos"');
    expect(imported.stdout).toContain('https://radio.example/podcast/episode-12.mp3 (on another site)');
    expect(imported.stdout).toContain('dynamic block core/latest-posts left out');
    expect(imported.stdout).not.toContain('[WordPress block');
  });
});

describe('old addresses on nginx', () => {
  it('answer 301 to the new page, which answers 200: permalinks on the blog’s own host, child pages, ?p= and ?page_id=', async () => {
    const entries = await publishedEntries(exportFile);
    expect(entries).toHaveLength(5);
    const { answered } = await checkOldAddresses(nginx.origin, entries);
    expect(answered).toBeGreaterThanOrEqual(10);
  });

  it('answer 301 to a page that answers 200 at every address the import wrote: permalinks, archives, feeds', async () => {
    const answered = await checkContentRedirects(nginx.origin, contentDir);
    expect(answered).toBe(29);
  });

  it('give a Greek page a readable address and keep its old one', async () => {
    expect(await redirectOf(nginx.origin, '/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/')).toEqual({
      status: 301,
      location: '/epipedo-2/',
    });
    expect(await redirectOf(nginx.origin, '/level-1/level-2/')).toEqual({ status: 301, location: '/level-2/' });
    expect(existsSync(path.join(site.outDir, 'level-1/level-2/index.html'))).toBe(true);
  });
});

describe('the built pages', () => {
  it('keep the words and structure of the classic post', async () => {
    const page = await readPage(site.outDir, '/articles/water-energy-and-the-harbour/');
    const prose = page.querySelector('.prose')!;
    expect(prose.querySelector('sub')?.text).toBe('2');
    expect(prose.querySelector('sup')?.text).toBe('2');
    expect(prose.querySelector('abbr')?.getAttribute('title')).toBe('Harbour Authority');
    expect(prose.querySelectorAll('dl dt').map(visibleText)).toEqual(['Berth']);
    expect(prose.querySelector('ol[reversed]')).not.toBeNull();
    expect(visibleText(prose.querySelector('details summary')!)).toBe('How we measured');
    expect(prose.querySelector('table thead')).toBeNull();
    expect(visibleText(prose.querySelector('figure figcaption')!)).toBe('Photo by Ann Lee');
    // Pictures are the site's Figure and Gallery, as a newsroom writes them: AVIF and WebP, a caption with its link.
    expect(prose.querySelector('.media-figure figcaption a')?.getAttribute('href')).toBe('https://photos.example/ann');
    expect(prose.querySelector('.media-figure picture source[type="image/avif"]')).not.toBeNull();
    expect(prose.querySelectorAll('.gallery .gallery-grid > .media-figure')).toHaveLength(3);
    expect(prose.querySelector('audio')?.getAttribute('src')).toMatch(/^\/_astro\/interview\.[\w-]+\.wav$/);
    const images = prose.querySelectorAll('img').map((img) => img.getAttribute('src')!);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const src of images) expect(src, src).toMatch(/^\/_astro\//);
    const description = page.querySelector('meta[name="description"]')!.getAttribute('content');
    expect(description).toBe('The harbour authority says H2O quality improved this spring, and E = MC2 still holds.');
  });

  it('turn block-editor media into players, a download and links with words', async () => {
    const page = await readPage(site.outDir, '/articles/blocks-on-the-water/');
    const prose = page.querySelector('.prose')!;
    expect(prose.querySelector('video track')?.getAttribute('src')).toMatch(/^\/_astro\/clip\.[\w-]+\.vtt$/);
    expect(visibleText(prose.querySelector('.download')!)).toMatch(/^Download Wind Farm \(PDF, \d+ bytes\)$/);
    const links = prose.querySelectorAll('a').map((a) => visibleText(a));
    expect(links).toContain('Audio: episode-12.mp3 (on the old site)');
    expect(links).toContain('Picture: The lighthouse (on the old site)');
    expect(links.filter((text) => text.trim() === '')).toEqual([]);
    expect(prose.querySelector('.pull-quote')).toBeNull();
    expect(visibleText(prose.querySelector('.gallery > figcaption')!)).toBe('The port at work');
    expect(prose.querySelectorAll('.gallery .media-figure')).toHaveLength(2);
    expect(visibleText(prose)).toContain('We are a harbour town, first and last.');
  });
});

describe('the Content-Security-Policy of media', () => {
  const policyOf = async (pathname: string) => {
    const response = await fetch(new URL(pathname, nginx.origin));
    const page = await response.text();
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(page)?.[1] ?? '';
    const mediaSrc = (policy: string) => /media-src ([^;]*)/.exec(policy)?.[1];
    return { header: mediaSrc(response.headers.get('content-security-policy') ?? ''), meta: mediaSrc(meta) };
  };

  it("allows the site's own recordings and videos on the pages that play them, and no media anywhere else", async () => {
    expect(await policyOf('/articles/water-energy-and-the-harbour/')).toEqual({ header: "'self'", meta: "'self'" });
    expect(await policyOf('/articles/blocks-on-the-water/')).toEqual({ header: "'self'", meta: "'self'" });
    expect(await policyOf('/level-2/')).toEqual({ header: "'none'", meta: "'none'" });
    expect((await policyOf('/')).header).toBe("'none'");
  });
});

describe('in Chromium', () => {
  const pages = [
    '/articles/water-energy-and-the-harbour/',
    '/articles/blocks-on-the-water/',
    '/level-2/',
    '/epipedo-2/',
  ];

  it('no imported page breaks the Content-Security-Policy or is wider than a 320 px screen', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
      );
    });
    const problems: string[] = [];
    for (const pathname of pages) {
      const page = await context.newPage();
      const response = await page.goto(new URL(pathname, nginx.origin).href, { waitUntil: 'load' });
      expect(response?.status(), pathname).toBe(200);
      const { violations, width } = await page.evaluate(() => ({
        violations: window.cspViolations,
        width: document.documentElement.scrollWidth,
      }));
      problems.push(...violations.map((violation) => `${pathname}: ${violation}`));
      if (width > 320) problems.push(`${pathname}: ${width} px wide`);
      await page.screenshot({
        path: path.join(testRoot, `wordpress-com-${pathname.replace(/\W+/g, '-')}.png`),
        fullPage: true,
      });
      await page.close();
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
