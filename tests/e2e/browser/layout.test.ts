/**
 * Layout at every width from a small phone to a desktop: no sideways page
 * scrolling, wide tables scroll in their own box, article text stays within a
 * readable measure, touch targets are big enough, and the dark scheme applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { servedSite } from '../../support/served-site.ts';
import { pageTypes, touchTargetSelectors, viewportWidths } from '../../support/pages.ts';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await connectBrowser();
  server = servedSite('root');
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Characters per line of each body paragraph, from its rendered width and the average glyph width of its font. */
function charactersPerLine(target: Page) {
  return target.$$eval('.prose > p', (paragraphs) => {
    const canvas = document.createElement('canvas').getContext('2d')!;
    return paragraphs
      .filter((p) => (p.textContent ?? '').length > 200)
      .map((p) => {
        const style = getComputedStyle(p);
        canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = p.textContent!.replace(/\s+/g, ' ');
        const average = canvas.measureText(text).width / text.length;
        return Math.round(p.clientWidth / average);
      });
  });
}

describe.each(viewportWidths)('at %i px wide', (width) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height: 900 });
  });

  it.each(pageTypes)('the $name page does not scroll sideways', async (type) => {
    await page.goto(`${server.origin}/${type.path}`);
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth,
      // The widest element, to say what overflows when something does.
      culprits: [...document.querySelectorAll('body *')]
        // Tables and the phone header's section links scroll in their own boxes.
        .filter(
          (el) =>
            el.getBoundingClientRect().right > innerWidth + 1 &&
            !el.closest('.table-scroll, .visually-hidden, .site-header nav'),
        )
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 5),
    }));
    expect(overflow.scrollWidth, overflow.culprits.join(', ')).toBeLessThanOrEqual(overflow.innerWidth);
    expect(overflow.culprits).toEqual([]);

    const smallTargets = await page.$$eval(touchTargetSelectors.join(','), (elements) =>
      elements
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({ text: el.textContent?.trim(), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ text, box }) => `"${text}" ${Math.round(box.width)}x${Math.round(box.height)}`),
    );
    expect(smallTargets, 'touch targets under 24x24 px').toEqual([]);
  });

  it('the article text stays within a readable measure', async () => {
    await page.goto(`${server.origin}/${pageTypes.find((type) => type.article)!.path}`);
    const lines = await charactersPerLine(page);
    expect(lines.length).toBeGreaterThan(5);
    for (const perLine of lines) {
      expect(perLine).toBeLessThanOrEqual(80);
      // Phones cannot fit 45 characters at a readable size; from tablets up the column must not be narrow.
      if (width >= 768) expect(perLine).toBeGreaterThanOrEqual(45);
    }
  });

  it('a wide table scrolls inside its own box, not the page', async () => {
    await page.goto(`${server.origin}/articles/fixture-markdown-features/`);
    const boxes = await page.$$eval('.table-scroll', (elements) =>
      elements.map((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        overflowX: getComputedStyle(el).overflowX,
        right: el.getBoundingClientRect().right,
        focusable: (el as HTMLElement).tabIndex === 0,
      })),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (const box of boxes) {
      expect(box.right).toBeLessThanOrEqual(width);
      expect(box.focusable).toBe(true);
      if (box.scrolls) expect(box.overflowX).toBe('auto');
    }
    if (width <= 768)
      expect(
        boxes.some((box) => box.scrolls),
        'the wide table needs its scroll box here',
      ).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
  });
});

describe('colour schemes', () => {
  it.each(pageTypes)('the $name page follows the reader’s light or dark preference', async (type) => {
    const colours: Record<string, { background: string; text: string }> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.origin}/${type.path}`);
      colours[scheme] = await page.evaluate(() => {
        const style = getComputedStyle(document.body);
        return { background: style.backgroundColor, text: style.color };
      });
    }
    const luminance = (colour: string) => {
      const [r, g, b] = colour.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(colours.light!.background)).toBeGreaterThan(luminance(colours.light!.text));
    expect(luminance(colours.dark!.background)).toBeLessThan(luminance(colours.dark!.text));
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
