/**
 * Requests per second and p99 latency of the comment service, POST and GET at 10 and 100
 * connections, in its three deployments on this machine: one Node instance on SQLite, two Node
 * instances on one PostgreSQL (the connections split between them, as a load balancer would),
 * and the Worker with D1 in workerd (Miniflare: a local figure, not Cloudflare's). Measured with
 * autocannon on loopback; the table goes to README.md / docs/comments.md.
 *
 *   node --experimental-strip-types tools/comments-throughput.ts [--seconds N] [--only sqlite,postgres,worker]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { adminToken, siteOrigin } from '../tests/support/comment-app.ts';
import { startServiceProcess, type ServiceProcess } from '../tests/support/comment-service.ts';
import { startPostgres } from '../tests/support/postgres.ts';
import { startWorker } from '../tests/support/worker.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'sqlite,postgres,worker' },
  },
});
const seconds = Number(values.seconds);
const measure = new Set(values.only!.split(','));
const addressKey = 'throughput-address-key-0123456789abcdef01';
/** Published at once, no rate limit: every POST is stored; GET reads an article of 20 comments. */
const settings = {
  COMMENTS_MODERATION: 'off',
  COMMENTS_RATE_LIMIT: '0',
  COMMENTS_ADDRESS_KEY: addressKey,
  COMMENTS_ADMIN_TOKEN: adminToken,
};
const readArticle = 'throughput-read';

interface Figure {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function run(url: string, method: 'GET' | 'POST', connections: number): Promise<autocannon.Result> {
  const post = {
    method: 'POST' as const,
    headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      article: 'throughput-posts',
      name: 'Load',
      comment: 'A comment of ordinary length, posted under load.',
    }).toString(),
  };
  return autocannon({
    url: method === 'GET' ? `${url}/comments?article=${readArticle}` : `${url}/comments`,
    connections,
    duration: seconds,
    ...(method === 'POST' ? post : {}),
  });
}

/** Runs the connections split over the instances at once; adds up requests, keeps the worst p99. */
async function measureOn(urls: string[], method: 'GET' | 'POST', connections: number): Promise<Figure> {
  const results = await Promise.all(urls.map((url) => run(url, method, Math.ceil(connections / urls.length))));
  return {
    requestsPerSecond: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

async function seed(url: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const response = await fetch(`${url}/comments`, {
      method: 'POST',
      headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ article: readArticle, name: `Reader ${i}`, comment: `Seed comment ${i}` }),
    });
    if (response.status !== 201) throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
  }
}

async function table(urls: string[]): Promise<Record<string, Figure>> {
  await seed(urls[0]!);
  const figures: Record<string, Figure> = {};
  for (const method of ['POST', 'GET'] as const) {
    for (const connections of [10, 100])
      figures[`${method} ${connections}`] = await measureOn(urls, method, connections);
  }
  return figures;
}

const results: Record<string, Record<string, Figure>> = {};

if (measure.has('sqlite')) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'comments-throughput-'));
  const service = await startServiceProcess({ ...settings, COMMENTS_DB: path.join(dir, 'comments.db') });
  try {
    results['1 Node + SQLite'] = await table([service.url]);
  } finally {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (measure.has('postgres')) {
  const server = await startPostgres();
  const instances: ServiceProcess[] = [];
  try {
    const db = await server.createDatabase();
    for (let i = 0; i < 2; i++) instances.push(await startServiceProcess({ ...settings, COMMENTS_DB: db }));
    results['2 Node + PostgreSQL'] = await table(instances.map((instance) => instance.url));
  } finally {
    for (const instance of instances) await instance.stop();
    await server.stop();
  }
}

if (measure.has('worker')) {
  const worker = await startWorker(settings);
  try {
    results['Worker + D1 (workerd, local)'] = await table([worker.url]);
  } finally {
    await worker.close();
  }
}

console.log(
  JSON.stringify(
    { seconds, cpus: os.cpus().length, loadAverage: os.loadavg().map((load) => load.toFixed(2)), results },
    null,
    2,
  ),
);
console.log('\n| deployment | POST 10 | POST 100 | GET 10 | GET 100 |\n| --- | --- | --- | --- | --- |');
for (const [name, figures] of Object.entries(results)) {
  const cells = ['POST 10', 'POST 100', 'GET 10', 'GET 100'].map((key) => {
    const figure = figures[key]!;
    const failures = figure.non2xx + figure.errors;
    return `${figure.requestsPerSecond} req/s, p99 ${figure.p99Ms} ms${failures ? ` (${failures} failed)` : ''}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
