import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectBrowser } from './shared-browser.ts';
import { startNginx, type NginxServer, type ServedSite } from './nginx.ts';

declare global {
  interface Window {
    /** Filled by a test's init script from `securitypolicyviolation` events. */
    cspViolations: string[];
  }
}

/** The two fixture builds of the global setup: at the root and under /news/. */
export function fixtureBuilds() {
  return [
    { name: 'root', base: '/', dir: inject('siteDir') },
    { name: 'news', base: '/news/', dir: inject('newsSiteDir') },
  ];
}

/**
 * For a test file: a real nginx serving `sites` with their generated headers, and a headless
 * Chromium, started before the file's tests and stopped after them. Read the fields inside tests.
 */
export function useNginxAndBrowser(sites: readonly ServedSite[]): { server: NginxServer; browser: Browser } {
  const running = {} as { server: NginxServer; browser: Browser };
  beforeAll(async () => {
    running.server = await startNginx(sites);
    running.browser = await connectBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}
