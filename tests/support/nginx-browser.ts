import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startNginx, type NginxServer, type ServedSite } from './nginx.ts';

/**
 * For a test file: a real nginx serving `sites` with their generated headers, and a headless
 * Chromium, started before the file's tests and stopped after them. Read the fields inside tests.
 */
export function useNginxAndBrowser(sites: readonly ServedSite[]): { server: NginxServer; browser: Browser } {
  const running = {} as { server: NginxServer; browser: Browser };
  beforeAll(async () => {
    running.server = await startNginx(sites);
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}
