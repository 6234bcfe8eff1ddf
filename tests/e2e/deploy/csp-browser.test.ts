import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureBuilds, useNginxAndBrowser } from '../../support/nginx-browser.ts';
import { seedArticleId } from '../../support/seed.ts';

declare global {
  interface Window {
    injected?: boolean;
  }
}

const builds = fixtureBuilds();
const articles = [seedArticleId, 'fixture-markdown-features'];

const running = useNginxAndBrowser(builds);

/** Opens a page, recording CSP violations (the DOM event), console errors, page errors and failed requests. */
async function open(url: string): Promise<{ page: Page; problems: string[]; headers: Record<string, string> }> {
  const page = await running.browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on(
    'response',
    (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`),
  );
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.disposition})`,
      ),
    );
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  // Every image decoded (or failed), so a blocked image would have been reported by now.
  await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode().catch(() => undefined))));
  return { page, problems, headers: response!.headers() };
}

describe.each(builds)('with the $name build’s headers applied by nginx', (build) => {
  it.each(articles)('the article %s loads with zero CSP violations and zero console errors', async (id) => {
    const { page, problems, headers } = await open(new URL(`${build.base}articles/${id}/`, running.server.origin).href);
    // Both policies are in force: the header from _headers and Astro's per-page <meta>.
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    await expect(page.locator('meta[http-equiv="content-security-policy"]').count()).resolves.toBe(1);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('enforces the policy: an injected inline script does not run and is reported', async () => {
    const { page } = await open(new URL(`${build.base}articles/${seedArticleId}/`, running.server.origin).href);
    const violation = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
            once: true,
          });
          const script = document.createElement('script');
          script.textContent = 'window.injected = true;';
          document.head.append(script);
        }),
    );
    expect(violation).toMatch(/^script-src/);
    expect(await page.evaluate(() => window.injected)).toBeUndefined();
    await page.close();
  });
});
