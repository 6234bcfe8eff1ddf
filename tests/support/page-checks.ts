import type { Page } from 'playwright-core';

/**
 * Records what a page does wrong while it loads: console errors, uncaught
 * exceptions, failed requests, HTTP errors (other than the expected status of
 * the page itself) and any request to a host other than the site's own.
 */
export function watchPage(page: Page, origin: string, allowedOrigins: string[] = []) {
  const problems: string[] = [];
  const allowed = new Set([origin, ...allowedOrigins]);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs the page's own 404 status as an error; the status itself is asserted by the caller.
    const ownStatus = message.text().startsWith('Failed to load resource') && message.location().url === page.url();
    if (!ownStatus) problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!allowed.has(url.origin)) problems.push(`off-site request: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.request().isNavigationRequest()) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return {
    problems,
    /** Empties the list between page loads. */
    reset: () => problems.splice(0),
  };
}

/** Everything a keyboard user can Tab to, in document order, that is rendered. */
export const focusableSelector = [
  'a[href]',
  'area[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  'iframe',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable="true"]',
].join(',');
