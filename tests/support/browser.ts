import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer, type LaunchOptions } from 'playwright-core';

/** Where Chromium or Chrome is usually found; CHROME_PATH wins. */
const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter((candidate): candidate is string => Boolean(candidate));

export const installHint =
  'No Chromium found: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.';

export function findChromium(): string | undefined {
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Launches headless Chromium with flags that keep it off the network except for
 * what a page asks for. Throws with an install hint when no browser is found:
 * browser tests fail loudly, they never skip silently.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch(launchOptions(options));
}

function launchOptions(options: LaunchOptions): LaunchOptions {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(installHint);
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
    ...options,
  };
}

/** The one Chromium of an end-to-end run, started by global-setup.ts; test files connect to it. */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions({}));
}
