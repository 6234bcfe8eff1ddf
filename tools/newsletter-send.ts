/**
 * Time and peak memory to send one story to 10,000 subscribers: `npm run newsletter -- send` as
 * the publisher runs it, on a SQLite database of confirmed subscribers, through one pooled SMTP
 * connection (smtp-mailer.ts) to a real SMTP server on loopback (smtp-server, in this process,
 * not measured). Two steps, each a process of its own: queuing (`--queue-only`), then delivering
 * the outbox. Peak memory is the process's maximum resident set size (getrusage).
 *
 *   node --experimental-strip-types tools/newsletter-send.ts [--subscribers N]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { emailKey } from '../src/comment-service/store/email-key.ts';
import { SqliteStore } from '../src/comment-service/store/sqlite-store.ts';
import { writeFeed } from '../tests/support/newsletter.ts';
import { projectRoot } from '../tests/support/project.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' } } });
const count = Number(values.subscribers);

/** An SMTP server that counts what it accepts (and reads every byte of it). */
async function countingServer() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Confirmed subscribers, written in one transaction (the store's own path is one statement each). */
function seed(db: string) {
  void new SqliteStore(db).close(); // creates the schema
  const sqlite = new DatabaseSync(db);
  const confirmed = new Date(Date.now() - 3600_000).toISOString();
  const insert = sqlite.prepare(
    "INSERT INTO subscribers (id, email, email_key, rhythm, status, created_at, confirmed_at) VALUES (?, ?, ?, 'story', 'confirmed', ?, ?)",
  );
  sqlite.exec('BEGIN');
  for (let n = 0; n < count; n++) {
    const email = `reader${n}@example.org`;
    insert.run(crypto.randomUUID(), email, emailKey(email), confirmed, confirmed);
  }
  sqlite.exec('COMMIT');
  sqlite.close();
}

/** Runs the send command; its wall time, peak RSS and output. */
function run(args: string[], env: Record<string, string>) {
  const started = performance.now();
  const report = "process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))";
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--import',
      `data:text/javascript,${encodeURIComponent(report)}`,
      'src/cli/newsletter.ts',
      'send',
      ...args,
    ],
    { cwd: projectRoot, env: { PATH: process.env.PATH, ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise<{ seconds: number; maxRssMb: number; output: string; code: number | null }>((resolve) =>
    child.on('exit', (code) =>
      resolve({
        seconds: (performance.now() - started) / 1000,
        maxRssMb: Number(/maxrss (\d+)/.exec(output)?.[1] ?? NaN) / 1024,
        output: output.replace(/maxrss \d+\n/, '').trim(),
        code,
      }),
    ),
  );
}

const dir = await mkdtemp(path.join(process.env.NEWSLETTER_SEND_DIR ?? os.tmpdir(), 'static-news-newsletter-send-'));
const sink = await countingServer();
try {
  const db = path.join(dir, 'comments.db');
  seed(db);
  const feed = await writeFeed(dir, [
    {
      id: 'measured-story',
      title: 'One story for everyone',
      published: new Date(),
      image: 'https://news.example.com/_astro/hero.jpg',
    },
  ]);
  const env = {
    COMMENTS_DB: db,
    COMMENTS_SMTP_URL: sink.url,
    COMMENTS_MAIL_FROM: 'The Meridian <news@example.org>',
    COMMENTS_SITE_URL: 'https://news.example.com/',
    COMMENTS_PUBLIC_URL: 'https://comments.example.com/',
    COMMENTS_NEWSLETTER_RHYTHMS: 'story',
  };
  const queue = await run(['--feed', feed, '--queue-only'], env);
  const deliver = await run(['--feed', feed], env);
  if (queue.code !== 0 || deliver.code !== 0 || sink.received() !== count)
    throw new Error(`the send did not complete:\n${queue.output}\n${deliver.output}\nreceived ${sink.received()}`);
  console.log(
    `${count} subscribers, one story, SQLite, one pooled SMTP connection on loopback (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  const line = (step: string, result: Awaited<ReturnType<typeof run>>, extra = '') =>
    `  ${step} ${result.seconds.toFixed(1)} s, peak RSS ${result.maxRssMb.toFixed(0)} MB (${result.output.split('\n').at(-1)})${extra}`;
  console.log(line('queue:  ', queue));
  console.log(line('deliver:', deliver, `, ${(count / deliver.seconds).toFixed(0)} mails/s`));
} finally {
  await sink.close();
  await rm(dir, { recursive: true, force: true });
}
