/**
 * axe-core on every page type, in the light and the dark colour scheme (and in
 * light on a phone, where target sizes and reflow differ), with the WCAG 2.0, 2.1 and
 * 2.2 A and AA rules and axe's best practices: zero violations.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { connectBrowser } from '../../support/shared-browser.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { servedSite } from '../../support/served-site.ts';
import { pageTypes } from '../../support/pages.ts';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let browser: Browser;
let server: StaticServer;
const contexts = new Map<string, BrowserContext>();

const settings = [
  { name: 'light, desktop', colorScheme: 'light', width: 1440 },
  { name: 'dark, desktop', colorScheme: 'dark', width: 1440 },
  { name: 'light, phone', colorScheme: 'light', width: 375 },
] as const;

beforeAll(async () => {
  browser = await connectBrowser();
  server = servedSite('root');
  for (const setting of settings) {
    contexts.set(
      setting.name,
      await browser.newContext({ viewport: { width: setting.width, height: 900 }, colorScheme: setting.colorScheme }),
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(settings)('axe ($name)', (setting) => {
  it.each(pageTypes)('the $name page has no violations', async (type) => {
    const page = await contexts.get(setting.name)!.newPage();
    await page.goto(`${server.origin}/${type.path}`);
    // Legacy mode runs axe inside the page itself instead of opening a second page per analysis: much faster,
    // and the pages have no cross-origin frames that would need the newer mode.
    const results = await new AxeBuilder({ page }).withTags(tags).setLegacyMode(true).analyze();
    const violations = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`)
          .join('\n'),
    );
    expect(violations).toEqual([]);
    await page.close();
  });
});
