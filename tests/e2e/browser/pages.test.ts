/**
 * Every page type, loaded in Chromium from the built site on loopback, at the
 * root and under a base path: no console errors, no failed or off-site
 * requests, and the semantics a reader relies on (language, dates, link text,
 * pull quotes, footnotes, print styles, reduced motion).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { servedSite } from '../../support/served-site.ts';
import { pageTypes } from '../../support/pages.ts';
import { watchPage } from '../../support/page-checks.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let root: StaticServer;

beforeAll(async () => {
  browser = await connectBrowser();
  root = servedSite('root');
  context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const builds = [
  { name: 'at the root', build: 'root' as const, base: '/' },
  { name: 'under /news/', build: 'news' as const, base: '/news/' },
];

describe.each(builds)('every page type $name', ({ build, base }) => {
  it('loads with its status, no console errors, no failed requests and nothing from another host', async () => {
    const server = servedSite(build);
    const own = await context.newPage();
    // The comment script asks the configured comment service for comments approved since the build.
    const watch = watchPage(own, server.origin, [new URL(inject('commentsEndpoint')).origin]);
    for (const type of pageTypes) {
      const response = await own.goto(`${server.origin}${base}${type.path}`, { waitUntil: 'load' });
      expect(response?.status(), type.name).toBe(type.status);
      // Lazy images and anything else below the fold load too.
      await own.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await own.waitForFunction(() => [...document.images].every((image) => image.complete));
      expect(watch.problems, type.name).toEqual([]);
      watch.reset();
    }
    await own.close();
  });
});

describe.each(pageTypes)('$name page', (type) => {
  beforeAll(async () => {
    await page.emulateMedia({ media: 'screen', reducedMotion: 'no-preference' });
    await page.goto(`${root.origin}/${type.path}`);
  });

  it('declares its language and has one h1', async () => {
    expect(await page.getAttribute('html', 'lang')).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
    expect(await page.locator('h1').count()).toBe(1);
  });

  it('puts every date in a <time> with a valid machine-readable datetime', async () => {
    const times = await page.$$eval('time', (elements) =>
      elements.map((el) => ({ text: el.textContent ?? '', datetime: el.getAttribute('datetime') ?? '' })),
    );
    for (const time of times) {
      expect(Number.isNaN(Date.parse(time.datetime)), `${time.text}: ${time.datetime}`).toBe(false);
    }
    // No date-looking text outside a <time> (e.g. "8 August 2022" written as plain text).
    const looseDates = await page.evaluate(() => {
      const months = 'January|February|March|April|May|June|July|August|September|October|November|December';
      const pattern = new RegExp(`\\b\\d{1,2} (${months}) \\d{4}\\b|\\b(${months}) \\d{1,2}, \\d{4}\\b`);
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (pattern.test(node.textContent ?? '') && !node.parentElement?.closest('time, .prose')) {
          found.push(node.textContent!.trim());
        }
      }
      return found;
    });
    expect(looseDates).toEqual([]);
  });

  it('has link text that makes sense out of context', async () => {
    const names = await page.$$eval('a[href]', (links) =>
      links.map((link) => (link.getAttribute('aria-label') ?? link.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    const vague = /^(read more|more|click here|here|continue|continue reading|link|this|details|↩)$/i;
    for (const name of names) {
      expect(name.length, `empty link text`).toBeGreaterThan(0);
      expect(vague.test(name), `vague link text "${name}"`).toBe(false);
    }
  });

  it('hides navigation, forms and share links when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    const shown = await page.$$eval('nav, form, [class*="share" i], [aria-label*="share" i], .skip-link', (elements) =>
      elements
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(shown).toEqual([]);
    // The story itself still prints.
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('moves nothing when the reader asks for reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const moving = await page.evaluate(() => {
      const seconds = (value: string) =>
        Math.max(...value.split(',').map((part) => parseFloat(part) * (part.trim().endsWith('ms') ? 0.001 : 1)));
      const found: string[] = [];
      if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') found.push('html: smooth scrolling');
      for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
          const style = getComputedStyle(el, pseudo);
          const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0;
          const transitioned = seconds(style.transitionDuration) > 0;
          if (animated || transitioned) found.push(`${el.tagName.toLowerCase()}${pseudo ?? ''}.${el.className}`);
        }
      }
      return found;
    });
    expect(moving).toEqual([]);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  if (type.article) {
    it('hides pull quotes from assistive technology so they are not read twice', async () => {
      const quotes = await page.$$eval('.pull-quote', (elements) =>
        elements.map((el) => el.closest('[aria-hidden="true"]') !== null),
      );
      for (const hidden of quotes) expect(hidden).toBe(true);
    });

    it('links every footnote reference to its note and back', async () => {
      const refs = await page.$$eval('a[data-footnote-ref]', (links) =>
        links.map((link) => link.getAttribute('href')!),
      );
      for (const href of refs) {
        const note = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`);
        expect(await note.count(), href).toBe(1);
        const back = note.locator('a[data-footnote-backref]');
        expect(await back.count(), href).toBeGreaterThan(0);
        const backTarget = (await back.first().getAttribute('href'))!.slice(1);
        expect(
          await page
            .locator(
              `[id="${decodeURIComponent(backTarget)}"] a[data-footnote-ref], a[id="${decodeURIComponent(backTarget)}"]`,
            )
            .count(),
          backTarget,
        ).toBe(1);
        // A back-link says where it goes, not just "↩".
        expect(await back.first().getAttribute('aria-label'), href).toMatch(/back/i);
      }
    });
  }
});
