import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createSharedDeployHook, type SharedDeployHook } from '../../../src/comment-service/shared-deploy-hook.ts';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { startHookReceiver, type HookReceiver } from '../../support/hook-receiver.ts';

// The deploy hook whose wait lives in the store (the Worker's): two instances on one SQLite file
// stand for two isolates that share nothing in memory; a receiver on loopback records the calls.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function twoInstances(receiver: HookReceiver, debounceMs: number): Promise<SharedDeployHook[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-shared-hook-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const settings = { url: receiver.url, token: null, body: '{}', debounceMs, attempts: 2, firstRetryMs: 10 };
  return [0, 1].map(() => {
    const store = new SqliteStore(path.join(dir, 'comments.db'));
    const hook = createSharedDeployHook(settings, store, { log: () => undefined });
    cleanups.push(async () => {
      hook.stop();
      await store.close();
    });
    return hook;
  });
}

describe('the deploy hook shared through the store', () => {
  it('calls once, after the last change, for changes that alternate between two instances', async () => {
    const receiver = await startHookReceiver();
    cleanups.push(receiver.close);
    const hooks = await twoInstances(receiver, 500);
    let lastChange = 0;
    for (let i = 0; i < 12; i++) {
      await hooks[i % 2]!.requested();
      lastChange = Date.now();
      await sleep(20);
    }
    expect(await hooks[1]!.status()).toMatch(/^Site rebuild to be requested within 1 s\.$/);
    await Promise.all(hooks.map((hook) => hook.idle()));
    expect(receiver.calls).toHaveLength(1);
    expect(receiver.calls[0]!.at).toBeGreaterThanOrEqual(lastChange);
    expect(await hooks[0]!.status()).toMatch(/^Site rebuild requested at /);
    // Nothing is left waiting: the cron trigger's catch-up finds nothing due.
    await hooks[0]!.catchUp();
    expect(receiver.calls).toHaveLength(1);
  });

  it('leaves a call whose attempts all failed to the cron trigger, which makes it', async () => {
    const receiver = await startHookReceiver([503, 503]);
    cleanups.push(receiver.close);
    const [hook, other] = await twoInstances(receiver, 50);
    await hook!.requested();
    await hook!.idle();
    expect(receiver.calls).toHaveLength(2);
    expect(await other!.status()).toMatch(/^Site rebuild request failed at .*: answered 503/);
    await other!.catchUp();
    expect(receiver.calls).toHaveLength(3);
    expect(await hook!.status()).toMatch(/^Site rebuild requested at /);
  });
});
