/**
 * The moderation page in real Chromium, on a 320-pixel phone: sign in, clear a queue of 50
 * comments with two taps (select all, approve), with and without JavaScript; axe finds nothing
 * on the sign-in page, the queue and the blocked senders; nothing is wider than the screen.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminToken } from '../../support/comment-app.ts';
import { connectBrowser } from '../../support/shared-browser.ts';
import { admin, postComment, startServiceProcess, type ServiceProcess } from '../../support/comment-service.ts';

const article = 'russia-reaffirms-deepening-ties-with-myanmar';
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let browser: Browser;
let service: ServiceProcess;

async function fillQueue(count: number, prefix: string) {
  for (let index = 0; index < count; index++) {
    const response = await postComment(service.url, {
      article,
      name: `Reader ${index}`,
      email: `reader${index}@example.org`,
      website: index % 3 === 0 ? `https://reader${index}.example/` : '',
      comment: `${prefix} comment number ${index}, with a rather long word: Donaudampfschifffahrtsgesellschaftskapitän.`,
      elapsed: '30000',
    });
    expect(response.status).toBe(201);
  }
}

const pendingCount = async () =>
  (await (await admin(service.url, 'GET', '/admin/comments?status=pending')).json()).comments.length;

async function expectAxeClean(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(tags).setLegacyMode(true).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  expect(violations, what).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

async function signIn(page: Page) {
  await page.goto(`${service.url}/admin/`);
  await page.getByLabel('Admin token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Waiting comments' }).waitFor();
}

beforeAll(async () => {
  browser = await connectBrowser();
  service = await startServiceProcess({ COMMENTS_RATE_LIMIT: '0' });
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the moderation page on a 320-pixel phone', () => {
  it('signs in and clears a queue of 50 comments with two taps', async () => {
    await fillQueue(50, 'Scripted');
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await page.goto(`${service.url}/admin/`);
    await expectAxeClean(page, 'sign-in page');
    await expectNoSidewaysScroll(page);
    await signIn(page);
    expect(await page.getByText('1–50 of 50').count()).toBe(1);
    expect(await page.locator('input[name=id]').count()).toBe(50);
    await expectAxeClean(page, 'queue of 50');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: '/tmp/moderation-320.png' });

    // Tap one: select all (in place, by the page's script). Tap two: approve.
    await page.getByRole('link', { name: 'Select all' }).tap();
    expect(await page.locator('input[name=id]:checked').count()).toBe(50);
    await page.getByRole('button', { name: 'Approve selected' }).tap();
    await page.waitForURL(/done=approved/);
    expect(await page.getByRole('status').textContent()).toBe('50 comments approved.');
    expect(await page.getByText('No comments match.').count()).toBe(1);
    expect(await pendingCount()).toBe(0);
    await expectAxeClean(page, 'empty queue with a notice');

    await page.getByRole('link', { name: 'Blocked senders' }).tap();
    await page.getByLabel('Block an e-mail address').fill('troll@example.org');
    await page.getByRole('button', { name: 'Block', exact: true }).tap();
    await page.waitForURL(/done=blocked/);
    expect(await page.getByText('troll@example.org').count()).toBe(1);
    await expectAxeClean(page, 'blocked senders');
    await expectNoSidewaysScroll(page);
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('works without JavaScript: "Select all" reloads with every box ticked, actions redirect back', async () => {
    await fillQueue(12, 'No-script');
    const context = await browser.newContext({
      viewport: { width: 320, height: 640 },
      hasTouch: true,
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Select all' }).tap();
    await page.waitForURL(/select=all/);
    expect(await page.locator('input[name=id]:checked').count()).toBe(12);
    await page.getByRole('button', { name: 'Reject', exact: true }).tap();
    await page.waitForURL(/done=rejected/);
    expect(await page.getByRole('status').textContent()).toBe('12 comments rejected.');
    expect(await pendingCount()).toBe(0);
    // A reload of the page after the redirect repeats nothing.
    await page.reload();
    expect(await page.getByRole('status').textContent()).toBe('12 comments rejected.');
    await context.close();
  });
});
