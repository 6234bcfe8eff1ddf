/**
 * How fast the Cloudflare Worker sends a newsletter burst: the Worker in local workerd (Miniflare,
 * the bundle `wrangler deploy` uploads, D1 migrated by wrangler; tests/support/worker.ts), N
 * confirmed subscribers written into its D1, one new story in a feed on loopback, and one run of its
 * cron trigger, which queues the story's N mails and sends them over one SMTP connection (TCP
 * sockets, worker-mailer) to a real SMTP server on loopback that requires login (smtp-server, in this
 * process: it parses every mail, which costs this machine's CPU too). Local workerd is not
 * Cloudflare: the figure shows the Worker's own cost per mail, not a production rate.
 *
 *   node --experimental-strip-types tools/worker-newsletter-send.ts [--subscribers N]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { emailKey } from '../src/comment-service/store/email-key.ts';
import { jsonFeed, siteUrl } from '../tests/support/newsletter.ts';
import { startSmtpSink } from '../tests/support/smtp-sink.ts';
import { startWorker } from '../tests/support/worker.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '1000' } } });
const count = Number(values.subscribers);

const sink = await startSmtpSink({ user: 'worker@example.org', password: 'bench-password' });
const story = { id: 'burst-story', title: 'The burst story', published: new Date() };
const feed = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/feed+json' }).end(JSON.stringify(jsonFeed([story])));
});
await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
const worker = await startWorker({
  COMMENTS_SMTP_URL: sink.url,
  COMMENTS_MAIL_FROM: 'The Meridian <news@example.org>',
  COMMENTS_SITE_URL: siteUrl,
  COMMENTS_PUBLIC_URL: 'https://comments.example.com/',
  COMMENTS_NEWSLETTER_FEED_URL: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.json`,
});
try {
  // Ten subscribers per statement: 50 bound values, under D1's 100.
  const confirmed = new Date(Date.now() - 3600_000).toISOString();
  for (let first = 0; first < count; first += 10) {
    const rows = Array.from({ length: Math.min(10, count - first) }, (_, n) => `reader${first + n}@example.org`);
    await worker.d1
      .prepare(
        `INSERT INTO subscribers (id, email, email_key, rhythm, status, created_at, confirmed_at) VALUES ${rows
          .map(() => "(?, ?, ?, 'story', 'confirmed', ?, ?)")
          .join(', ')}`,
      )
      .bind(...rows.flatMap((email) => [crypto.randomUUID(), email, emailKey(email), confirmed, confirmed]))
      .run();
  }
  const started = performance.now();
  const response = await fetch(`${worker.url}/cdn-cgi/local/scheduled`);
  const seconds = (performance.now() - started) / 1000;
  const received = sink.messages.filter((mail) => mail.subject === story.title).length;
  console.log(
    `cron run: ${response.status}, ${received} of ${count} mails received in ${seconds.toFixed(1)} s ` +
      `(${(received / seconds).toFixed(0)} mails/s, queuing included)`,
  );
} finally {
  await worker.close();
  await sink.close();
  feed.close();
}
