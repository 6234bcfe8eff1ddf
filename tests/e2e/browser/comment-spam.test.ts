/**
 * The spam checks as a reader meets them on the built article page: the page's script tells the
 * service how long the reader had the page (too soon is refused, in place, in WordPress's words),
 * the "notify me of replies" box reaches the service, and a refused form post without JavaScript
 * comes back to the article with its own notice. The page's posts are routed to a service of this
 * test with the checks on (the shared one has them off for the other browser tests).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { refusalMessages } from '../../../src/comments/messages.ts';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { connectBrowser } from '../../support/shared-browser.ts';
import { admin, startServiceProcess, type ServiceProcess } from '../../support/comment-service.ts';
import { servedSite } from '../../support/served-site.ts';
import { seedArticleId } from '../../support/seed.ts';

let browser: Browser;
let service: ServiceProcess;
const articleUrl = () => `${servedSite('root').origin}/articles/${seedArticleId}/`;

beforeAll(async () => {
  browser = await connectBrowser();
  service = await startServiceProcess({
    COMMENTS_ALLOWED_ORIGINS: `${servedSite('root').origin}`,
    COMMENTS_RATE_LIMIT: '0',
    COMMENTS_DUPLICATE_HOURS: '24',
  });
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/**
 * Sends the page's posts to this test's service with the page's own origin and fields; only the
 * form's return address is the served copy's (the fixture is built for https://news.example.com).
 */
async function routeToService(page: Page) {
  await page.route(`${inject('commentsEndpoint')}/comments`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const fields = new URLSearchParams(route.request().postData() ?? '');
    if (fields.has('redirect')) fields.set('redirect', articleUrl());
    const response = await route.fetch({
      url: `${service.url}/comments`,
      postData: fields.toString(),
      maxRedirects: 0,
    });
    await route.fulfill({ response });
  });
}

const stored = async (text: string) =>
  (
    (await (await admin(service.url, 'GET', '/admin/export')).json()).comments as { comment: string; status: string }[]
  ).filter((c) => c.comment === text);

it('refuses a post sent within 3 seconds of the page loading, says so in place, and takes it once the reader has had the page longer', async () => {
  const page = await browser.newPage();
  await page.clock.install();
  await routeToService(page);
  await page.goto(articleUrl());
  // The page's clock stands still while the bot fills the form, however slow this machine is.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 200));
  const text = `Written at bot speed ${Date.now()}`;
  await page.fill('#comment-text', text);
  await page.fill('#comment-name', 'Quick Reader');
  await page.fill('#comment-email', 'quick@example.org');
  await page.check('#comment-notify');
  await page.click('.comment-submit');
  await page.waitForFunction(() => document.querySelector('[data-status]')?.classList.contains('is-error'));
  expect(await page.textContent('[data-status]')).toBe(refusalMessages.toofast);
  expect(await stored(text)).toEqual([]);
  expect(await page.inputValue('#comment-text')).toBe(text);

  await page.clock.fastForward(5000);
  await page.click('.comment-submit');
  await page.waitForFunction(() =>
    /awaiting moderation/.test(document.querySelector('[data-status]')?.textContent ?? ''),
  );
  expect(await stored(text)).toHaveLength(1);
  const [comment] = (await (await admin(service.url, 'GET', '/admin/comments?status=pending')).json()).comments.filter(
    (c: { comment: string }) => c.comment === text,
  );
  expect(comment.email).toBe('quick@example.org');
  const db = new SqliteStore(service.db);
  expect((await db.queueItem(comment.id))?.notify, 'the ticked "notify me of replies" box').toBe(true);
  await db.close();
  await page.close();
});

it('without JavaScript, a duplicate comes back to the article with its own notice, in WordPress’s words', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await routeToService(page);
  const text = `Plain form post ${Date.now()}`;
  const send = async () => {
    await page.goto(articleUrl());
    await page.fill('#comment-text', text);
    await page.fill('#comment-name', 'Offline Reader');
    await page.click('.comment-submit');
    await page.waitForURL(/[?&]comment=/);
    return new URL(page.url());
  };
  expect((await send()).hash).toBe('#comments-pending');
  expect((await send()).hash).toBe('#comments-duplicate');
  const notice = page.locator('#comments-duplicate');
  expect(new URL(page.url()).pathname).toBe(new URL(articleUrl()).pathname);
  expect(await notice.isVisible()).toBe(true);
  expect(await notice.textContent()).toBe(refusalMessages.duplicate);
  expect(await page.locator('#comments-pending').isVisible()).toBe(false);
  expect(await stored(text)).toHaveLength(1);
  await context.close();
});
