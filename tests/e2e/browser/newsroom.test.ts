/**
 * The newsroom features in a real browser: a right-to-left article mirrored (byline, block quote,
 * lists, pull quote, table, share links on the right), the compact phone header (one row, first
 * headline in the first screen, no sideways page scrolling, every section reachable by keyboard),
 * and the front page's featured lead with its "Breaking" label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import { pageTypes } from '../../support/pages.ts';
import { seedArticleId } from '../../support/seed.ts';
import { servedSite } from '../../support/served-site.ts';
import type { StaticServer } from '../../support/static-server.ts';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;

const rtlArticle = 'articles/fixture-arabic-sibling/';

beforeAll(async () => {
  browser = await connectBrowser();
  server = servedSite('root');
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Left and right edges of the first element matching each selector, in CSS px. */
function edges(target: Page, selectors: Record<string, string>) {
  return target.evaluate((wanted) => {
    const result: Record<string, { left: number; right: number }> = {};
    for (const [name, selector] of Object.entries(wanted)) {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      result[name] = { left: Math.round(box.left), right: Math.round(box.right) };
    }
    return result;
  }, selectors);
}

/** Where an element's text starts and ends (a Range over its text, not its box, which spans the line). */
function textEdges(target: Page, selector: string) {
  return target.evaluate((sel) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(sel)!);
    const box = range.getBoundingClientRect();
    return { left: Math.round(box.left), right: Math.round(box.right) };
  }, selector);
}

describe('a right-to-left article (lang: ar)', () => {
  it('is marked lang="ar" dir="rtl", while the site header and footer keep English, left to right', async () => {
    await page.goto(`${server.origin}/${rtlArticle}`);
    const attributes = await page.evaluate(() => ({
      html: [document.documentElement.lang, document.documentElement.dir],
      header: [
        document.querySelector('.site-header')!.getAttribute('lang'),
        getComputedStyle(document.querySelector('.site-header')!).direction,
      ],
      footer: getComputedStyle(document.querySelector('.site-footer')!).direction,
      prose: getComputedStyle(document.querySelector('.prose')!).direction,
    }));
    expect(attributes).toEqual({ html: ['ar', 'rtl'], header: ['en', 'ltr'], footer: 'ltr', prose: 'rtl' });
  });

  it('puts the byline, block quote rule, list markers, table and share links on the right', async () => {
    await page.goto(`${server.origin}/${rtlArticle}`);
    const box = await edges(page, {
      column: '.article-header',
      byline: '.byline p',
      blockquote: '.prose blockquote',
      list: '.prose ul li',
      firstCell: '.prose th:first-child',
      lastCell: '.prose th:last-child',
      share: '.share-list',
    });
    const byline = await textEdges(page, '.byline p');
    // The byline's words end at the column's right edge and start well away from its left.
    expect(Math.abs(byline.right - box.column!.right)).toBeLessThanOrEqual(2);
    expect(byline.left - box.column!.left).toBeGreaterThan(200);
    const quote = await page.$eval('.prose blockquote', (el) => {
      const style = getComputedStyle(el);
      return {
        right: style.borderRightWidth,
        left: style.borderLeftWidth,
        paddingRight: parseFloat(style.paddingRight),
      };
    });
    expect(quote).toMatchObject({ right: '3px', left: '0px' });
    expect(quote.paddingRight).toBeGreaterThan(10);
    // List items are indented from the right; the table's first column is the rightmost.
    expect(box.column!.right - box.list!.right).toBeGreaterThan(10);
    expect(box.firstCell!.left).toBeGreaterThan(box.lastCell!.right - 1);
    // The share links start at the right: the first one shown is the rightmost, at the column's edge.
    const shares = await page.$$eval('.share-list .share-button', (elements) =>
      elements.filter((el) => el.getClientRects().length > 0).map((el) => Math.round(el.getBoundingClientRect().right)),
    );
    expect(shares.length).toBeGreaterThan(3);
    expect(Math.max(...shares)).toBe(shares[0]);
    expect(Math.abs(shares[0]! - box.column!.right)).toBeLessThanOrEqual(2);
  });

  it('hangs the pull quote into the left margin on a wide screen, and has no drop cap', async () => {
    await page.goto(`${server.origin}/${rtlArticle}`);
    const hang = await page.evaluate(() => ({
      pull: document.querySelector('.pull-quote')!.getBoundingClientRect().left,
      prose: document.querySelector('.prose > p')!.getBoundingClientRect().left,
    }));
    expect(hang.pull).toBeLessThan(hang.prose - 100);
    const initial = (selector: string) =>
      page.$eval(selector, (el) => getComputedStyle(el, '::first-letter').getPropertyValue('initial-letter'));
    expect(await initial('.prose > p')).toMatch(/^(normal|none)$/);
    // An English article whose first paragraph is long enough for a three-line initial (rehype-drop-cap.ts).
    await page.goto(`${server.origin}/articles/${seedArticleId}/`);
    expect(await initial('.prose > p')).not.toMatch(/^(normal|none)$/);
  });

  it('does not scroll sideways on a small phone', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.origin}/${rtlArticle}`);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe.each([
  [320, 568],
  [390, 844],
])('the header on a %i px phone', (width, height) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height });
  });
  afterAll(async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it.each(pageTypes)('is one row on the $name page, with the first headline in the first screen', async (type) => {
    await page.goto(`${server.origin}/${type.path}`);
    const layout = await page.evaluate(() => {
      const header = document.querySelector('.site-header')!.getBoundingClientRect();
      const first = document.querySelector('main h1:not(.visually-hidden), main .headline')!.getBoundingClientRect();
      return { header: header.height, headlineTop: first.top, scrollWidth: document.scrollingElement!.scrollWidth };
    });
    expect(layout.header).toBeLessThanOrEqual(64);
    expect(layout.headlineTop).toBeLessThan(height * 0.75);
    expect(layout.scrollWidth).toBeLessThanOrEqual(width);
  });

  it('scrolls the sections sideways to show each link focused with the keyboard', async () => {
    await page.goto(`${server.origin}/`);
    const labels = await page.$$eval('.site-header nav a', (links) => links.map((link) => link.textContent!.trim()));
    const hidden = await page.$$eval('.site-header nav a', (links) => {
      const nav = links[0]!.closest('nav')!.getBoundingClientRect();
      return links.filter((link) => link.getBoundingClientRect().right > nav.right + 1).length;
    });
    expect(hidden, 'some sections start out of sight on a phone').toBeGreaterThan(0);
    await page.focus('.site-header .wordmark');
    for (const label of labels) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const link = document.activeElement!;
        const nav = link.closest('nav')!.getBoundingClientRect();
        const box = link.getBoundingClientRect();
        return { text: link.textContent!.trim(), inView: box.left >= nav.left - 1 && box.right <= nav.right + 1 };
      });
      expect(focused).toEqual({ text: label, inView: true });
    }
  });
});

describe('the front page', () => {
  it('leads with the featured story, not the newest, with its "Breaking" label', async () => {
    await page.goto(`${server.origin}/`);
    const lead = await page.$eval('.lead', (el) => ({
      href: el.querySelector('.headline a')!.getAttribute('href'),
      kicker: el.querySelector('.kicker')!.textContent!.replace(/\s+/g, ' ').trim(),
    }));
    expect(lead).toEqual({ href: '/articles/fixture-newsroom-story/', kicker: 'Breaking Testing' });
    const others = await page.$$eval('main .card .headline a', (links) =>
      links.map((link) => link.getAttribute('href')),
    );
    expect(others.filter((href) => href === '/articles/fixture-newsroom-story/')).toHaveLength(1);
    expect(others).toContain('/articles/fixture-arabic-sibling/');
  });
});
