import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import { admin } from '../../support/comment-service.ts';
import { servedSite } from '../../support/served-site.ts';
import { seed, seedArticleId } from '../../support/seed.ts';

// The comment form of the fixture build, served with the real reference service behind it (global setup).
let browser: Browser;
const articleUrl = () => `${servedSite('root').origin}/articles/${seedArticleId}/`;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What a screen reader is given for a field: its accessible description and whether it is in a live region. */
function announcement(page: Page, fieldId: string) {
  return page.evaluate((id) => {
    const field = document.getElementById(id)!;
    const errorIds = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const errors = errorIds.map((errorId) => document.getElementById(errorId)!);
    return {
      described: errors.map((error) => error.textContent?.trim()).join(' '),
      live: errors.every((error) => Boolean(error.closest('[aria-live], [role=status], [role=alert]'))),
      invalid: field.getAttribute('aria-invalid'),
    };
  }, fieldId);
}

it('announces validation messages: described by the field, in a live region, field marked invalid', async () => {
  const page = await browser.newPage();
  await page.goto(articleUrl());
  await page.click('.comment-submit');
  await expect(announcement(page, 'comment-text')).resolves.toEqual({
    described: seed.formMessages[0],
    live: true,
    invalid: 'true',
  });
  await expect(announcement(page, 'comment-name')).resolves.toEqual({
    described: seed.formMessages[1],
    live: true,
    invalid: 'true',
  });
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('comment-text');
  await page.fill('#comment-website', 'not a web address');
  await page.click('.comment-submit');
  await expect(announcement(page, 'comment-website')).resolves.toMatchObject({
    described: expect.stringMatching(/valid website/),
    live: true,
  });
  await expect(page.locator('[data-status]').getAttribute('role')).resolves.toBe('status');
  await page.close();
});

it('remembers name, email and website for the next visit only when the box is ticked', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(articleUrl());
  await page.fill('#comment-text', 'Not remembered.');
  await page.fill('#comment-name', 'Forgetful Reader');
  await page.fill('#comment-email', 'forgetful@example.org');
  await page.fill('#comment-website', 'https://example.org/forgetful');
  expect(await page.isChecked('#comment-remember')).toBe(false);
  await page.click('.comment-submit');
  await page.waitForFunction(() =>
    /awaiting moderation|published/.test(document.querySelector('[data-status]')?.textContent ?? ''),
  );
  await page.reload();
  await expect(page.locator('#comment-name').inputValue()).resolves.toBe('');
  await expect(page.locator('#comment-email').inputValue()).resolves.toBe('');
  await expect(page.locator('#comment-website').inputValue()).resolves.toBe('');
  await expect(page.evaluate(() => Object.keys(localStorage))).resolves.toEqual([]);

  await page.fill('#comment-text', 'Remembered this time.');
  await page.fill('#comment-name', 'Careful Reader');
  await page.fill('#comment-email', 'careful@example.org');
  await page.fill('#comment-website', 'https://example.org/careful');
  await page.check('#comment-remember');
  await page.click('.comment-submit');
  await page.waitForFunction(() =>
    /awaiting moderation|published/.test(document.querySelector('[data-status]')?.textContent ?? ''),
  );
  const next = await context.newPage();
  await next.goto(articleUrl());
  await expect(next.locator('#comment-name').inputValue()).resolves.toBe('Careful Reader');
  await expect(next.locator('#comment-email').inputValue()).resolves.toBe('careful@example.org');
  await expect(next.locator('#comment-website').inputValue()).resolves.toBe('https://example.org/careful');
  await expect(next.locator('#comment-text').inputValue()).resolves.toBe('');

  // Unticking forgets them again.
  await next.fill('#comment-text', 'Forget me now.');
  await next.uncheck('#comment-remember');
  await next.click('.comment-submit');
  await next.waitForFunction(() =>
    /awaiting moderation|published/.test(document.querySelector('[data-status]')?.textContent ?? ''),
  );
  await expect(next.evaluate(() => Object.keys(localStorage))).resolves.toEqual([]);
  await context.close();
});

it('shows only its own messages after a form post, never text written into the query', async () => {
  const page = await browser.newPage();
  const planted = 'Call +1 555 0100 to claim your prize';
  const query = new URLSearchParams({
    comment: 'invalid',
    'error.name': planted,
    'error.comment': seed.formMessages[0]!,
  });
  await page.goto(`${articleUrl()}?${query}#comments-invalid`);
  await expect(announcement(page, 'comment-name')).resolves.toMatchObject({
    described: seed.formMessages[1],
    invalid: 'true',
  });
  await expect(announcement(page, 'comment-text')).resolves.toMatchObject({
    described: seed.formMessages[0],
    invalid: 'true',
  });
  await expect(page.evaluate(() => document.body.innerText)).resolves.not.toContain(planted);
  await page.close();
});

it('stores a comment once when its answer is lost and the reader sends it again', async () => {
  const page = await browser.newPage();
  const text = `Sent twice, stored once ${Date.now()}`;
  let answersLost = 0;
  await page.route(`${inject('commentsEndpoint')}/comments`, async (route) => {
    if (route.request().method() !== 'POST' || answersLost > 0) return route.continue();
    answersLost++;
    await route.fetch(); // the service stores the comment; its answer never reaches the page
    await route.abort('connectionreset');
  });
  await page.goto(articleUrl());
  await page.fill('#comment-text', text);
  await page.fill('#comment-name', 'Patient Reader');
  await page.click('.comment-submit');
  await page.waitForFunction(() => document.querySelector('[data-status]')?.classList.contains('is-error'));
  await page.click('.comment-submit');
  await page.waitForFunction(() =>
    /awaiting moderation|published/.test(document.querySelector('[data-status]')?.textContent ?? ''),
  );
  const exported = await (await admin(inject('commentsEndpoint'), 'GET', '/admin/export')).json();
  expect(exported.comments.filter((c: { comment: string }) => c.comment === text)).toHaveLength(1);
  await page.close();
});
