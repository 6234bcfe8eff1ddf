import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../../src/comment-service/node.ts';
import { parseServiceConfig } from '../../../src/comment-service/settings.ts';
import { signIn } from '../../support/admin-session.ts';
import { adminRequest, commentPost, testSettings } from '../../support/comment-app.ts';
import { startHookReceiver } from '../../support/hook-receiver.ts';

// The deploy hook (COMMENTS_DEPLOY_HOOK_URL) against a receiver on loopback that records what it is sent.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startWithHook(env: Record<string, string>): Promise<RunningService> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-hook-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const service = await startService({
    ...testSettings,
    COMMENTS_DB: path.join(dir, 'comments.db'),
    COMMENTS_PORT: '0',
    COMMENTS_RATE_LIMIT: '0',
    COMMENTS_MIN_SUBMIT_SECONDS: '0',
    ...env,
  });
  cleanups.push(() => service.close());
  return service;
}

const request = (service: RunningService) => (pathname: string, init?: RequestInit) =>
  fetch(`${service.url}${pathname}`, { redirect: 'manual', ...init });

async function postPending(service: RunningService, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields = { article: 'hook-article', comment: `Comment ${i}`, name: 'Reader' };
    ids.push((await (await request(service)('/comments', commentPost(fields))).json()).id);
  }
  return ids;
}

describe('the deploy hook', () => {
  it('is called once for 50 approvals in a burst, with the JSON body and the token, and the page says so', async () => {
    const receiver = await startHookReceiver();
    cleanups.push(receiver.close);
    const service = await startWithHook({
      COMMENTS_DEPLOY_HOOK_URL: receiver.url,
      COMMENTS_DEPLOY_HOOK_TOKEN: 'github-token-0123',
      COMMENTS_DEPLOY_HOOK_DEBOUNCE_SECONDS: '3',
    });
    const ids = await postPending(service, 52);
    // Nothing public changed yet: posting a pending comment or rejecting one calls nobody.
    expect((await request(service)(`/api/comments/${ids[50]}/reject`, adminRequest('POST'))).status).toBe(200);
    for (const id of ids.slice(0, 50))
      expect((await request(service)(`/api/comments/${id}/approve`, adminRequest('POST'))).status).toBe(200);
    await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBe(1);
    expect(receiver.calls[0]!.headers.authorization).toBe('Bearer github-token-0123');
    expect(receiver.calls[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(receiver.calls[0]!.body)).toEqual({ event_type: 'comments-changed' });

    const moderator = await signIn(request(service));
    await expect
      .poll(async () => (await (await moderator.get('/admin/')).text()).match(/Site rebuild requested at [^<]+/)?.[0])
      .toMatch(/^Site rebuild requested at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.$/);
    // Deleting an approved comment changes the site again: one more call.
    expect((await request(service)(`/api/comments/${ids[0]}`, adminRequest('DELETE'))).status).toBe(200);
    await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBe(2);
  });

  it('tries a failing hook again with longer waits, and logs each failure', async () => {
    const receiver = await startHookReceiver([503, 500]);
    cleanups.push(receiver.close);
    const { createDeployHook } = await import('../../../src/comment-service/deploy-hook.ts');
    const lines: string[] = [];
    const hook = createDeployHook(
      { url: receiver.url, token: null, body: '{}', debounceMs: 10, attempts: 4, firstRetryMs: 20 },
      { log: (line) => lines.push(line) },
    );
    hook.requested();
    hook.requested();
    await hook.idle();
    expect(receiver.calls).toHaveLength(3);
    expect(lines).toEqual([
      expect.stringMatching(/deploy hook failed \(attempt 1 of 4\): answered 503; next in 0 s/),
      expect.stringMatching(/deploy hook failed \(attempt 2 of 4\): answered 500/),
      expect.stringMatching(/deploy hook called \(200\)/),
    ]);
    expect(hook.status()).toMatch(/^Site rebuild requested at /);
  });

  it('names a bad hook setting', () => {
    expect(() =>
      parseServiceConfig({ COMMENTS_DEPLOY_HOOK_URL: 'ftp://x', COMMENTS_DEPLOY_HOOK_BODY: '{event_type:' }),
    ).toThrow(/COMMENTS_DEPLOY_HOOK_URL must be an http\(s\) URL.*COMMENTS_DEPLOY_HOOK_BODY must be JSON/);
  });
});
