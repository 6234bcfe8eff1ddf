/**
 * The comment service as a Cloudflare Worker in the real workerd runtime, locally through Miniflare
 * (both ship in npm packages; nothing is downloaded): the bundle `wrangler deploy` would upload,
 * a D1 database migrated by `wrangler d1 migrations apply --local` (both from wrangler.jsonc),
 * settings as the Worker's variables. Each service gets its own copy of the migrated database, or
 * keeps it in a folder the caller names, so a Worker killed with SIGKILL can start again on it.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import type { D1Database } from '../../src/comment-service/store/d1-store.ts';
import { loopbackAddress, requestHelpers, testSettings, type TestService } from './comment-app.ts';
import { projectRoot, testRoot } from './project.ts';

const run = promisify(execFile);
/** The binding, database id, compatibility date and flags of wrangler.jsonc. */
const binding = 'COMMENTS_D1';
const databaseId = '00000000-0000-0000-0000-000000000000';
const compatibilityDate = '2026-11-01';
const compatibilityFlags = ['nodejs_als'];
export const testAddressKey = 'worker-test-address-key-0123456789abcdef';

let prepared: Promise<{ script: string; migratedState: string }> | null = null;

/** Builds the Worker and migrates one D1 database with wrangler, once per test file. */
function prepare(): Promise<{ script: string; migratedState: string }> {
  prepared ??= (async () => {
    await mkdir(testRoot, { recursive: true });
    const dir = await mkdtemp(path.join(testRoot, 'worker-'));
    const wrangler = (...args: string[]) =>
      run(process.execPath, [path.join(projectRoot, 'node_modules/wrangler/bin/wrangler.js'), ...args], {
        cwd: projectRoot,
        env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      });
    // What `wrangler deploy` would upload, and the D1 database as its migrations leave it.
    await wrangler('deploy', '--dry-run', '--outdir', path.join(dir, 'bundle'));
    const script = path.join(dir, 'bundle', 'worker.js');
    const persist = path.join(dir, 'wrangler-state');
    await wrangler('d1', 'migrations', 'apply', 'static-news-comments', '--local', '--persist-to', persist);
    return { script, migratedState: path.join(persist, 'v3') };
  })();
  return prepared;
}

export interface WorkerService extends TestService {
  /** Where the Worker answers HTTP on loopback. */
  url: string;
  miniflare: Miniflare;
  d1: D1Database;
  /** Where Miniflare keeps the local D1 database's files. */
  stateDir: string;
  /** Kills the workerd process with SIGKILL (a crash: nothing is flushed or closed); the state folder stays. */
  kill(): Promise<void>;
}

/** The workerd processes this process started (Miniflare spawns one per instance). */
async function workerdChildren(): Promise<Set<number>> {
  const pids = new Set<number>();
  for (const task of await readdir(`/proc/${process.pid}/task`)) {
    const children = await readFile(`/proc/${process.pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const pid of children.split(' ').filter(Boolean).map(Number)) {
      const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
      if (name.trim() === 'workerd') pids.add(pid);
    }
  }
  return pids;
}

export interface WorkerState {
  /**
   * Keeps the D1 database in this folder and leaves it there on close: migrated on first use, and
   * used as it is by a Worker started on it again. Without it, a fresh copy removed on close.
   */
  stateDir?: string;
}

/** A folder of Miniflare state holding the migrated D1 database, ready for a Worker. */
async function stateFolder(migratedState: string, stateDir: string | undefined): Promise<string> {
  const state = stateDir ?? (await mkdtemp(path.join(os.tmpdir(), 'static-news-d1-')));
  await mkdir(state, { recursive: true });
  if ((await readdir(state)).length === 0) await cp(migratedState, state, { recursive: true });
  return state;
}

/** A Miniflare instance running the bundled Worker on the migrated D1 database. */
export async function startWorker(env: Record<string, string> = {}, options: WorkerState = {}): Promise<WorkerService> {
  const { script, migratedState } = await prepare();
  const state = await stateFolder(migratedState, options.stateDir);
  const before = await workerdChildren();
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: state,
      host: '127.0.0.1',
      port: 0,
      // GET /cdn-cgi/local/scheduled runs the cron trigger's handler.
      unsafeTriggerHandlers: true,
      scriptPath: script,
      modulesRoot: path.dirname(script),
      modules: true,
      compatibilityDate,
      compatibilityFlags,
      d1Databases: { [binding]: databaseId },
      bindings: { ...testSettings, COMMENTS_ADDRESS_KEY: testAddressKey, ...env },
    }),
  );
  const url = (await miniflare.ready).origin;
  const workerd = [...(await workerdChildren())].filter((pid) => !before.has(pid));
  const d1 = (await miniflare.getD1Database(binding)) as unknown as D1Database;
  const request = async (pathname: string, init: RequestInit = {}, peer = loopbackAddress): Promise<Response> => {
    // Through a Request of this runtime, so any body (form data too) arrives as bytes.
    const outgoing = new Request(`http://comments.test${pathname}`, init);
    const headers = new Headers(outgoing.headers);
    headers.set('CF-Connecting-IP', peer);
    const body = outgoing.body ? await outgoing.arrayBuffer() : undefined;
    return (await miniflare.dispatchFetch(outgoing.url, {
      method: outgoing.method,
      headers,
      body,
      redirect: 'manual',
    })) as unknown as Response;
  };
  return {
    url,
    miniflare,
    d1,
    stateDir: state,
    request,
    ...requestHelpers(request),
    storedAddressHashes: async () =>
      (await d1.prepare('SELECT ip_hash FROM comments').bind().all<{ ip_hash: string | null }>()).results.map(
        (row) => row.ip_hash,
      ),
    kill: async () => {
      if (workerd.length !== 1) throw new Error(`expected one workerd process of this Worker, found ${workerd.length}`);
      process.kill(workerd[0]!, 'SIGKILL');
      await miniflare.dispose().catch(() => undefined);
    },
    close: async () => {
      await miniflare.dispose();
      if (!options.stateDir) await rm(state, { recursive: true, force: true });
    },
  };
}
