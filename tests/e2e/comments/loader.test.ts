import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, it } from 'vitest';
import { commentsLoader } from '../../../src/comments/loader.ts';
import { admin, postComment, startServiceProcess } from '../../support/comment-service.ts';
import { freePort } from '../../../src/utils/ports.ts';
import { testRoot } from '../../support/site-build.ts';
import { startWorker } from '../../support/worker.ts';

/** Runs the loader with the parts of Astro's loader context it uses; returns what it stored and warned. */
async function load(serviceUrl: string | null, dataDir: string, options: { offlineOk?: boolean } = {}) {
  const stored = new Map<string, Record<string, unknown>>();
  const warnings: string[] = [];
  const loader = commentsLoader({ dataDir, serviceUrl, timeoutMs: 3000, ...options });
  const context = {
    store: {
      clear: () => stored.clear(),
      set: ({ id, data }: { id: string; data: Record<string, unknown> }) => stored.set(id, data),
    },
    logger: { warn: (message: string) => warnings.push(message), info: () => {} },
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    generateDigest: (data: unknown) => JSON.stringify(data),
  };
  await loader.load(context as unknown as Parameters<typeof loader.load>[0]);
  return { stored, warnings };
}

async function dataDir(): Promise<string> {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'comment-data-'));
  await mkdir(path.join(dir, 'some-article'));
  await writeFile(
    path.join(dir, 'some-article', 'c1.yml'),
    'name: From a file\nmessage: Hello\ndate: 2024-01-02T03:04:05Z\n',
  );
  await writeFile(path.join(dir, 'broken.json'), '{ not json');
  await writeFile(
    path.join(dir, 'export.json'),
    JSON.stringify({
      comments: [
        { id: 'e1', article: 'other', name: 'E', comment: 'x', createdAt: '2024-01-01T00:00:00Z', status: 'approved' },
        { id: 'e2', article: 'other', name: 'P', comment: 'y', createdAt: '2024-01-01T00:00:00Z', status: 'pending' },
      ],
    }),
  );
  return dir;
}

/** The service over HTTP, as the build meets it: the Node process, or the Worker in workerd. */
const services = {
  'the Node service': async () => {
    const service = await startServiceProcess({ COMMENTS_RATE_LIMIT: '0' });
    return {
      url: service.url,
      post: (fields: Record<string, string>) => postComment(service.url, fields),
      approve: (id: string) => admin(service.url, 'POST', `/admin/comments/${id}/approve`),
      stop: () => service.stop(),
    };
  },
  'the Worker with D1': async () => {
    const worker = await startWorker({ COMMENTS_RATE_LIMIT: '0' });
    return {
      url: worker.url,
      post: (fields: Record<string, string>) => worker.postComment(fields),
      approve: (id: string) => worker.admin('POST', `/admin/comments/${id}/approve`),
      stop: () => worker.close(),
    };
  },
};

it.each(Object.keys(services) as (keyof typeof services)[])(
  'reads every approved comment from %s in bulk, plus the data files',
  async (name) => {
    const service = await services[name]();
    try {
      const ids: string[] = [];
      for (const article of ['a-1', 'a-2', 'a-3']) {
        for (const state of ['approve', 'pending']) {
          const { id } = await (await service.post({ article, comment: `${article} ${state}`, name: 'N' })).json();
          if (state === 'approve') {
            await service.approve(id);
            ids.push(id);
          }
        }
      }
      const { stored, warnings } = await load(service.url, await dataDir());
      expect([...stored.keys()].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      expect(stored.size).toBe(ids.length + 2); // + the YAML file and the approved export entry
      expect(stored.get('e1')).toMatchObject({ article: 'other' });
      expect([...stored.values()].find((c) => c.name === 'From a file')).toMatchObject({
        article: 'some-article',
        comment: 'Hello',
      });
      expect(warnings).toEqual([expect.stringMatching(/broken\.json/)]);
    } finally {
      await service.stop();
    }
  },
);

it('warns and goes on with the data files when the service is unreachable', async () => {
  const { stored, warnings } = await load(`http://127.0.0.1:${await freePort()}`, await dataDir());
  expect(stored.size).toBe(2);
  expect(warnings.some((w) => /unreachable .*building without its comments/.test(w))).toBe(true);
});

/** A server that answers every request with `status`: a comment service that is up but failing. */
async function failingServer(status: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end('{"error":"Internal error"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

it('fails the build when the service answers with an error, unless COMMENTS_BUILD_OFFLINE_OK is set', async () => {
  const failing = await failingServer(503);
  try {
    await expect(load(failing.url, await dataDir())).rejects.toThrow(/answered 503.*COMMENTS_BUILD_OFFLINE_OK=1/);
    const { stored, warnings } = await load(failing.url, await dataDir(), { offlineOk: true });
    expect(stored.size).toBe(2);
    expect(warnings.some((w) => /answered 503.*building without its comments/.test(w))).toBe(true);
  } finally {
    await failing.close();
  }
});

it('fails the build when a service at a public address cannot be reached', async () => {
  await expect(load('http://comments.invalid', await dataDir())).rejects.toThrow(
    /unreachable.*COMMENTS_BUILD_OFFLINE_OK=1/,
  );
});
