/**
 * `npm run newsletter -- send` run twice at the same moment, as two instances would after a deploy,
 * on one PostgreSQL database: every confirmed subscriber gets each new story exactly once between
 * them (queued once, delivered once through a real SMTP server), and a third run sends nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../src/comment-service/store/postgres-store.ts';
import { writeFeed } from '../../support/newsletter.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { projectRoot } from '../../support/project.ts';
import { recipients, startSmtpSink, type SmtpSink } from '../../support/smtp-sink.ts';

const subscribers = 300;
let server: PostgresServer;
let sink: SmtpSink;
let dir: string;

beforeAll(async () => {
  server = await startPostgres();
  sink = await startSmtpSink();
  dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-newsletter-pg-'));
});
afterAll(async () => {
  await sink?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

function sendCommand(db: string, feed: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', 'src/cli/newsletter.ts', 'send', '--feed', feed],
    {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        COMMENTS_DB: db,
        COMMENTS_ADDRESS_KEY: 'newsletter-postgres-test-key-0123456789abcdef',
        COMMENTS_SMTP_URL: sink.url,
        COMMENTS_MAIL_FROM: 'news@example.org',
        COMMENTS_SITE_URL: 'https://news.example.com/',
        COMMENTS_PUBLIC_URL: 'https://comments.example.com/',
        COMMENTS_NEWSLETTER_RHYTHMS: 'story',
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

const queuedBy = (output: string) => Number(/Queued (\d+) e-mail/.exec(output)?.[1] ?? NaN);

describe('the send command on one PostgreSQL from two instances', () => {
  it('queues and delivers each story once per subscriber, whichever instance gets there first', async () => {
    const db = await server.createDatabase();
    const store = await PostgresStore.open(db);
    const confirmedAt = new Date(Date.now() - 3600_000).toISOString();
    for (let n = 0; n < subscribers; n++) {
      const { subscriber } = await store.subscribe(
        { id: crypto.randomUUID(), email: `pg${n}@example.org`, rhythm: 'story', at: confirmedAt },
        confirmedAt,
      );
      await store.confirmSubscriber(subscriber.id, confirmedAt);
    }
    await store.close();
    const published = new Date(Date.now() - 60_000);
    const feed = await writeFeed(dir, [
      { id: 'pg-one', title: 'First story for two instances', published },
      { id: 'pg-two', title: 'Second story for two instances', published },
    ]);

    const [first, second] = await Promise.all([sendCommand(db, feed), sendCommand(db, feed)]);
    expect([first.code, second.code], `${first.output}\n${second.output}`).toEqual([0, 0]);
    expect(queuedBy(first.output) + queuedBy(second.output)).toBe(2 * subscribers);
    await expect.poll(() => sink.messages.length).toBe(2 * subscribers);
    const pairs = sink.messages.map((mail) => `${recipients(mail).join(',')}|${mail.subject}`);
    expect(new Set(pairs).size).toBe(2 * subscribers);

    const third = await sendCommand(db, feed);
    expect(third.code).toBe(0);
    expect(queuedBy(third.output)).toBe(0);
    expect(sink.messages).toHaveLength(2 * subscribers);
  });
});
