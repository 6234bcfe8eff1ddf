/**
 * Requests per second and p99 latency of the comment service, POST and GET at 10 and 100
 * connections, in its three deployments on this machine: one Node instance on SQLite, two Node
 * instances on one PostgreSQL (the connections split between them, as a load balancer would),
 * and the Worker with D1 in workerd (Miniflare: a local figure, not Cloudflare's). Measured with
 * autocannon on loopback; the table goes to README.md / docs/comments.md. GET reads the first page
 * of an article of 20 comments, or of `--thread N` (issue 24 measured a thread of 20,000); the
 * comments are posted through the service before the clock starts.
 *
 *   node --experimental-strip-types tools/comments-throughput.ts [--seconds N] [--only sqlite,postgres,worker]
 *        [--methods POST,GET] [--thread N]
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
import { countOption, listOption } from './load-options.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'sqlite,postgres,worker' },
    methods: { type: 'string', default: 'POST,GET' },
    thread: { type: 'string', default: '20' },
  },
});
const seconds = countOption('seconds', values.seconds!);
const measure = new Set(listOption('only', values.only!, ['sqlite', 'postgres', 'worker'] as const));
const methods = listOption('methods', values.methods!, ['POST', 'GET'] as const);
const threadLength = countOption('thread', values.thread!);
const addressKey = 'throughput-address-key-0123456789abcdef01';
/** Published at once, no rate limit: every POST is stored; GET reads an article of `--thread` comments. */
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
  timeouts: number;
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
    timeouts: results.reduce((sum, result) => sum + result.timeouts, 0),
  };
}

/** A reader's comment of real length: one to six sentences, some with a long word or a link. */
function seedText(i: number): string {
  const sentences = [
    `Comment ${i} on a long thread.`,
    'The council published the figures on Friday, and they do not match what was said at the meeting.',
    'See https://news.example.com/2026/12/budget-figures-explained-for-readers-who-missed-the-meeting for the details.',
    'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsbeitragszahler is a real word here.',
    'I would like to know who checked these numbers before they were printed.',
    'Thank you for the reporting.',
  ];
  return sentences.slice(0, 1 + (i % sentences.length)).join(' ');
}

/** Posts `count` comments to the read article, 20 at a time. */
async function seed(url: string, count: number): Promise<void> {
  let next = 0;
  const postNext = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const response = await fetch(`${url}/comments`, {
        method: 'POST',
        headers: {
          Origin: siteOrigin,
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ article: readArticle, name: `Reader ${i}`, comment: seedText(i) }),
      });
      if (response.status !== 201) throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
      await response.body?.cancel();
    }
  };
  await Promise.all(Array.from({ length: 20 }, postNext));
}

const results: Record<string, Record<string, Figure>> = {};
/** Bytes of the answer GET reads (the first page of the thread), by deployment. */
const firstPageBytes: Record<string, number> = {};

/** Measures one deployment (its instances at `urls`) into `results`. */
async function table(name: string, urls: string[]): Promise<void> {
  await seed(urls[0]!, threadLength);
  const firstPage = await fetch(`${urls[0]}/comments?article=${readArticle}`, {
    headers: { Accept: 'application/json' },
  });
  firstPageBytes[name] = (await firstPage.arrayBuffer()).byteLength;
  const figures: Record<string, Figure> = {};
  for (const method of methods) {
    for (const connections of [10, 100])
      figures[`${method} ${connections}`] = await measureOn(urls, method, connections);
  }
  results[name] = figures;
}

if (measure.has('sqlite')) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'comments-throughput-'));
  const service = await startServiceProcess({ ...settings, COMMENTS_DB: path.join(dir, 'comments.db') });
  try {
    await table('1 Node + SQLite', [service.url]);
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
    await table(
      '2 Node + PostgreSQL',
      instances.map((instance) => instance.url),
    );
  } finally {
    for (const instance of instances) await instance.stop();
    await server.stop();
  }
}

if (measure.has('worker')) {
  const worker = await startWorker(settings);
  try {
    await table('Worker + D1 (workerd, local)', [worker.url]);
  } finally {
    await worker.close();
  }
}

console.log(
  JSON.stringify(
    {
      seconds,
      thread: threadLength,
      firstPageBytes,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((load) => load.toFixed(2)),
      results,
    },
    null,
    2,
  ),
);
const columns = methods.flatMap((method) => [`${method} 10`, `${method} 100`]);
console.log(`\n| deployment | ${columns.join(' | ')} |\n|${' --- |'.repeat(columns.length + 1)}`);
for (const [name, figures] of Object.entries(results)) {
  const cells = columns.map((key) => {
    const figure = figures[key]!;
    const failures = figure.non2xx + figure.errors;
    const timeouts = figure.timeouts ? `, ${figure.timeouts} timeouts` : '';
    return `${figure.requestsPerSecond} req/s, p99 ${figure.p99Ms} ms${failures ? ` (${failures} failed${timeouts})` : ''}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
