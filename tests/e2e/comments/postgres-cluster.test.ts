import { afterAll, beforeAll, expect, it } from 'vitest';
import { admin, postComment, startServiceProcess, type ServiceProcess } from '../../support/comment-service.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { startRoundRobin, type RoundRobin } from '../../support/round-robin.ts';

const articles = Array.from({ length: 20 }, (_, index) => `cluster-article-${index}`);
const burst = 2000;
const concurrency = 20;

let server: PostgresServer;
let db: string;
let instances: ServiceProcess[] = [];
let balancer: RoundRobin;

/** One instance of the service on the shared database, trusting the balancer's X-Forwarded-For. */
const startInstance = () =>
  startServiceProcess({
    COMMENTS_DB: db,
    COMMENTS_ADDRESS_KEY: 'cluster-test-address-key-0123456789abcdef',
    COMMENTS_TRUST_PROXY: '127.0.0.1',
    COMMENTS_MODERATION: 'off',
    COMMENTS_RATE_LIMIT: '5',
  });

beforeAll(async () => {
  server = await startPostgres();
  db = await server.createDatabase();
  instances = [await startInstance(), await startInstance()];
  balancer = await startRoundRobin(instances.map((instance) => instance.url));
});
afterAll(async () => {
  await balancer?.close();
  for (const instance of instances) await instance.stop();
  await server?.stop();
});

/** Every comment id an instance exports, and every one it lists publicly. */
async function readableFrom(url: string): Promise<{ exported: Set<string>; listed: Set<string> }> {
  const exported = (await (await admin(url, 'GET', '/admin/export')).json()).comments.map((c: { id: string }) => c.id);
  const listed: string[] = [];
  for (const article of articles) {
    listed.push(
      ...(await (await fetch(`${url}/comments?article=${article}`)).json()).comments.map((c: { id: string }) => c.id),
    );
  }
  return { exported: new Set(exported), listed: new Set(listed) };
}

it('takes a burst of 2,000 comments over two instances, one killed with -9 midway, and loses nothing it acknowledged', async () => {
  const acknowledged = new Map<number, string>();
  const failedAttempts = new Map<string, number>();
  let killed = false;
  let nextIndex = 0;
  // Each comment from its own network, as many readers; a failed post is retried with its key, as the site's script does.
  const send = async (index: number) => {
    const fields = {
      article: articles[index % articles.length]!,
      comment: `Burst comment ${index}`,
      name: `Reader ${index}`,
      key: `cluster-key-${String(index).padStart(8, '0')}`,
    };
    const forwardedFor = `10.${(index >> 8) & 255}.${index & 255}.1`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await postComment(balancer.url, fields, { 'X-Forwarded-For': forwardedFor }).catch(() => null);
      if (response?.status === 201) {
        acknowledged.set(index, (await response.json()).id);
        return;
      }
      const reason = String(response?.status ?? 'connection error');
      failedAttempts.set(reason, (failedAttempts.get(reason) ?? 0) + 1);
    }
  };
  const workers = Array.from({ length: concurrency }, async () => {
    while (nextIndex < burst) {
      const index = nextIndex++;
      if (!killed && acknowledged.size >= burst / 2) {
        killed = true;
        void instances[0]!.stop('SIGKILL');
      }
      await send(index);
    }
  });
  await Promise.all(workers);
  expect(killed).toBe(true);
  const sentTo = balancer.counts.join(' / ');
  expect(balancer.counts[0]).toBeGreaterThan(burst / 4);
  expect(balancer.counts[1]).toBeGreaterThan(burst / 4);
  // Retried with the same key, every comment was acknowledged once and stored once.
  expect(acknowledged.size).toBe(burst);
  expect(new Set(acknowledged.values()).size).toBe(burst);

  instances[0] = await startInstance();
  await balancer.close();
  balancer = await startRoundRobin(instances.map((instance) => instance.url));
  for (const instance of instances) {
    const { exported, listed } = await readableFrom(instance.url);
    expect(exported.size).toBe(burst);
    for (const id of acknowledged.values()) {
      expect(exported.has(id), id).toBe(true);
      expect(listed.has(id), id).toBe(true);
    }
  }
  const failures = [...failedAttempts].map(([reason, count]) => `${count} × ${reason}`).join(', ') || 'none';
  console.log(
    `cluster burst: ${burst} acknowledged; failed attempts, retried: ${failures}; sent to the instances: ${sentTo}`,
  );
});

it('holds the rate limit across both instances, even for posts racing on both', async () => {
  const fields = { article: articles[0]!, comment: 'Again and again', name: 'Flooder' };
  const from = { 'X-Forwarded-For': '192.0.2.77' };
  const raced = await Promise.all(Array.from({ length: 12 }, () => postComment(balancer.url, fields, from)));
  const statuses = raced.map((response) => response.status).sort();
  expect(statuses).toEqual([...Array(5).fill(201), ...Array(7).fill(429)]);
  // Straight to each instance, past the balancer: still the same five.
  for (const instance of instances) {
    const direct = await postComment(instance.url, fields, { 'X-Forwarded-For': '192.0.2.78' });
    expect(direct.status).toBe(429);
  }
  // Another network is not held back.
  expect((await postComment(balancer.url, fields, { 'X-Forwarded-For': '198.51.100.77' })).status).toBe(201);
});
