import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sendCutOff } from '../../support/raw-http.ts';
import { adminRequest, commentPost, siteOrigin } from '../../support/comment-app.ts';
import { startHookReceiver } from '../../support/hook-receiver.ts';
import { protocolSuite } from '../../support/protocol-suite.ts';
import { startWorker } from '../../support/worker.ts';

// The protocol suite of the Node service, unchanged, against the Worker with D1 in workerd:
// posting, listing, moderation, export, privacy deletion and the rate limit.
describe('the comment service as a Cloudflare Worker with D1', () => {
  protocolSuite(startWorker);
});

describe('the Worker', () => {
  it('counts the client by CF-Connecting-IP', async () => {
    const worker = await startWorker({ COMMENTS_RATE_LIMIT: '1' });
    try {
      const fields = { article: 'worker-article', comment: 'Hello', name: 'Cy' };
      expect((await worker.request('/comments', commentPost(fields), '203.0.113.5')).status).toBe(201);
      expect((await worker.request('/comments', commentPost(fields), '203.0.113.6')).status).toBe(429);
      expect((await worker.request('/comments', commentPost(fields), '198.51.100.5')).status).toBe(201);
    } finally {
      await worker.close();
    }
  });

  it('forgets the e-mail addresses of spam past its retention on the cron trigger', async () => {
    const worker = await startWorker();
    try {
      const post = async (email: string) =>
        (
          await (
            await worker.postComment({ article: 'worker-article', comment: 'Buy now', name: 'Spammer', email })
          ).json()
        ).id as string;
      const [old, recent] = [await post('old@example.org'), await post('recent@example.org')];
      for (const id of [old, recent])
        expect((await worker.admin('POST', `/admin/comments/${id}/spam`)).status).toBe(200);
      await worker.d1
        .prepare("UPDATE comments SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
        .bind(old)
        .run();
      const triggered = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('17 * * * *')}`);
      expect(triggered.status).toBe(200);
      const exported = (await (await worker.admin('GET', '/admin/export')).json()).comments;
      const emailOf = (id: string) => exported.find((comment: { id: string }) => comment.id === id).email;
      expect(emailOf(old)).toBeNull();
      expect(emailOf(recent)).toBe('recent@example.org');
    } finally {
      await worker.close();
    }
  });

  it('answers with the setting to fix when a secret is missing', async () => {
    const worker = await startWorker({ COMMENTS_ADDRESS_KEY: '' });
    try {
      const response = await worker.request('/admin/export', adminRequest('GET'));
      expect(response.status).toBe(500);
      expect((await response.json()).error).toMatch(/COMMENTS_ADDRESS_KEY/);
    } finally {
      await worker.close();
    }
  });

  it('refuses e-mail settings it could never act on: port 25, or mail links without the public address', async () => {
    const mail = { COMMENTS_MAIL_FROM: 'comments@example.org', COMMENTS_SITE_URL: 'https://news.example.com/' };
    const expectations: [Record<string, string>, RegExp][] = [
      [
        { ...mail, COMMENTS_SMTP_URL: 'smtp://mail.example.org:25', COMMENTS_PUBLIC_URL: 'https://c.example.com/' },
        /cannot connect to port 25/,
      ],
      [{ ...mail, COMMENTS_SMTP_URL: 'smtps://mail.example.org' }, /COMMENTS_PUBLIC_URL must be set/],
    ];
    for (const [env, error] of expectations) {
      const worker = await startWorker(env);
      try {
        const response = await worker.request('/health');
        expect(response.status).toBe(500);
        expect((await response.json()).error).toMatch(error);
      } finally {
        await worker.close();
      }
    }
  });

  it('answers a truncated or malformed body with 400, not 500', async () => {
    const worker = await startWorker();
    try {
      const headers = { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/json' };
      expect(await sendCutOff(worker.url, '/comments', { ...headers, 'Content-Length': '10' }, '{"')).toBe(400);
      const badChunk = await sendCutOff(
        worker.url,
        '/comments',
        { ...headers, 'Transfer-Encoding': 'chunked' },
        'zz\r\n{"a":1}\r\n0\r\n\r\n',
      );
      expect(badChunk).toBe(400);
    } finally {
      await worker.close();
    }
  });

  /** A Worker with a 3 s deploy hook to a loopback receiver, and `count` pending comments posted to it. */
  async function hookedWorker(count: number) {
    const receiver = await startHookReceiver();
    const worker = await startWorker({
      COMMENTS_DEPLOY_HOOK_URL: receiver.url,
      COMMENTS_DEPLOY_HOOK_DEBOUNCE_SECONDS: '3',
      COMMENTS_RATE_LIMIT: '0',
    });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const posted = await worker.postComment({ article: 'worker-article', comment: `Hook ${i}`, name: 'Di' });
      expect(posted.status).toBe(201);
      ids.push((await posted.json()).id);
    }
    return { receiver, worker, ids };
  }

  it('calls the deploy hook once for a burst of 50 approvals', async () => {
    const { receiver, worker, ids } = await hookedWorker(50);
    try {
      for (const id of ids) expect((await worker.admin('POST', `/api/comments/${id}/approve`)).status).toBe(200);
      await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBe(1);
    } finally {
      await worker.close();
      await receiver.close();
    }
  });

  it('waits for quiet across requests: approvals 0.75 s apart for 7 s give one call, after the last', async () => {
    const { receiver, worker, ids } = await hookedWorker(10);
    try {
      // Each approval comes well within the 3 s of the one before, and they span more than two such periods.
      let lastApproval = 0;
      for (const id of ids) {
        expect((await worker.admin('POST', `/api/comments/${id}/approve`)).status).toBe(200);
        lastApproval = Date.now();
        await sleep(750);
      }
      await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(receiver.calls).toHaveLength(1);
      expect(receiver.calls[0]!.at).toBeGreaterThan(lastApproval);

      // Deleting an approved comment later changes the site again: one more call.
      expect((await worker.admin('DELETE', `/api/comments/${ids[0]}`)).status).toBe(200);
      await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBeGreaterThan(1);
      expect(receiver.calls).toHaveLength(2);
    } finally {
      await worker.close();
      await receiver.close();
    }
  });

  it('makes a call that was due but not made on the cron trigger', async () => {
    const receiver = await startHookReceiver();
    const worker = await startWorker({ COMMENTS_DEPLOY_HOOK_URL: receiver.url });
    try {
      // What an approval leaves when the runtime cut its wait short: a change recorded a minute ago, no call.
      const minuteAgo = Date.now() - 60_000;
      await worker.d1
        .prepare("INSERT INTO meta (key, value) VALUES ('marker:deploy-hook', ?)")
        .bind(`pending ${minuteAgo} ${minuteAgo} cut-short`)
        .run();
      const triggered = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('17 * * * *')}`);
      expect(triggered.status).toBe(200);
      await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(receiver.calls).toHaveLength(1);
      // Claimed and done: the next trigger finds nothing due.
      await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('17 * * * *')}`);
      expect(receiver.calls).toHaveLength(1);
    } finally {
      await worker.close();
      await receiver.close();
    }
  });
});
