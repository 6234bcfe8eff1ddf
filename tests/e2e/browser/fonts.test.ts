/**
 * The site's own type (src/styles/fonts.css): headlines and the masthead are set in Newsreader once it has
 * loaded, and until then in a system serif drawn at Newsreader's metrics, so the swap moves nothing. Run on
 * Linux fonts (DejaVu Serif is the fallback here, as on most Linux desktops).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import { servedSite } from '../../support/served-site.ts';
import { seedArticleId } from '../../support/seed.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Where the headline, the masthead and the first paragraph sit, and which faces the page has loaded. */
async function layout(width: number, path: string, withWebFont: boolean) {
  const page: Page = await browser.newPage({ viewport: { width, height: 900 } });
  if (!withWebFont) await page.route('**/*.woff2', (route) => route.abort());
  await page.goto(`${servedSite('root').origin}/${path}`, { waitUntil: 'load' });
  const measured = await page.evaluate(async () => {
    await document.fonts.ready;
    const box = (selector: string) => {
      const { top, height, width } = document.querySelector(selector)!.getBoundingClientRect();
      return { top: Math.round(top), height: Math.round(height), width: Math.round(width) };
    };
    return {
      loaded: [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family),
      headlineFamily: getComputedStyle(document.querySelector('h1')!).fontFamily,
      headline: box('h1'),
      wordmark: box('.wordmark'),
      firstParagraph: box('.prose > p'),
    };
  });
  await page.close();
  return measured;
}

describe.each([320, 390, 1280])('at %i px wide', (width) => {
  it('the seed article’s headline is set in Newsreader, and its fallback takes exactly the same room', async () => {
    const path = `articles/${seedArticleId}/`;
    const [withFont, withoutFont] = [await layout(width, path, true), await layout(width, path, false)];
    expect(withFont.headlineFamily).toMatch(/^"?Newsreader"?,/);
    expect(withFont.loaded).toContain('Newsreader');
    expect(withoutFont.loaded).not.toContain('Newsreader');
    expect(withoutFont.loaded.some((family) => family.startsWith('Newsreader Fallback'))).toBe(true);
    expect(withoutFont.headline).toEqual(withFont.headline);
    expect(withoutFont.firstParagraph.top).toBe(withFont.firstParagraph.top);
    expect(Math.abs(withoutFont.wordmark.width - withFont.wordmark.width)).toBeLessThanOrEqual(width / 20);
  });
});
