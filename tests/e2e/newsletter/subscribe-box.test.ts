/**
 * The newsletter as a reader meets it: a site built against a service that takes subscriptions,
 * served on loopback; Chromium at 320 px subscribes without JavaScript (303 back to the notice)
 * and with it (no reload), confirms from the mail, receives the next story after
 * `npm run newsletter -- send`, and leaves in one click; axe on the box and on every new page.
 * The fixture site, built against a service without mail settings, has no box at all.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../src/utils/ports.ts';
import { checkWeight, formatBytes } from '../../support/budgets.ts';
import { launchBrowser } from '../../support/browser.ts';
import {
  linksIn,
  mailTo,
  startNewsletterService,
  writeFeed,
  type NewsletterService,
} from '../../support/newsletter.ts';
import { measurePage } from '../../support/page-weight.ts';
import { projectRoot } from '../../support/project.ts';
import { seedArticleId } from '../../support/seed.ts';
import { buildSite, makeFixtureContent } from '../../support/site-build.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const phone = { width: 320, height: 640 };
const articlePath = `/articles/${seedArticleId}/`;

let newsletter: NewsletterService;
let site: StaticServer;
let siteDir: string;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  newsletter = await startNewsletterService({ COMMENTS_ALLOWED_ORIGINS: origin });
  const built = await buildSite('newsletter', await makeFixtureContent(), {
    SITE_URL: origin,
    COMMENTS_ENDPOINT: newsletter.service.url,
  });
  siteDir = built.outDir;
  site = await serveStatic(siteDir, { port });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await newsletter?.close();
});

async function expectAxeClean(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(tags).setLegacyMode(true).analyze();
  const violations = results.violations.map(
    (violation) => `${what}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(violations).toEqual([]);
}

/** `npm run newsletter -- send --feed FILE` against the running service's database; its exit code and output. */
function runSendCommand(feed: string): Promise<{ code: number | null; output: string }> {
  const { config } = newsletter.service;
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', 'src/cli/newsletter.ts', 'send', '--feed', feed],
    {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        COMMENTS_DB: newsletter.db,
        COMMENTS_SMTP_URL: newsletter.sink.url,
        COMMENTS_MAIL_FROM: config.mailFrom!,
        COMMENTS_SITE_URL: config.siteUrl!,
        COMMENTS_PUBLIC_URL: config.publicUrl!,
        COMMENTS_NEWSLETTER_NAME: config.newsletter.name,
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the subscribe box', () => {
  it('takes a subscription without JavaScript on a phone, and the reader confirms, gets the next story and leaves in one click', async () => {
    // The reader's phone has JavaScript off; axe runs in a second, scripted tab on the same pages (it needs JavaScript).
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
    const checker = await (await browser.newContext({ viewport: phone })).newPage();
    const page = await noScript.newPage();
    await page.goto(`${site.origin}${articlePath}`);
    await page.getByLabel('E-mail address').fill('phone.reader@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`${site.origin}${articlePath}#newsletter-check-inbox`);
    await expect.poll(() => page.locator('#newsletter-check-inbox').isVisible()).toBe(true);
    expect(await page.locator('#newsletter-invalid').isVisible()).toBe(false);
    await checker.goto(page.url());
    await expectAxeClean(checker, 'article page with the notice');
    expect(await checker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    const confirmation = await newsletter.sink.waitFor(mailTo('phone.reader@example.org'));
    const [confirmLink] = linksIn(confirmation);
    await checker.goto(confirmLink!);
    await expectAxeClean(checker, 'confirm page');
    await page.goto(confirmLink!);
    await page.screenshot({ path: path.join(siteDir, '..', 'newsletter-confirm-320.png') });
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'You are subscribed' }).isVisible()).toBe(true);
    // Confirming again (the checker's button) shows the same page, for axe.
    await checker.getByRole('button', { name: 'Confirm my subscription' }).click();
    await expect.poll(() => checker.getByRole('heading', { name: 'You are subscribed' }).isVisible()).toBe(true);
    await expectAxeClean(checker, 'subscribed page');

    // Published now: after the reader confirmed, so it is theirs.
    const feed = await writeFeed(newsletter.dir, [
      { id: 'the-next-story', title: 'The next story', published: new Date() },
    ]);
    const sent = await runSendCommand(feed);
    expect(sent.output).toMatch(/Queued 1 e-mail\b/);
    expect(sent.code).toBe(0);
    const story = await newsletter.sink.waitFor(
      (mail) => mail.subject === 'The next story' && mailTo('phone.reader@example.org')(mail),
    );
    const unsubscribe = linksIn(story).find((link) => link.includes('/newsletter/unsubscribe'))!;
    expect((await runSendCommand(feed)).output).toMatch(/Queued 0 e-mails/);

    await checker.goto(unsubscribe);
    await expectAxeClean(checker, 'unsubscribe page');
    await page.goto(unsubscribe);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Unsubscribed' }).isVisible()).toBe(true);
    await checker.goto(unsubscribe);
    await expectAxeClean(checker, 'unsubscribe page of an address already unsubscribed');
    await noScript.close();
    await checker.context().close();
  });

  it('subscribes with JavaScript without a reload, and the message is read out in place', async () => {
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 28));
    await page.getByLabel('E-mail address').fill('script.reader@example.org');
    await page.getByRole('radio', { name: 'A daily briefing' }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const status = page.locator('[data-subscribe-status]');
    await expect.poll(() => status.textContent()).toContain('Almost done');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(28);
    expect(page.url()).toBe(`${site.origin}/`);
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('');
    await expectAxeClean(page, 'front page with the answer');
    await page.screenshot({ path: path.join(siteDir, '..', 'newsletter-front-320.png'), fullPage: true });
    await newsletter.sink.waitFor(mailTo('script.reader@example.org'));
    await context.close();
  });

  it("on an article page, loads the box's script when the reader turns to the box, then subscribes without a reload", async () => {
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto(`${site.origin}${articlePath}`, { waitUntil: 'networkidle' });
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 28));
    // With the page loaded and idle, the box's script has not run: it waits inert in its template.
    const enhanced = page.locator('form[data-subscribe][data-enhanced]');
    expect(await enhanced.count()).toBe(0);
    expect(await page.locator('template[data-subscribe-script]').count()).toBe(1);
    await page.getByLabel('E-mail address').focus();
    // The form posts in place once the script has run and marked it: wait for that, not for a time.
    await enhanced.waitFor({ state: 'attached' });
    await page.getByLabel('E-mail address').fill('article.reader@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const status = page.locator('[data-subscribe-status]');
    await expect.poll(() => status.textContent()).toContain('Almost done');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(28);
    expect(page.url()).toBe(`${site.origin}${articlePath}`);
    await expectAxeClean(page, 'article page with the answer');
    await newsletter.sink.waitFor(mailTo('article.reader@example.org'));
    await context.close();
  });

  it('keeps the page within its budgets with the box; the fixture site without the newsletter has no box and no script for it', async () => {
    for (const pagePath of ['/', articlePath]) {
      const withBox = await measurePage(siteDir, pagePath);
      expect(checkWeight(withBox.weight).map((violation) => violation.message)).toEqual([]);
      const withoutBox = await measurePage(inject('siteDir'), pagePath);
      const change = (key: 'js' | 'jsOnUse' | 'html' | 'css') =>
        `${withBox.weight[key] - withoutBox.weight[key]} B (${formatBytes(withoutBox.weight[key])} -> ${formatBytes(withBox.weight[key])})`;
      console.log(
        `subscribe box on ${pagePath}, gzip: JavaScript +${change('js')} at load and +${change('jsOnUse')} on use, ` +
          `HTML +${change('html')}, CSS +${change('css')}`,
      );
      // The article page's box script waits for the reader (the comment form's script fills its budget).
      if (pagePath === articlePath) expect(withBox.weight.jsOnUse).toBeGreaterThan(withoutBox.weight.jsOnUse);
    }
    const fixtureFront = await readFile(path.join(inject('siteDir'), 'index.html'), 'utf8');
    expect(fixtureFront).not.toContain('data-subscribe');
    expect(fixtureFront).not.toContain('SubscribeForm');
    expect(await readFile(path.join(siteDir, 'index.html'), 'utf8')).toContain('data-subscribe');
  });
});
