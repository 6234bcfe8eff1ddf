import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

const seedArticleId = 'russia-reaffirms-deepening-ties-with-myanmar';
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic(inject('newsSiteDir'), { base: '/news/' });
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('share links', () => {
  it('where the browser has the Web Share API, a "Share…" button opens it with the article URL', async () => {
    const context = await browser.newContext();
    // The browser's share sheet, as a phone has it (headless Chromium has none): it records what it was given.
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'share', {
        value: (data: ShareData) => {
          (window as unknown as { shared: ShareData[] }).shared = [
            ...((window as unknown as { shared?: ShareData[] }).shared ?? []),
            data,
          ];
          return Promise.resolve();
        },
      });
    });
    const page = await context.newPage();
    await page.goto(`${server.origin}/news/articles/${seedArticleId}/`);
    const buttons = page.getByRole('button', { name: 'Share…' });
    await expect.poll(() => buttons.count()).toBe(2); // under the byline and at the end
    await buttons.first().click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared?: ShareData[] }).shared?.[0]?.url))
      .toBe(`https://example.com/news/articles/${seedArticleId}/`);
    await context.close();
  });

  it('without the API, or without JavaScript, the plain share links are there and the button stays hidden', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${server.origin}/news/articles/${seedArticleId}/`);
      const whatsapp = page.getByRole('link', { name: 'Share on WhatsApp (opens in a new tab)' });
      expect(await whatsapp.count()).toBe(2);
      await expect(whatsapp.first().getAttribute('href')).resolves.toMatch(/^https:\/\/wa\.me\/\?text=/);
      expect(await page.getByRole('button', { name: 'Share…' }).count()).toBe(0);
      await context.close();
    }
  });
});

describe('search', () => {
  it('loads nothing from Pagefind until the reader searches, then finds the article', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.origin}/news/search/`);
    await page.waitForLoadState('networkidle');
    expect(requested.filter((p) => p.includes('/pagefind/'))).toEqual([]);

    await page.getByLabel('Search the stories').fill('Lavrov Naypyidaw');
    await page.getByRole('button', { name: 'Search' }).click();
    const result = page.locator('[data-search-results] h3 a').first();
    await expect.poll(() => result.getAttribute('href'), { timeout: 20_000 }).toBe(`/news/articles/${seedArticleId}/`);
    expect(requested.some((p) => p.startsWith('/news/pagefind/'))).toBe(true);
    expect(page.url()).toContain('?q=Lavrov+Naypyidaw');
    await page.close();
  });

  it('shows results as the reader types, with excerpts that start at a sentence and leave out the byline', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/news/search/`);
    await page.getByLabel('Search the stories').pressSequentially('Lavrov Naypyidaw', { delay: 40 });
    const result = page.locator('[data-search-results] li').first();
    await expect
      .poll(() => result.locator('h3 a').getAttribute('href'), { timeout: 20_000 })
      .toBe(`/news/articles/${seedArticleId}/`);
    const excerpt = (await result.locator('p').first().textContent())!;
    expect(excerpt).not.toMatch(/\bBy Ahmed Adel\b|Published/);
    expect(excerpt).toMatch(/^(…|[\p{Lu}“"‘(\d])/u);
    expect(page.url()).toContain('?q=Lavrov+Naypyidaw');
    await page.close();
  });

  it('with JavaScript off the form submits to /search/?q= and offers the topics', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/news/search/`);
    await page.getByLabel('Search the stories').fill('sanctions');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/news\/search\/\?q=sanctions$/);
    await expect(page.getByRole('link', { name: 'Sanctions' }).last().getAttribute('href')).resolves.toBe(
      '/news/tags/sanctions/',
    );
    await context.close();
  });
});

describe('section links', () => {
  it('a heading link takes the reader to that section', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/news/articles/fixture-markdown-features/`);
    await page.getByRole('link', { name: 'A smaller section' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#a-smaller-section');
    await page.close();
  });
});
