import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parseHeadersFile } from '../../../src/deploy/headers.ts';
import { embedDirectives, providers } from '../../../src/embeds/providers.ts';
import { mediaArticleId, mediaArticleProviders } from '../../support/media-fixture.ts';
import { fixtureBuilds, useNginxAndBrowser } from '../../support/nginx-browser.ts';
import { seedArticleId } from '../../support/seed.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const builds = fixtureBuilds();
const running = useNginxAndBrowser(builds);

const providerOrigins = Object.values(providers).flatMap((provider) => provider.frameOrigins);
const mediaOrigins = mediaArticleProviders.flatMap((id) => providers[id].frameOrigins);
/** A provider's answer, served from here: the real hosts are out of reach in tests. */
const stubFrame = '<!doctype html><title>stub</title><p>third-party content</p>';

interface Opened {
  page: Page;
  cspHeader: string;
  problems: string[];
  thirdPartyRequests: string[];
}

/** Opens a page with the provider origins answered by a local stub, recording CSP violations and every request to a provider. */
async function open(context: BrowserContext, url: string): Promise<Opened> {
  const page = await context.newPage();
  const problems: string[] = [];
  const thirdPartyRequests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  context.on('request', (request) => {
    if (!request.url().startsWith(running.server.origin)) thirdPartyRequests.push(request.url());
  });
  await context.route(/^https:\/\//, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: stubFrame }),
  );
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
    );
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return { page, cspHeader: response!.headers()['content-security-policy'] ?? '', problems, thirdPartyRequests };
}

const violations = (page: Page) => page.evaluate(() => window.cspViolations);

describe.each(builds)('embeds with the $name build served by nginx', (build) => {
  const at = (pagePath: string) => new URL(`${build.base}${pagePath}`, running.server.origin).href;

  it('the embedding page alone gets its providers in frame-src; every other page keeps the site policy byte for byte', async () => {
    const rules = parseHeadersFile(await readFile(path.join(build.dir, '_headers'), 'utf8'));
    const sitePolicy = rules
      .find((rule) => rule.path === `${build.base}*`)!
      .headers.find(([name]) => name === 'Content-Security-Policy')![1];
    for (const origin of providerOrigins) expect(sitePolicy).not.toContain(origin);
    expect(sitePolicy).not.toContain('frame-src');
    const pageRules = rules.filter((rule) => rule.path.startsWith(`${build.base}articles/`));
    expect(pageRules.map((rule) => rule.path)).toEqual([`${build.base}articles/${mediaArticleId}/*`]);

    const context = await running.browser.newContext();
    const media = await open(context, at(`articles/${mediaArticleId}/`));
    expect(media.cspHeader).toBe(`${sitePolicy}; ${embedDirectives(mediaArticleProviders).join('; ')}`);
    for (const other of [`articles/${seedArticleId}/`, 'articles/fixture-markdown-features/', '', 'tags/']) {
      const { page, cspHeader } = await open(context, at(other));
      expect(cspHeader, other).toBe(sitePolicy);
      const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
      expect(meta, other).not.toContain('frame-src');
    }
    await context.close();
  });

  it('nothing is requested from a provider before the click; each click loads its frame with zero CSP violations', async () => {
    const context = await running.browser.newContext();
    const { page, problems, thirdPartyRequests } = await open(context, at(`articles/${mediaArticleId}/`));
    await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode().catch(() => undefined))));
    expect(thirdPartyRequests).toEqual([]);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await violations(page)).toEqual([]);

    // Each click replaces its link with the frame, so the next link is always the first one left.
    for (let left = mediaArticleProviders.length; left > 0; left--) {
      const link = page.locator('a[data-embed-src]').first();
      const src = (await link.getAttribute('data-embed-src'))!;
      const title = (await link.getAttribute('data-embed-title'))!;
      const loaded = page.waitForResponse(src);
      // The first embed gets a real mouse click. Headless Chromium routes later mouse input to the
      // cross-origin frame that took the focus (the frame loaded before), so the others get the
      // same click event dispatched on the link.
      if (left === mediaArticleProviders.length) await link.click();
      else await link.dispatchEvent('click', { button: 0 });
      await loaded;
      const frame = page.locator(`iframe[src="${src}"]`);
      await expect(frame.getAttribute('title')).resolves.toBe(title);
      await expect(frame.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      // The stub's document really loaded in the frame: not blocked by the policy.
      await expect
        .poll(() => page.frames().some((candidate) => candidate.url() === src && candidate.url() !== 'about:blank'))
        .toBe(true);
    }
    expect(await page.locator('a[data-embed-src]').count()).toBe(0);
    expect(await page.locator('iframe').count()).toBe(mediaArticleProviders.length);
    expect(new Set(thirdPartyRequests.map((url) => new URL(url).origin))).toEqual(new Set(mediaOrigins));
    // Violations are reported as events in the order they happen: one provoked on purpose now, once
    // seen, shows that any the frames caused before it has been reported too (and that reporting works).
    await page.evaluate(() => {
      new Image().src = 'https://csp-sentinel.invalid/pixel.png';
    });
    const isSentinel = (line: string) => line.includes('csp-sentinel.invalid');
    await expect.poll(async () => (await violations(page)).some(isSentinel)).toBe(true);
    expect((await violations(page)).filter((line) => !isSentinel(line))).toEqual([]);
    // Chromium also logs the sentinel's refusal to the console.
    expect(problems.filter((line) => !isSentinel(line))).toEqual([]);
    await context.close();
  });

  it('another page refuses the same frame: the origin is allowed only where it is embedded', async () => {
    const context = await running.browser.newContext();
    const { page } = await open(context, at('articles/fixture-markdown-features/'));
    const blocked = await page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (event) => resolve(`${event.effectiveDirective} ${event.blockedURI}`),
            { once: true },
          );
          const frame = document.createElement('iframe');
          frame.src = src;
          document.body.append(frame);
        }),
      'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ',
    );
    expect(blocked).toMatch(/^frame-src https:\/\/www\.youtube-nocookie\.com/);
    await context.close();
  });

  it('without JavaScript every gallery photo shows and each embed is a link to the content on the provider’s site', async () => {
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const { page, thirdPartyRequests } = await open(context, at(`articles/${mediaArticleId}/`));
    const links = await page
      .locator('a[data-embed-src]')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLAnchorElement).href));
    expect(links.map((href) => new URL(href).host).sort()).toEqual(['bsky.app', 'www.youtube.com', 'x.com']);
    expect(thirdPartyRequests).toEqual([]);
    // Every photograph of the gallery shows without JavaScript.
    const photos = page.locator('.gallery img');
    expect(await photos.count()).toBe(4);
    for (const photo of await photos.all()) {
      await photo.scrollIntoViewIfNeeded();
      await expect
        .poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0))
        .toBe(true);
      expect((await photo.boundingBox())!.width).toBeGreaterThan(100);
    }
    await page.locator('a[data-embed-src]').first().click();
    await page.waitForURL(links[0]!);
    await context.close();
  });
});
