import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { adminRequest, adminToken, commentPost, siteOrigin } from './comment-app.ts';
import { projectRoot } from './project.ts';
import { testRoot } from './site-build.ts';

/** What `npm run comments` runs. */
const serviceEntry = 'src/comment-service/node.ts';

export interface ServiceProcess {
  url: string;
  db: string;
  child: ChildProcess;
  output: () => string;
  /** Stops the process with a signal (SIGKILL for a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A fresh database file in the test scratch folder. */
export async function tempDb(): Promise<string> {
  await mkdir(testRoot, { recursive: true });
  return path.join(await mkdtemp(path.join(testRoot, 'comments-')), 'comments.db');
}

/** Spawns the service entry point with test settings: a random loopback port, a fresh database. */
async function spawnService(env: Record<string, string>): Promise<{ child: ChildProcess; db: string }> {
  const db = env.COMMENTS_DB ?? (await tempDb());
  const child = spawn(process.execPath, ['--experimental-strip-types', serviceEntry], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      COMMENTS_PORT: '0',
      COMMENTS_DB: db,
      COMMENTS_ALLOWED_ORIGINS: siteOrigin,
      COMMENTS_ADMIN_TOKEN: adminToken,
      // Most tests post the same text again and again; the duplicate check is tested on its own.
      COMMENTS_DUPLICATE_HOURS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, db };
}

/** Starts the service entry point on a random loopback port. */
export async function startServiceProcess(env: Record<string, string> = {}): Promise<ServiceProcess> {
  const { child, db } = await spawnService(env);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: on a loaded machine a cold start can take many seconds; a hung start still ends here.
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), 120_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    db,
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Runs `use` with the service entry point started with `env`, stopped afterwards (with `signal`). */
export async function withServiceProcess(
  env: Record<string, string>,
  use: (service: ServiceProcess) => Promise<void>,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  const service = await startServiceProcess(env);
  try {
    await use(service);
  } finally {
    await service.stop(signal);
  }
}

/** Runs the service entry point when it is expected to stop by itself (a bad setting, a port in use). */
export async function serviceExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child } = await spawnService(env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** POSTs a comment as the site's script does: urlencoded, Accept JSON, from the site's origin. */
export function postComment(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/comments`, commentPost(fields, headers));
}

export function admin(url: string, method: string, pathname: string): Promise<Response> {
  return fetch(`${url}${pathname}`, adminRequest(method));
}
