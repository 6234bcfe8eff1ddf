import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser } from './browser.ts';
import { freePort } from '../../src/utils/ports.ts';
import { inheritedEnv, projectRoot } from './project.ts';
import { testRoot } from './site-build.ts';

export interface CmsSession {
  /** The admin's URL on the dev server, e.g. http://127.0.0.1:PORT/admin/ */
  adminUrl: string;
  /** The working tree decap-server writes into, and its content folder. */
  repoDir: string;
  contentDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `npm run cms` (src/cli/cms.ts: decap-server and astro dev) on free loopback ports against
 * a copy of `contentDir`, inside a scratch working tree, as an editor would on their machine.
 */
export async function startCms(contentDir: string, env: Record<string, string> = {}): Promise<CmsSession> {
  await mkdir(testRoot, { recursive: true });
  const repoDir = await mkdtemp(path.join(testRoot, 'cms-repo-'));
  const content = path.join(repoDir, 'content');
  await cp(contentDir, content, { recursive: true });
  // --ignore-lock (passed on to astro dev): test files run side by side, each with its own dev server.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--experimental-strip-types', 'src/cli/cms.ts', '--ignore-lock'],
    {
      cwd: projectRoot,
      env: {
        ...inheritedEnv(),
        NO_COLOR: '1',
        PORT: String(await freePort()),
        DECAP_SERVER_PORT: String(await freePort()),
        GIT_REPO_DIRECTORY: repoDir,
        CONTENT_DIR: content,
        ASTRO_CACHE_DIR: path.join(repoDir, '.astro-cache'),
        COMMENTS_PROVIDER: 'none',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const adminUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run cms printed no admin URL:\n${output}`)), 60_000);
    const look = () => {
      const match = /open (http:\/\/\S+\/admin\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run cms exited with ${code}:\n${output}`));
    });
  });
  // The URL is printed at start; the dev server answers a little later.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = await fetch(adminUrl).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200 && /Local\s+http/.test(output)) break;
    if (Date.now() > deadline) throw new Error(`the admin at ${adminUrl} did not answer:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // The dev server bundles the admin's setup script on the first request: do it here, not in a test's page load.
  const setup = await fetch(new URL('cms-setup.js', adminUrl));
  if (!setup.ok) throw new Error(`the admin's cms-setup.js answered ${setup.status}:\n${output}`);
  await setup.arrayBuffer();
  return {
    adminUrl,
    repoDir,
    contentDir: content,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * For a test file: `npm run cms` on a copy of the fixture content (with `env` added) and a headless
 * Chromium, started before the file's tests and stopped after them. Read the fields inside tests.
 */
export function useCmsAndBrowser(env: Record<string, string> = {}): { cms: CmsSession; browser: Browser } {
  const running = {} as { cms: CmsSession; browser: Browser };
  beforeAll(async () => {
    running.cms = await startCms(inject('fixtureContentDir'), env);
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.cms?.stop();
  });
  return running;
}

/** Opens the admin and signs in to the local backend (no account: one button). */
export async function signIn(page: Page, adminUrl: string): Promise<void> {
  // Decap's 1.5 MB bundle from the dev server: slow on a loaded machine, so more than the default 30 s.
  await page.goto(adminUrl, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Login' }).click();
  await page
    .getByRole('link', { name: /Stories/ })
    .first()
    .waitFor();
}

/** Saves the open entry the way an editor does (Publish → Publish now, the local backend has no workflow). */
export async function publishNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
}
