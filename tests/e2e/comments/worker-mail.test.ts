/**
 * E-mail from the comment service as a Cloudflare Worker (src/comment-service/mail/worker-delivery.ts)
 * in the real workerd runtime: it opens TCP sockets (cloudflare:sockets) to a real SMTP server on
 * loopback and sends the newsletter's confirmation after POST /subscriptions, the newsletter's story
 * mails from its cron trigger reading a published JSON Feed (nothing twice), and comment notices.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteOrigin } from '../../support/comment-app.ts';
import { jsonFeed, linksIn, mailTo, siteUrl, type FeedStory } from '../../support/newsletter.ts';
import { headerLine, startSmtpSink, type SmtpSink } from '../../support/smtp-sink.ts';
import { startWorker, type WorkerService } from '../../support/worker.ts';

/** Where the links in the Worker's mails point; the tests follow them to the Worker on loopback. */
const publicUrl = 'https://comments.example.com/';

let sink: SmtpSink;
let feedServer: Server;
let feedUrl: string;
/** What the site's published feed holds at the moment. */
let published: FeedStory[] = [];

beforeAll(async () => {
  // A submission port as a provider's: mail only after AUTH (a password with characters a URL must escape).
  sink = await startSmtpSink({ user: 'worker@example.org', password: 'p@ss:w/rd 1%' });
  feedServer = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/feed+json' }).end(JSON.stringify(jsonFeed(published)));
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`;
});

afterAll(async () => {
  await sink?.close();
  await new Promise<void>((resolve) => feedServer?.close(() => resolve()));
});

function startMailingWorker(env: Record<string, string> = {}): Promise<WorkerService> {
  return startWorker({
    COMMENTS_SMTP_URL: sink.url,
    COMMENTS_MAIL_FROM: 'The Meridian <news@example.org>',
    COMMENTS_SITE_URL: siteUrl,
    COMMENTS_PUBLIC_URL: publicUrl,
    COMMENTS_NEWSLETTER_NAME: 'The Meridian',
    COMMENTS_NEWSLETTER_FEED_URL: feedUrl,
    COMMENTS_MAIL_RETRY_SECONDS: '1',
    ...env,
  });
}

const subscribe = (worker: WorkerService, email: string) =>
  worker.request('/subscriptions', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', Origin: siteOrigin },
    body: new URLSearchParams({ email, rhythm: 'story' }),
  });

/** A link of a mail, followed to the Worker (the mail names its public address). */
const onWorker = (link: string) => {
  const url = new URL(link);
  expect(url.origin).toBe(new URL(publicUrl).origin);
  return url.pathname + url.search;
};

/** Confirms from the confirmation mail as a reader does: opens the link, presses the one button. */
async function confirmFromMail(worker: WorkerService, mail: ParsedMail): Promise<void> {
  const [link] = linksIn(mail);
  expect(link).toContain('confirm');
  const page = await (await worker.request(onWorker(link!))).text();
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
  expect(token).toBeTruthy();
  const confirmed = await worker.request('/newsletter/confirm', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: token! }),
  });
  expect(confirmed.status).toBe(200);
}

/** Runs the Worker's cron trigger (Miniflare's local endpoint) and waits for its answer. */
async function runCron(worker: WorkerService): Promise<void> {
  const response = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`);
  expect(response.status).toBe(200);
}

const countOf = async (worker: WorkerService, sql: string) =>
  (await worker.d1.prepare(sql).bind().all<{ n: number }>()).results[0]!.n;

const unsentMails = (worker: WorkerService) =>
  countOf(worker, 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');

/** Every mail the outbox ever held (sent ones stay as rows without address or text). */
const outboxSize = (worker: WorkerService) => countOf(worker, 'SELECT count(*) AS n FROM outbox');

describe('the Worker sends e-mail over SMTP', () => {
  it('mails the confirmation with its confirm link after POST /subscriptions', async () => {
    const worker = await startMailingWorker();
    try {
      const response = await subscribe(worker, 'reader.one@example.net');
      expect(response.status).toBe(202);
      const mail = await sink.waitFor(mailTo('reader.one@example.net'));
      expect(mail.from?.value[0]).toMatchObject({ name: 'The Meridian', address: 'news@example.org' });
      const links = linksIn(mail);
      expect(links).toHaveLength(1);
      expect(new URL(links[0]!).pathname).toBe('/newsletter/confirm');
      expect(links[0]).toMatch(/[?&]token=/);
    } finally {
      await worker.close();
    }
  });

  it('sends each new story of the published feed from its cron trigger, with one-click unsubscribe, and nothing twice', async () => {
    const worker = await startMailingWorker();
    const readers = ['story.a@example.net', 'story.b@example.net', 'story.c@example.net'];
    try {
      for (const reader of readers) {
        expect((await subscribe(worker, reader)).status).toBe(202);
        await confirmFromMail(worker, await sink.waitFor(mailTo(reader)));
      }
      const now = new Date();
      published = [
        { id: 'worker-story-one', title: 'Tide tables rewritten after the storm', published: now },
        // A headline as real ones come: another script, and longer than one encoded header word may be.
        {
          id: 'worker-story-two',
          title: 'روسيا تعيد تأكيد تعميق العلاقات مع ميانمار بعد زيارة لافروف إلى نايبيداو: Überraschungsbesuch',
          published: now,
          image: `${siteUrl}img/harbour.jpg`,
        },
      ];
      const storyMails = () => sink.messages.filter((mail) => published.some((story) => mail.subject === story.title));
      await runCron(worker);
      // The cron trigger's run ends when its work does (waitUntil): the outbox is empty by its answer.
      expect(await unsentMails(worker)).toBe(0);
      await expect.poll(() => storyMails().length).toBe(readers.length * published.length);
      for (const mail of storyMails()) {
        expect(headerLine(mail, 'List-Unsubscribe-Post')).toMatch(
          /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/i,
        );
        expect(headerLine(mail, 'List-Unsubscribe')).toMatch(
          /^List-Unsubscribe: <https:\/\/comments\.example\.com\/[^>]+>$/i,
        );
        expect(mail.html).toBeTruthy();
        expect(mail.text).toContain(`${siteUrl}articles/`);
      }
      for (const reader of readers) expect(storyMails().filter(mailTo(reader))).toHaveLength(published.length);

      // The second run finds the stories sent: it queues nothing, and the outbox is empty when its answer comes.
      await runCron(worker);
      expect(await unsentMails(worker)).toBe(0);
      expect(await outboxSize(worker)).toBe(readers.length + readers.length * published.length);
      expect(storyMails()).toHaveLength(readers.length * published.length);

      // One click on the header's link, as a mail client does (RFC 8058), and the next story skips that reader.
      const first = storyMails().find(mailTo(readers[0]!))!;
      const oneClick = /<([^>]+)>$/.exec(headerLine(first, 'List-Unsubscribe'))![1]!;
      const left = await worker.request(onWorker(oneClick), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(left.status).toBe(200);
      published = [...published, { id: 'worker-story-three', title: 'Ferries run again', published: new Date() }];
      await runCron(worker);
      await expect.poll(() => storyMails().length).toBe(readers.length * 2 + readers.length - 1);
      expect(storyMails().filter(mailTo(readers[0]!))).toHaveLength(2);
    } finally {
      await worker.close();
    }
  });

  it('mails the moderators a comment that waits, and retries a mail the server refused', async () => {
    const worker = await startMailingWorker({ COMMENTS_MODERATOR_EMAILS: 'editor@example.org' });
    try {
      sink.refuseNext(1);
      const posted = await worker.postComment({
        article: 'worker-article',
        comment: 'A comment that waits for the editor',
        name: 'Ines',
      });
      expect(posted.status).toBe(201);
      // Refused once, the mail waits in the outbox (one second here); the cron trigger sends it then.
      await expect
        .poll(async () => {
          if (!sink.messages.some(mailTo('editor@example.org'))) await runCron(worker);
          return sink.messages.filter(mailTo('editor@example.org')).length;
        })
        .toBe(1);
      const mail = sink.messages.find(mailTo('editor@example.org'))!;
      expect(mail.subject).toBe('Comment waiting: “worker-article”');
      expect(mail.text).toContain('A comment that waits for the editor');
      expect(mail.text).toMatch(/Approve: https:\/\/comments\.example\.com\/mail\/moderate\?token=/);
      const attempts = await worker.d1
        .prepare('SELECT attempts FROM outbox WHERE sent_at IS NOT NULL')
        .bind()
        .all<{ attempts: number }>();
      expect(attempts.results.map((row) => row.attempts)).toEqual([1]);
    } finally {
      await worker.close();
    }
  });

  it("queues the moderators' digest on its cron trigger and sends it once", async () => {
    const worker = await startMailingWorker({
      COMMENTS_MODERATOR_EMAILS: 'night@example.org',
      COMMENTS_MAIL_DIGEST_MINUTES: '60',
    });
    try {
      for (const comment of ['First for the digest', 'Second for the digest']) {
        const posted = await worker.postComment({ article: 'worker-article', comment, name: 'Jo' });
        expect(posted.status).toBe(201);
      }
      // With a digest, waiting comments are not mailed one by one: nothing is queued until the cron trigger.
      expect(await outboxSize(worker)).toBe(0);
      await runCron(worker);
      const digest = await sink.waitFor(mailTo('night@example.org'));
      expect(digest.subject).toBe('2 comments waiting for moderation');
      expect(digest.text).toContain('First for the digest');
      await runCron(worker);
      expect(await outboxSize(worker)).toBe(1);
      expect(sink.messages.filter(mailTo('night@example.org'))).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });
});
