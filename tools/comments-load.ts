/**
 * Load and fault figures of the comment service, as issue 24 asks for them: hostile posts and how
 * they were answered (`hostile`), acknowledged comments lost to kill -9 under load (`kill`), how
 * many of 60 concurrent wrong sign-ins were compared (`signin`), bytes of deleted comments left in
 * the database's files, with the mail server down on Node (`erase`), the deploy hook's calls for 50
 * approvals in a minute (`hook`), and rough requests per second (`http`). Each runs on the Node
 * service with SQLite (`--target node`), on the Worker with D1 in workerd through Miniflare
 * (`--target worker`, tests/support/worker.ts), or both. Requests per second are measured
 * properly, with autocannon, by tools/comments-throughput.ts.
 *
 *   node --experimental-strip-types tools/comments-load.ts [--target node,worker]
 *        [--only hostile,kill,signin,erase,hook,http] [--hostile N] [--rounds N] [--hook-seconds N]
 *        [--seconds N] [--root DIR]
 *
 * --root runs the Node service from another checkout (to compare with an earlier version). On the
 * Worker, kill -9 kills the workerd process and starts a new one on the same persisted D1 folder.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { postSignIn } from '../tests/support/admin-session.ts';
import { adminToken, siteOrigin } from '../tests/support/comment-app.ts';
import { admin, postComment } from '../tests/support/comment-service.ts';
import { postHostile } from '../tests/support/hostile-payloads.ts';
import { startHookReceiver } from '../tests/support/hook-receiver.ts';
import { startWorker } from '../tests/support/worker.ts';
import { serviceDefaults } from '../src/comment-service/settings.ts';
import { countOption, listOption } from './load-options.ts';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'node' },
    only: { type: 'string', default: 'hostile,kill,signin,erase,hook,http' },
    hostile: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    'hook-seconds': { type: 'string', default: '60' },
    root: { type: 'string', default: process.cwd() },
  },
});
const targets = listOption('target', values.target!, ['node', 'worker'] as const);
const measure = new Set(
  listOption('only', values.only!, ['hostile', 'kill', 'signin', 'erase', 'hook', 'http'] as const),
);
const hostileCount = countOption('hostile', values.hostile!);
const rounds = countOption('rounds', values.rounds!);
const seconds = countOption('seconds', values.seconds!);
const hookSeconds = countOption('hook-seconds', values['hook-seconds']!);
/** Seconds to wait after the last approval for the deploy hook's call. */
const settleSeconds = 45;
const root = path.resolve(values.root!);
const article = 'load-article';
/** No rate limit: every post is judged on what it is, not on how many came from loopback. */
const loadSettings = { COMMENTS_RATE_LIMIT: '0' };

/** A running service of either kind, on the database kept at `state`. */
interface Service {
  url: string;
  /** Stops it with SIGKILL: nothing is flushed or closed. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

interface Target {
  name: string;
  /** A fresh place for its database: a SQLite file's path, or a folder of Miniflare state. */
  newState(): Promise<string>;
  /** Starts the service on `state` with these COMMENTS_* settings on top of the load settings. */
  start(state: string, env?: Record<string, string>): Promise<Service>;
}

const scratch = () => mkdtemp(path.join(os.tmpdir(), 'comments-load-'));
/** Removes a database made by `newState`: the SQLite file's folder, or the state folder. */
const removeState = (state: string) =>
  rm(path.extname(state) ? path.dirname(state) : state, { recursive: true, force: true });

async function startNode(db: string, env: Record<string, string> = {}): Promise<Service> {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'src/comment-service/node.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      COMMENTS_PORT: '0',
      COMMENTS_DB: db,
      COMMENTS_ALLOWED_ORIGINS: siteOrigin,
      COMMENTS_ADMIN_TOKEN: adminToken,
      ...loadSettings,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = (signal: NodeJS.Signals) => {
    child.kill(signal);
    return exited;
  };
  return { url, crash: () => stop('SIGKILL'), stop: () => stop('SIGTERM') };
}

async function startWorkerOn(stateDir: string, env: Record<string, string> = {}): Promise<Service> {
  // The tests' settings turn the duplicate check off; here both targets keep the service's default,
  // so that their answers to the same hostile posts compare.
  const worker = await startWorker(
    { COMMENTS_DUPLICATE_HOURS: String(serviceDefaults.duplicateHours), ...loadSettings, ...env },
    { stateDir },
  );
  return { url: worker.url, crash: () => worker.kill(), stop: () => worker.close() };
}

const allTargets: Record<(typeof targets)[number], Target> = {
  node: {
    name: 'Node + SQLite',
    newState: async () => path.join(await scratch(), 'comments.db'),
    start: startNode,
  },
  worker: { name: 'Worker + D1 (workerd, local)', newState: scratch, start: startWorkerOn },
};

const form = (comment: string) => new URLSearchParams({ article, comment, name: 'Load' }).toString();

/** Sends requests over `connections` keep-alive connections for `seconds`; returns requests per second. */
async function throughput(
  url: string,
  connections: number,
  send: () => { method: string; path: string; body?: string },
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const { method, path: pathname, body } = send();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path: pathname,
          headers: body
            ? {
                Origin: siteOrigin,
                Accept: 'application/json',
                'Content-Type': 'application/x-www-form-urlencoded',
                'Content-Length': Buffer.byteLength(body),
              }
            : { Accept: 'application/json' },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode! >= 400) reject(new Error(`${method} ${pathname} answered ${response.statusCode}`));
            else resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        await one();
        done++;
      }
    }),
  );
  agent.destroy();
  return Math.round(done / ((Date.now() - started) / 1000));
}

async function hostile(service: Service, total: number) {
  const statuses = await postHostile((pathname, init) => fetch(`${service.url}${pathname}`, init), total);
  const count = (test: (status: number) => boolean) =>
    [...statuses].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);
  const health = (await fetch(`${service.url}/health`)).status;
  return {
    sent: total,
    answered4xx: count((s) => s >= 400 && s < 500),
    answered5xx: count((s) => s >= 500),
    statuses: Object.fromEntries(statuses),
    healthAfterwards: health,
  };
}

/** Senders posting one comment after another while the service is killed. */
const senders = 50;

/**
 * Posts from `senders` loops without pause, kills the service with SIGKILL once `killAfter`
 * comments are acknowledged (posts are in flight then), and says which were acknowledged and how
 * many posts got no answer.
 */
async function postAndCrash(
  service: Service,
  round: number,
  killAfter: number,
): Promise<{ acknowledged: string[]; unanswered: number }> {
  const acknowledged: string[] = [];
  let unanswered = 0;
  let sequence = 0;
  let reachedKillPoint!: () => void;
  const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
  const postOne = async (): Promise<boolean> => {
    try {
      const response = await postComment(service.url, {
        article,
        name: 'Load',
        comment: `round ${round} comment ${sequence++}`,
      });
      if (response.status === 201) acknowledged.push((await response.json()).id);
      if (acknowledged.length >= killAfter) reachedKillPoint();
      return true;
    } catch {
      unanswered++;
      return false;
    }
  };
  const loops = Array.from({ length: senders }, async () => {
    while (await postOne());
  });
  // Every post may fail (a dead service): then there is nothing to wait for.
  await Promise.race([killPoint, Promise.all(loops)]);
  await service.crash();
  await Promise.all(loops);
  return { acknowledged, unanswered };
}

/** `rounds` crashes mid-burst on one database, restarted on it each time; counts acknowledged comments that are gone. */
async function killNine(target: Target) {
  const state = await target.newState();
  const acknowledged = new Set<string>();
  const perRound: { acknowledged: number; unanswered: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const outcome = await postAndCrash(await target.start(state), round, 100 + round * 50);
    outcome.acknowledged.forEach((id) => acknowledged.add(id));
    perRound.push({ acknowledged: outcome.acknowledged.length, unanswered: outcome.unanswered });
  }
  const service = await target.start(state);
  const exported = await (await admin(service.url, 'GET', '/api/export')).json();
  await service.stop();
  await removeState(state);
  const stored = new Set(exported.comments.map((c: { id: string }) => c.id));
  return {
    rounds,
    perRound,
    acknowledged: acknowledged.size,
    lost: [...acknowledged].filter((id) => !stored.has(id)).length,
  };
}

/** 60 wrong sign-ins from one client at once: how many tokens were compared, how many refused unchecked. */
async function wrongSignIns(service: Service) {
  const send = (pathname: string, init: RequestInit = {}) =>
    fetch(`${service.url}${pathname}`, { redirect: 'manual', ...init });
  const answers = await Promise.all(Array.from({ length: 60 }, () => postSignIn(send, 'wrong-token-0123456789-load')));
  const outcomes = answers.map((response) => response.headers.get('location') ?? String(response.status));
  return {
    sent: 60,
    compared: outcomes.filter((outcome) => outcome === '/admin/?signin=wrong').length,
    refusedUnchecked: outcomes.filter((outcome) => outcome === '/admin/?signin=wait').length,
    other: outcomes.filter((outcome) => !/signin=(wrong|wait)$/.test(outcome)),
  };
}

/** Every file under `dir`, read as bytes. */
async function filesUnder(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return { file: path.relative(dir, file), bytes: await readFile(file) };
      }),
  );
}

/** Where `marker` occurs in the files, and how many bytes of it. */
function occurrences(files: { file: string; bytes: Buffer }[], marker: string) {
  const needle = Buffer.from(marker);
  const found: Record<string, number> = {};
  for (const { file, bytes } of files) {
    let count = 0;
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) count++;
    if (count) found[file] = count;
  }
  const count = Object.values(found).reduce((sum, n) => sum + n, 0);
  return { count, bytes: count * needle.length, files: found };
}

/** Mail that cannot leave: nothing listens on port 9, so every notice stays in the outbox (Node only: the Worker refuses SMTP). */
const mailDown = {
  COMMENTS_SMTP_URL: 'smtp://127.0.0.1:9',
  COMMENTS_MAIL_FROM: 'comments@example.org',
  COMMENTS_SITE_URL: 'https://news.example.com/',
  COMMENTS_MODERATOR_EMAILS: 'desk@example.org',
};

/** The addresses and texts of the comments `erase` deletes. */
const deletedMarkers = [
  'Deleted-by-id-marker',
  'deleted-by-id@example.org',
  'Deleted-by-email-marker',
  'deleted-by-email@example.org',
];

/**
 * Posts three comments, deletes one by id and one by e-mail address, stops the service and reads
 * every byte of its database's files: how often the deleted addresses and texts are still there.
 */
async function erase(target: Target, key: (typeof targets)[number]) {
  const state = await target.newState();
  const service = await target.start(state, key === 'node' ? mailDown : {});
  const post = async (comment: string, email: string) => {
    const response = await postComment(service.url, { article, name: 'Reader', comment, email });
    if (response.status !== 201) throw new Error(`posting answered ${response.status}: ${await response.text()}`);
    return (await response.json()).id as string;
  };
  await post('Kept-comment-marker text', 'kept-marker@example.org');
  const byId = await post('Deleted-by-id-marker text', 'deleted-by-id@example.org');
  await post('Deleted-by-email-marker text', 'deleted-by-email@example.org');
  const folder = path.extname(state) ? path.dirname(state) : state;
  // What the files held before: the comments, and on Node the queued notices quoting them.
  const before = await filesUnder(folder);
  const deletions = [
    (await admin(service.url, 'DELETE', `/api/comments/${byId}`)).status,
    (await admin(service.url, 'DELETE', '/api/comments?email=deleted-by-email@example.org')).status,
  ];
  await service.stop();
  const files = await filesUnder(folder);
  await removeState(state);
  const bytesOf = (read: typeof files) =>
    deletedMarkers.reduce((sum, marker) => sum + occurrences(read, marker).bytes, 0);
  return {
    mail: key === 'node' ? 'SMTP down: notices queued in the outbox' : 'none (the Worker refuses COMMENTS_SMTP_URL)',
    deletions,
    filesRead: files.map(({ file, bytes }) => `${file} (${bytes.length} bytes)`),
    keptCommentFound: occurrences(files, 'kept-marker@example.org').count > 0,
    bytesBeforeDeletion: bytesOf(before),
    bytesLeft: bytesOf(files),
    left: deletedMarkers.map((marker) => ({ marker, ...occurrences(files, marker) })),
  };
}

/** Approves 50 comments over `hookSeconds`, waits for the hook to settle, and says when it was called. */
async function deployHook(target: Target) {
  const receiver = await startHookReceiver();
  const state = await target.newState();
  const service = await target.start(state, { COMMENTS_DEPLOY_HOOK_URL: receiver.url });
  try {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const response = await postComment(service.url, { article, name: 'Load', comment: `waiting for approval ${i}` });
      ids.push((await response.json()).id);
    }
    const started = Date.now();
    const gapMs = (hookSeconds * 1000) / ids.length;
    const statuses: number[] = [];
    for (const [i, id] of ids.entries()) {
      await sleep(Math.max(0, started + i * gapMs - Date.now()));
      statuses.push((await admin(service.url, 'POST', `/api/comments/${id}/approve`)).status);
    }
    const approvedWithinSeconds = (Date.now() - started) / 1000;
    // The hook waits for quiet (30 s by default, at most 20 s on a Worker), then calls; allow for a slow machine.
    await sleep(settleSeconds * 1000);
    return {
      approvals: statuses.length,
      approvedOk: statuses.filter((status) => status === 200).length,
      approvedWithinSeconds: Math.round(approvedWithinSeconds),
      hookCalls: receiver.calls.length,
      callsAtSecondsAfterFirstApproval: receiver.calls.map((call) => Math.round((call.at - started) / 1000)),
    };
  } finally {
    await service.stop();
    await removeState(state);
    await receiver.close();
  }
}

async function httpRates(service: Service) {
  let sequence = 0;
  const rates: Record<string, number> = {};
  for (const connections of [10, 100]) {
    rates[`post@${connections}`] = await throughput(service.url, connections, () => ({
      method: 'POST',
      path: '/comments',
      body: form(`load ${sequence++}`),
    }));
    rates[`get@${connections}`] = await throughput(service.url, connections, () => ({
      method: 'GET',
      path: `/comments?article=${article}`,
    }));
  }
  return rates;
}

/** Runs `use` on a service of `target` started on a fresh database, removed afterwards. */
async function onFresh<T>(target: Target, use: (service: Service) => Promise<T>): Promise<T> {
  const state = await target.newState();
  const service = await target.start(state);
  try {
    return await use(service);
  } finally {
    await service.stop();
    await removeState(state);
  }
}

const results: Record<string, unknown> = {
  root,
  cpus: os.cpus().length,
  loadAverageAtStart: os.loadavg().map((load) => load.toFixed(2)),
};
for (const key of targets) {
  const target = allTargets[key];
  const figures: Record<string, unknown> = {};
  results[target.name] = figures;
  if (measure.has('hostile')) figures.hostile = await onFresh(target, (service) => hostile(service, hostileCount));
  if (measure.has('kill')) figures.killNine = await killNine(target);
  if (measure.has('signin')) figures.wrongSignIns = await onFresh(target, wrongSignIns);
  if (measure.has('erase')) figures.deletedCommentInFiles = await erase(target, key);
  if (measure.has('hook')) figures.deployHook = await deployHook(target);
  if (measure.has('http')) figures.requestsPerSecond = await onFresh(target, httpRates);
}
results.loadAverageAtEnd = os.loadavg().map((load) => load.toFixed(2));
console.log(JSON.stringify(results, null, 2));
