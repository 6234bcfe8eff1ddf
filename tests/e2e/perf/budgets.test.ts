import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  checkFonts,
  checkImages,
  checkLoading,
  checkWeight,
  firstPaintTotal,
  formatBytes,
  pageReferences,
  type LaidOutImage,
} from '../../support/budgets.ts';
import { connectBrowser } from '../../support/shared-browser.ts';
import { listFiles } from '../../support/html.ts';
import { measurePage } from '../../support/page-weight.ts';
import { seed, seedArticleId } from '../../support/seed.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

const siteDir = inject('siteDir');
const seedPage = `/articles/${seedArticleId}/`;
const heroPage = '/articles/fixture-markdown-features/';

describe('page weight at first paint (gzip)', () => {
  it.each([
    [seedPage, '/', siteDir],
    ['/', '/', siteDir],
    [`/news${seedPage}`, '/news/', inject('newsSiteDir')],
  ])('%s keeps within the byte budgets', async (page, base, dir) => {
    const { weight } = await measurePage(dir, page, base);
    const messages = checkWeight(weight).map((v) => v.message);
    expect(messages, `${page}: ${formatBytes(firstPaintTotal(weight))} at first paint`).toEqual([]);
    expect(weight.html).toBeGreaterThan(1000); // the page really was read and weighed
    expect(weight.renderBlockingJs).toBe(0);
  });

  it('counts the stylesheets the seed article links', async () => {
    const { weight, references } = await measurePage(siteDir, seedPage);
    const linked = references.stylesheets.length + references.inlineStyles.length;
    expect(linked).toBeGreaterThan(0);
    // Linked stylesheets are weighed; inline ones are part of the HTML: CSS weight exactly when some are linked.
    expect({ linked: references.stylesheets.length > 0, weighed: weight.css > 0 }).toEqual({
      linked: references.stylesheets.length > 0,
      weighed: references.stylesheets.length > 0,
    });
  });
});

describe('web fonts', () => {
  it.each([seedPage, '/'])(
    '%s: every web font swaps, is a WOFF2 subset, and only used fonts are preloaded',
    async (page) => {
      const { faces, references, weight } = await measurePage(siteDir, page);
      const messages = [
        ...checkFonts(page, faces, references.fontPreloads),
        ...checkWeight(weight).filter((v) => v.budget === 'web font file size'),
      ].map((v) => v.message);
      expect(messages).toEqual([]);
    },
  );
});

describe('images in every built page', () => {
  it('every <img> has width and height; hero images come in AVIF and WebP with a srcset', async () => {
    const pages = (await listFiles(siteDir)).filter((file) => file.endsWith('.html'));
    const messages: string[] = [];
    let heroes = 0;
    for (const file of pages) {
      const { images } = pageReferences(await readFile(path.join(siteDir, file), 'utf8'));
      heroes += images.filter((image) => image.hero).length;
      messages.push(...checkImages(`/${file}`, images).map((v) => v.message));
    }
    expect(messages).toEqual([]);
    expect(heroes).toBeGreaterThan(0); // the fixture article's hero image was checked
  });
});

describe('in a browser, on a phone-sized screen', () => {
  const viewport = { width: 412, height: 823 };
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic(siteDir);
    browser = await connectBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([heroPage, '/'])('%s: the LCP image is not lazy, images below the fold are', async (page) => {
    const tab = await browser.newPage({ viewport });
    await tab.goto(`${server.origin}${page}`, { waitUntil: 'load' });
    const images: LaidOutImage[] = await tab.evaluate(async () => {
      // Let every image decode and paint first: a candidate reported before the hero is painted is not the final LCP.
      const eager = [...document.images].filter((img) => img.loading !== 'lazy');
      await Promise.all(eager.map((img) => img.decode().catch(() => undefined)));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return new Promise<LaidOutImage[]>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries() as (PerformanceEntry & { element?: Element | null })[];
          const lcp = entries.at(-1)?.element ?? null;
          resolve(
            [...document.images].map((img) => ({
              src: img.currentSrc || img.src,
              loading: img.getAttribute('loading') ?? 'eager',
              top: img.getBoundingClientRect().top + window.scrollY,
              lcp: img === lcp,
            })),
          );
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
    });
    await tab.close();
    expect(images.length).toBeGreaterThan(0);
    // Which element wins LCP (the hero picture or the headline and standfirst) varies with paint timing on a
    // phone; either way the rules hold: the LCP image, and every image in the first screen, is eager.
    expect(images.some((image) => image.top < viewport.height)).toBe(true);
    expect(checkLoading(page, images, viewport.height).map((v) => v.message)).toEqual([]);
  });

  it('the seed article reads in full with JavaScript switched off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport });
    const tab = await context.newPage();
    await tab.goto(`${server.origin}${seedPage}`);
    await expect(tab.locator('h1').textContent()).resolves.toBe(seed.title);
    const paragraphs = await tab.locator('.prose > p').allTextContents();
    expect(paragraphs.map((p) => p.replace(/\s+/g, ' ').trim())).toEqual(seed.body);
    await expect(tab.locator('.prose > p').last().isVisible()).resolves.toBe(true);
    await context.close();
  });
});
