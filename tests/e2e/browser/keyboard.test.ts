/**
 * Keyboard use of every page type: the skip link, Tab order, a visible focus
 * indicator on everything that takes focus, and nothing focused hidden under a
 * fixed or sticky header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { servedSite } from '../../support/served-site.ts';
import { pageTypes } from '../../support/pages.ts';
import { focusableSelector } from '../../support/page-checks.ts';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
const devices = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 375, height: 700 },
};

// One window for the whole file; the viewport changes size for the phone runs.
beforeAll(async () => {
  browser = await connectBrowser();
  server = servedSite('root');
  // Reduced motion makes focus scrolling instant, so where the focused element ends up can be measured at once.
  context = await browser.newContext({ viewport: devices.desktop, reducedMotion: 'reduce' });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh load at the top of the page (loading the same URL again would restore the old scroll position). */
async function open(device: keyof typeof devices, path: string) {
  await page.setViewportSize(devices[device]);
  await page.goto('about:blank');
  await page.goto(`${server.origin}/${path}`);
  // A page that has just loaded in a new renderer can take a moment to receive focus; :focus styles need it.
  await page.bringToFront();
  await page.waitForFunction(() => document.hasFocus());
}

interface FocusStop {
  description: string;
  /** Index of the element in document order among the focusable elements. */
  order: number;
  indicator: string | null;
  hiddenBy: string | null;
  inViewport: boolean;
}

/** Where focus is after a Tab: which element, whether it shows focus, whether anything covers it. */
async function inspectFocus(page: Page): Promise<FocusStop | null> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const focusable = [...document.querySelectorAll<HTMLElement>(selector)];

    const describe = (target: HTMLElement) => {
      const text = (target.getAttribute('aria-label') ?? target.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40);
      return `${target.tagName.toLowerCase()}[${target.getAttribute('href') ?? target.getAttribute('name') ?? ''}] "${text}"`;
    };

    // A visible indicator: an outline or box-shadow that is there when focused and not when not.
    const indicatorProblem = (target: HTMLElement) => {
      const focused = getComputedStyle(target);
      const outlineWidth = parseFloat(focused.outlineWidth);
      const hasOutline =
        focused.outlineStyle !== 'none' && outlineWidth >= 2 && !/rgba\(.*,\s*0\)$/.test(focused.outlineColor);
      const hasShadow = focused.boxShadow !== 'none';
      return hasOutline || hasShadow
        ? null
        : `no outline or box-shadow (outline: ${focused.outline}; box-shadow: ${focused.boxShadow})`;
    };

    // Is the element, as far as it is on screen, covered by a fixed or sticky element?
    const coveredBy = (target: HTMLElement, rect: DOMRect) => {
      let hiddenBy: string | null = null;
      // Found once per page load and kept on the window: looking at every element on every Tab is slow.
      const cache = window as unknown as { stuckElements?: HTMLElement[] };
      const stuck = (cache.stuckElements ??= [...document.querySelectorAll<HTMLElement>('body *')].filter((other) => {
        const position = getComputedStyle(other).position;
        return position === 'fixed' || position === 'sticky';
      }));
      for (const other of stuck) {
        if (other.contains(target)) continue;
        const box = other.getBoundingClientRect();
        const overlaps =
          box.left < rect.right && box.right > rect.left && box.top < rect.bottom && box.bottom > rect.top;
        if (overlaps && box.width > 0 && box.height > 0) hiddenBy = other.tagName.toLowerCase() + '.' + other.className;
      }
      return hiddenBy;
    };

    const rect = el.getBoundingClientRect();
    const inViewport = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
    return {
      description:
        `${describe(el)} at ${Math.round(rect.top)},${Math.round(rect.left)} ` +
        `(:focus ${el.matches(':focus')}, document focused ${document.hasFocus()}, scrollY ${scrollY})`,
      order: focusable.indexOf(el),
      indicator: indicatorProblem(el),
      hiddenBy: coveredBy(el, rect),
      inViewport,
    };
  }, focusableSelector);
}

describe.each(pageTypes)('$name page, by keyboard', (type) => {
  it('starts with a skip link that moves focus to the main content', async () => {
    await open('desktop', type.path);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLAnchorElement;
      const rect = el.getBoundingClientRect();
      return {
        text: el.textContent?.trim(),
        href: el.getAttribute('href'),
        visible: rect.top >= 0 && rect.height > 0 && rect.width > 0,
        state: `top ${rect.top}, :focus ${el.matches(':focus')}, document focused ${document.hasFocus()}`,
      };
    });
    expect(first.text).toMatch(/skip to (main )?content/i);
    expect(first.visible, first.state).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(first.href!.slice(1));
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    // The next Tab continues inside the main content, not back at the top.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
  });

  for (const device of ['desktop', 'phone'] as const) {
    it(`reaches every interactive element with Tab in document order, each visibly focused and uncovered (${device})`, async () => {
      await open(device, type.path);
      const expected = await page.$$eval(
        focusableSelector,
        (elements) =>
          elements.filter(
            (el) =>
              // tabindex="-1" takes an element out of the Tab order on purpose (the comment form's honeypot).
              (el as HTMLElement).tabIndex >= 0 &&
              el.getClientRects().length > 0 &&
              getComputedStyle(el).visibility !== 'hidden',
          ).length,
      );
      expect(
        await page.$$eval('[tabindex]', (els) => els.filter((el) => (el as HTMLElement).tabIndex > 0).length),
      ).toBe(0);
      const stops: FocusStop[] = [];
      for (let i = 0; i < expected + 1; i++) {
        await page.keyboard.press('Tab');
        const stop = await inspectFocus(page);
        if (!stop) break;
        if (stops.length > 0 && stop.order <= stops.at(-1)!.order) break; // wrapped around to the address bar and back
        stops.push(stop);
      }
      expect(stops.length, 'every focusable element is reached').toBe(expected);
      for (const stop of stops) {
        expect(stop.indicator, `${stop.description}: focus indicator`).toBeNull();
        expect(stop.hiddenBy, `${stop.description}: covered`).toBeNull();
        expect(stop.inViewport, `${stop.description}: scrolled into view`).toBe(true);
      }
    });
  }
});
