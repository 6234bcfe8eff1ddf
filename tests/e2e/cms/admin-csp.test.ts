/**
 * The admin as a production host serves it: the fixture builds behind a real nginx with the
 * server block and headers generated from each build's `_headers`. The admin runs under its
 * own policy with no violation; every other path keeps the site's policy; article pages
 * load nothing of the admin.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { adminContentSecurityPolicy } from '../../../src/cms/admin-csp.ts';
import { decapFiles } from '../../../src/cms/admin-files.ts';
import { parsePolicy } from '../../../src/deploy/csp.ts';
import { headersFor, parseHeadersFile } from '../../../src/deploy/headers.ts';
import { listHtmlFiles } from '../../../src/deploy/output.ts';
import { fixtureBuilds, useNginxAndBrowser } from '../../support/nginx-browser.ts';
import { seedArticleId } from '../../support/seed.ts';

const builds = fixtureBuilds();

const running = useNginxAndBrowser(builds);

describe.each(builds)('the admin in the $name build, served by nginx', (build) => {
  it('loads Decap from the site’s own files under its own policy, with zero CSP violations', async () => {
    const page = await running.browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on(
      'response',
      (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`),
    );
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
      );
    });
    const response = await page.goto(new URL(`${build.base}admin/`, running.server.origin).href);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(adminContentSecurityPolicy());
    // The GitHub backend's sign-in screen: Decap has loaded, read config.yml and rendered.
    await page.getByRole('button', { name: /Login with GitHub/ }).waitFor();
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(running.server.origin))).toEqual([]);
    await page.close();
  });

  it('keeps the site’s policy, unchanged, on every other path', async () => {
    const rules = parseHeadersFile(await readFile(path.join(build.dir, '_headers'), 'utf8'));
    const site = rules[0]!;
    // Pages with embeds have policies of their own (tests/e2e/deploy/embeds-csp.test.ts): only the
    // admin's rule is taken away to see what it changes elsewhere.
    const adminRule = `${build.base}admin/*`;
    expect(rules.map((rule) => rule.path)).toContain(adminRule);
    const withoutAdmin = rules.filter((rule) => rule.path !== adminRule);
    for (const page of await listHtmlFiles(build.dir)) {
      const urlPath = `${build.base}${page.replace(/index\.html$/, '')}`;
      expect(headersFor(rules, urlPath), urlPath).toEqual(headersFor(withoutAdmin, urlPath));
    }
    const served = await fetch(new URL(`${build.base}articles/${seedArticleId}/`, running.server.origin));
    expect(served.headers.get('content-security-policy')).toBe(
      Object.fromEntries(site.headers)['Content-Security-Policy'],
    );
    expect(parsePolicy(served.headers.get('content-security-policy')!).get('script-src')).not.toContain(
      "'unsafe-eval'",
    );
  });

  it('adds no JavaScript to the site’s pages: none of them loads anything from the admin', async () => {
    const pages = await listHtmlFiles(build.dir);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = await readFile(path.join(build.dir, page), 'utf8');
      expect(html, page).not.toMatch(/admin\/|decap|cms-setup/i);
    }
  });
});

it('reports the JavaScript the admin loads, gzipped', async () => {
  const dir = path.join(inject('siteDir'), 'admin');
  const gzipped = async (name: string) => gzipSync(await readFile(path.join(dir, name))).length;
  const decap = await gzipped('decap-cms.js');
  const setup = await gzipped('cms-setup.js');
  let chunks = 0;
  for (const name of await decapFiles()) if (name !== 'decap-cms.js') chunks += await gzipped(name);
  console.log(
    `[cms] admin JavaScript, gzipped: decap-cms.js ${(decap / 1024).toFixed(0)} KiB, cms-setup.js ${(setup / 1024).toFixed(0)} KiB, ` +
      `lazy chunks ${(chunks / 1024).toFixed(0)} KiB (loaded only when used)`,
  );
  expect(decap).toBeGreaterThan(0);
  expect(setup).toBeGreaterThan(0);
});
