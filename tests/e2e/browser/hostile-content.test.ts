/**
 * Layouts that survive real content (issue 26): the fixture article with a 85-letter place name in its
 * headline, a URL as its standfirst, a 200-character line of code, a one-line first paragraph and a pull
 * quote as its last block, at phone, tablet and desktop widths, on screen and in print. Every page that
 * shows its headline must not scroll sideways, and no two blocks of the article may overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import { servedSite } from '../../support/served-site.ts';
import { seedArticleId } from '../../support/seed.ts';

const hostileArticle = 'articles/fixture-hostile-layout/';
const widths = [320, 390, 768, 1280] as const;
/** Pages that show the fixture's headline or standfirst. */
const pagesWithTheHeadline = [hostileArticle, '', 'tags/layout/', 'archive/2022/07/', 'authors/fixture-reporter/'];

let browser: Browser;
let context: BrowserContext;
let page: Page;
const origin = () => servedSite('root').origin;

beforeAll(async () => {
  browser = await connectBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** Elements wider than the window (outside boxes that scroll on their own), and the page's scroll width. */
function overflow(target: Page) {
  return target.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    culprits: [...document.querySelectorAll('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return (
          (box.right > innerWidth + 1 || box.left < -1) &&
          !el.closest('.table-scroll, pre, .visually-hidden, .site-header nav')
        );
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }));
}

/**
 * Pairs of article blocks whose ink overlaps: each block is measured by the boxes of its lines of text
 * (and its images), clipped to its own box, so a paragraph that wraps around a floated pull quote is
 * not counted, but words under it are.
 */
function overlaps(target: Page) {
  return target.evaluate(() => {
    type Box = { left: number; right: number; top: number; bottom: number };
    const blocks = [
      ...document.querySelectorAll<HTMLElement>(
        '.article-header > *, .prose > *, .article-footer > *, .article-footer .share-list > li, .article-footer .tags li',
      ),
    ].filter((el) => el.getClientRects().length > 0 && !el.querySelector('.share-list, .tags li'));
    const inkOf = (el: HTMLElement): Box[] => {
      const own = el.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [
        ...range.getClientRects(),
        ...[...el.querySelectorAll('img, svg')].map((i) => i.getBoundingClientRect()),
      ];
      return rects
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({
          left: Math.max(r.left, own.left),
          right: Math.min(r.right, own.right),
          top: Math.max(r.top, own.top),
          bottom: Math.min(r.bottom, own.bottom),
        }))
        .filter((r) => r.right > r.left && r.bottom > r.top);
    };
    const meet = (a: Box, b: Box) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const ink = blocks.map(inkOf);
    const found: string[] = [];
    blocks.forEach((a, i) => {
      blocks.slice(i + 1).forEach((b, offset) => {
        if (a.contains(b) || b.contains(a)) return;
        if (ink[i]!.some((x) => ink[i + 1 + offset]!.some((y) => meet(x, y))))
          found.push(`${a.tagName.toLowerCase()}.${a.className} × ${b.tagName.toLowerCase()}.${b.className}`);
      });
    });
    return found;
  });
}

/** How far the first character of each of the first paragraphs is from its paragraph's start edge. */
function paragraphIndents(target: Page) {
  return target.$$eval('.prose > p', (paragraphs) =>
    paragraphs.slice(0, 3).map((p) => {
      const range = document.createRange();
      const text = [...p.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
      const start = text.textContent!.search(/\S/);
      range.setStart(text, start);
      range.setEnd(text, start + 1);
      const own = p.getBoundingClientRect();
      return Math.round(range.getBoundingClientRect().left - own.left);
    }),
  );
}

describe.each(widths)('at %i px wide', (width) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height: 900 });
  });

  it.each(pagesWithTheHeadline)('/%s does not scroll sideways', async (path) => {
    await page.goto(`${origin()}/${path}`);
    const { scrollWidth, culprits } = await overflow(page);
    expect(culprits, `${culprits.length} elements wider than ${width} px`).toEqual([]);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  });

  it('no two blocks of the article overlap, and its footer stays in the text column', async () => {
    await page.goto(`${origin()}/${hostileArticle}`);
    expect(await overlaps(page)).toEqual([]);
    const columns = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const prose = box('.prose');
      const quote = box('.pull-quote');
      return {
        prose: [Math.round(prose.left), Math.round(prose.right)],
        footer: [...document.querySelectorAll('.article-footer > *')]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => {
            const own = el.getBoundingClientRect();
            return {
              left: Math.round(own.left),
              right: Math.round(own.right),
              belowQuote: own.top >= quote.bottom - 1,
            };
          }),
      };
    });
    expect(columns.footer.length).toBeGreaterThanOrEqual(3);
    for (const block of columns.footer) {
      expect(block.left).toBe(columns.prose[0]);
      expect(block.right).toBe(columns.prose[1]);
      expect(block.belowQuote).toBe(true);
    }
  });

  it('a long line of code scrolls inside its own box, which the keyboard can reach', async () => {
    await page.goto(`${origin()}/${hostileArticle}`);
    const code = await page.$eval('.prose pre', (pre) => ({
      scrolls: pre.scrollWidth > pre.clientWidth,
      overflowX: getComputedStyle(pre).overflowX,
      right: pre.getBoundingClientRect().right,
      tabIndex: (pre as HTMLElement).tabIndex,
    }));
    expect(code).toMatchObject({ scrolls: true, overflowX: 'auto', tabIndex: 0 });
    expect(code.right).toBeLessThanOrEqual(width);
  });

  it('a one-line first paragraph gets no drop cap, and the seed article’s second paragraph is not indented', async () => {
    await page.goto(`${origin()}/${hostileArticle}`);
    expect(await page.$$eval('.prose p.opening', (found) => found.length)).toBe(0);
    expect((await paragraphIndents(page)).every((indent) => Math.abs(indent) <= 1)).toBe(true);

    await page.goto(`${origin()}/articles/${seedArticleId}/`);
    expect(await page.$$eval('.prose > p:first-child.opening', (found) => found.length)).toBe(1);
    const dropCap = await page.$eval('.prose > p.opening', (p) => getComputedStyle(p, '::first-letter').fontWeight);
    expect(dropCap, 'the initial is set bold').toBe('700');
    const [, second, third] = await paragraphIndents(page);
    expect([second, third].map((indent) => Math.abs(indent!) <= 1)).toEqual([true, true]);
  });
});

describe('print', () => {
  beforeAll(async () => {
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.emulateMedia({ media: 'print' });
  });
  afterAll(async () => {
    await page.emulateMedia({ media: 'screen' });
  });

  it.each([hostileArticle, `articles/${seedArticleId}/`])(
    '/%s prints on one left edge, without empty headings, in black and grey',
    async (path) => {
      await page.goto(`${origin()}/${path}`);
      const printed = await page.evaluate(() => {
        const left = (selector: string) => Math.round(document.querySelector(selector)!.getBoundingClientRect().left);
        const shown = (el: Element) => el.getClientRects().length > 0;
        const grey = (colour: string) => {
          const [r, g, b] = colour.match(/[\d.]+/g)!.map(Number);
          return r === g && g === b;
        };
        const opening = document.querySelector('.prose > p.opening');
        const inks = [
          ...[...document.querySelectorAll('.article *')].filter(shown).flatMap((el) => {
            const style = getComputedStyle(el);
            return [style.color, style.borderTopColor, style.borderBottomColor];
          }),
          ...(opening ? [getComputedStyle(opening, '::first-letter').color] : []),
        ];
        return {
          edges: new Set([left('.article-header'), left('.prose'), left('.article-footer')]).size,
          emptyHeadings: [...document.querySelectorAll('h1, h2, h3, h4')]
            .filter(shown)
            .filter((h) => {
              const section = h.closest('section');
              const rest = section ? (section.textContent ?? '').replace(h.textContent ?? '', '').trim() : 'x';
              return !(h.textContent ?? '').trim() || rest === '';
            })
            .map((h) => h.textContent!.trim()),
          comments: [...document.querySelectorAll('.comments')].filter(shown).length,
          hasComments: document.querySelectorAll('.comment-list > li').length > 0,
          colours: [...new Set(inks.filter((colour) => !grey(colour)))],
        };
      });
      expect(printed.edges, 'header, body and footer share one left edge').toBe(1);
      expect(printed.emptyHeadings).toEqual([]);
      expect(printed.comments).toBe(printed.hasComments ? 1 : 0);
      expect(printed.colours, 'colours other than black and grey').toEqual([]);
    },
  );
});
