import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import { admin, startServiceProcess, type ServiceProcess } from '../../support/comment-service.ts';
import { freePort } from '../../../src/utils/ports.ts';
import { serveStatic } from '../../support/static-server.ts';
import { seed, seedArticleId } from '../../support/seed.ts';
import { buildSite, makeFixtureContent } from '../../support/site-build.ts';

// The whole loop with the default setup: service + built site + a real browser, with and without JavaScript.
let browser: Browser;
let service: ServiceProcess;
let site: { close(): Promise<void> } | undefined;
let origin: string;
let contentDir: string;
let port: number;
const articleUrl = () => `${origin}/articles/${seedArticleId}/`;

async function buildAndServe(name: string) {
  const built = await buildSite(name, contentDir, {
    SITE_URL: origin,
    COMMENTS_PROVIDER: 'service',
    COMMENTS_ENDPOINT: service.url,
  });
  await site?.close();
  site = await serveStatic(built.outDir, { port });
  return built;
}

beforeAll(async () => {
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // This reader sends the form faster than a person could: the minimum time is tested in comment-spam.test.ts.
  service = await startServiceProcess({
    COMMENTS_ALLOWED_ORIGINS: origin,
    COMMENTS_RATE_LIMIT: '100',
    COMMENTS_MIN_SUBMIT_SECONDS: '0',
  });
  contentDir = await makeFixtureContent();
  await buildAndServe('comments-e2e-1');
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await service?.stop();
});

it('posts, moderates and shows comments: with JavaScript, without it, and replies', async () => {
  // With JavaScript: validation messages inline, then an inline success status without leaving the page.
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(articleUrl());
  await page.click('.comment-submit');
  await expect(page.locator('#comment-text-error').textContent()).resolves.toBe(seed.formMessages[0]);
  await expect(page.locator('#comment-name-error').textContent()).resolves.toBe(seed.formMessages[1]);
  await expect(page.locator('#comment-text').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.fill('#comment-text', 'Posted with JavaScript.\n\nTwo paragraphs.');
  await page.fill('#comment-name', 'Script Reader');
  await page.fill('#comment-email', 'not-an-email');
  await page.click('.comment-submit');
  await expect(page.locator('#comment-email-error').textContent()).resolves.toMatch(/valid email/);
  await page.fill('#comment-email', 'script@example.org');
  await page.check('#comment-remember');
  await page.click('.comment-submit');
  await page.waitForFunction(() =>
    document.querySelector('[data-status]')?.textContent?.includes('awaiting moderation'),
  );
  expect(page.url()).toBe(articleUrl());
  await expect(page.locator('#comment-text').inputValue()).resolves.toBe('');
  await page.reload();
  await expect(page.locator('#comment-name').inputValue()).resolves.toBe('Script Reader'); // remembered
  await expect(page.locator('#comment-remember').isChecked()).resolves.toBe(true);
  expect(problems).toEqual([]);

  // Without JavaScript: a plain form post, a 303 back to the article, and the notice on the page.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(articleUrl());
  await plain.fill('#comment-text', 'Posted without JavaScript <b>bold?</b>');
  await plain.fill('#comment-name', 'Plain Reader');
  await Promise.all([plain.waitForURL(/#comments-pending$/), plain.click('.comment-submit')]);
  expect(plain.url().startsWith(`${articleUrl()}?comment=pending`)).toBe(true);
  await expect(plain.locator('#comments-pending').isVisible()).resolves.toBe(true);
  await expect(plain.locator('#comments-error').isVisible()).resolves.toBe(false);
  await noScript.close();

  // Moderate: both are pending; approve them; rebuild; both are in the static HTML.
  const pending = (await (await admin(service.url, 'GET', '/admin/comments?status=pending')).json()).comments as {
    id: string;
    name: string;
  }[];
  expect(pending.map((c) => c.name).sort()).toEqual(['Plain Reader', 'Script Reader']);
  for (const comment of pending) await admin(service.url, 'POST', `/admin/comments/${comment.id}/approve`);
  await buildAndServe('comments-e2e-2');
  const noScriptAgain = await browser.newContext({ javaScriptEnabled: false });
  const built = await noScriptAgain.newPage();
  await built.goto(articleUrl());
  await expect(built.locator('#comments-title').textContent()).resolves.toMatch(/^\s*4 comments\s*$/); // 2 fixture + 2 new
  await expect(built.locator('.comment-body').allTextContents()).resolves.toContain(
    'Posted without JavaScript <b>bold?</b>',
  );
  await noScriptAgain.close();

  // Reply with JavaScript; once approved the script adds it under its parent without a rebuild.
  await page.goto(articleUrl());
  const scriptComment = pending.find((c) => c.name === 'Script Reader')!;
  await page.click(`[data-reply-to="${scriptComment.id}"]`);
  await expect(page.locator('[data-replying-text]').textContent()).resolves.toBe('Replying to Script Reader');
  await page.fill('#comment-text', 'A reply.');
  await page.click('.comment-submit');
  await page.waitForFunction(() =>
    document.querySelector('[data-status]')?.textContent?.includes('awaiting moderation'),
  );
  const reply = (await (await admin(service.url, 'GET', '/admin/comments?status=pending')).json()).comments[0];
  expect(reply.parent).toBe(scriptComment.id);
  await admin(service.url, 'POST', `/admin/comments/${reply.id}/approve`);
  await page.reload();
  await page.locator('#comments').scrollIntoViewIfNeeded(); // the script fetches new comments when they come into view
  await page.waitForSelector(`#comment-${reply.id}`);
  const parentOf = await page.evaluate(
    (id) =>
      document
        .getElementById(`comment-${id}`)
        ?.closest('.comment-replies')
        ?.closest('li')
        ?.querySelector('.comment-card')?.id,
    reply.id,
  );
  expect(parentOf).toBe(`comment-${scriptComment.id}`);
  await expect(page.locator('#comments-title').textContent()).resolves.toMatch(/5 comments/);
  expect(problems).toEqual([]);
  await page.close();
});
