/**
 * Load and fault numbers for the comment service, as reported in docs/comments.md's issue notes:
 * hostile posts and how they were answered, comments lost on kill -9, requests per second for POST
 * and GET at 10 and 100 connections on loopback. The rate limit is counted by the store (tools/comments-throughput.ts compares the deployments).
 *
 *   node --experimental-strip-types tools/comments-load.ts [--root DIR] [--seconds N] [--only hostile,kill,http]
 *
 * --root runs the service from another checkout (to compare with an earlier version); --only runs
 * some of the measurements.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminToken, siteOrigin } from '../tests/support/comment-app.ts';
import { postHostile } from '../tests/support/hostile-payloads.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: process.cwd() },
    seconds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'hostile,kill,http' },
  },
});
const measure = new Set(values.only!.split(','));
const root = path.resolve(values.root!);
const seconds = Number(values.seconds);
const article = 'load-article';

interface Service {
  url: string;
  child: ChildProcess;
}

async function startService(db: string): Promise<Service> {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'src/comment-service/node.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      COMMENTS_PORT: '0',
      COMMENTS_DB: db,
      COMMENTS_RATE_LIMIT: '0',
      COMMENTS_ALLOWED_ORIGINS: siteOrigin,
      COMMENTS_ADMIN_TOKEN: adminToken,
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
  return { url, child };
}

const stop = (service: Service, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    service.child.once('exit', () => resolve());
    service.child.kill(signal);
  });

const tempDb = async () => path.join(await mkdtemp(path.join(os.tmpdir(), 'comments-load-')), 'comments.db');
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

async function hostile(total: number) {
  const service = await startService(await tempDb());
  try {
    const statuses = await postHostile((pathname, init) => fetch(`${service.url}${pathname}`, init), total);
    const count = (test: (status: number) => boolean) =>
      [...statuses].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);
    return {
      sent: total,
      answered4xx: count((s) => s >= 400 && s < 500),
      answered5xx: count((s) => s >= 500),
      statuses: Object.fromEntries(statuses),
    };
  } finally {
    await stop(service);
  }
}

/** Posts in bursts, kills the process with SIGKILL mid-burst, restarts it and counts acknowledged comments that are gone. */
async function killNine(rounds: number) {
  const db = await tempDb();
  const acknowledged = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    const service = await startService(db);
    let acknowledgedThisRound = 0;
    let midBurst!: () => void;
    const killPoint = new Promise<void>((resolve) => (midBurst = resolve));
    const posts = Array.from({ length: 300 }, (_, i) =>
      fetch(`${service.url}/comments`, {
        method: 'POST',
        headers: {
          Origin: siteOrigin,
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form(`round ${round} comment ${i}`),
      })
        .then(async (response) => {
          if (response.status !== 201) return;
          acknowledged.add((await response.json()).id);
          if (++acknowledgedThisRound === 100) midBurst();
        })
        .catch(() => null),
    );
    await killPoint;
    await stop(service, 'SIGKILL');
    await Promise.all(posts);
  }
  const service = await startService(db);
  const exported = await (
    await fetch(`${service.url}/admin/export`, { headers: { Authorization: `Bearer ${adminToken}` } })
  ).json();
  await stop(service);
  const stored = new Set(exported.comments.map((c: { id: string }) => c.id));
  return { acknowledged: acknowledged.size, lost: [...acknowledged].filter((id) => !stored.has(id)).length };
}

const results: Record<string, unknown> = { root };
if (measure.has('hostile')) results.hostile = await hostile(20_000);
if (measure.has('kill')) results.killNine = await killNine(5);
if (measure.has('http')) {
  const service = await startService(await tempDb());
  let sequence = 0;
  for (let i = 0; i < 20; i++) {
    await fetch(`${service.url}/comments`, {
      method: 'POST',
      headers: { Origin: siteOrigin, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form(`seed ${i}`),
    });
  }
  for (const connections of [10, 100]) {
    results[`post@${connections}`] = await throughput(service.url, connections, () => ({
      method: 'POST',
      path: '/comments',
      body: form(`load ${sequence++}`),
    }));
    results[`get@${connections}`] = await throughput(service.url, connections, () => ({
      method: 'GET',
      path: `/comments?article=${article}`,
    }));
  }
  await stop(service);
}
console.log(JSON.stringify(results, null, 2));
