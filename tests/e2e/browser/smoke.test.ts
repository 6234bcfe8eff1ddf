import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { servedSite } from '../../support/served-site.ts';
import { seedArticleId } from '../../support/seed.ts';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = servedSite('news');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('the article page loads under a base path with no console errors or failed requests', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`));
  const response = await page.goto(`${server.origin}/news/articles/${seedArticleId}/`);
  expect(response?.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('Russia reaffirms deepening ties with Myanmar');
  expect(problems).toEqual([]);
  await page.close();
});

it('a missing page answers 404 with the site’s not-found page', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.origin}/news/no-such-page/`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1').textContent()).resolves.toContain('couldn’t find');
  await page.close();
});
