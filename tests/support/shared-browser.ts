import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

/**
 * Connects to the e2e run's one Chromium, started by global-setup.ts (one start for every test file
 * instead of one each). Every page a test opens with `browser.newPage()` gets its own context, so
 * files share no cookies or storage; `close()` only disconnects.
 */
export async function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('browserEndpoint'));
}
