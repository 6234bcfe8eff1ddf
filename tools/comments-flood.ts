/**
 * Spam defence and e-mail figures for the comment service, as reported in docs/comments.md:
 *
 * 1. flood: a scripted flood of spam-like posts (duplicates, link stuffing, instant posts,
 *    honeypot fills, bursts from one address, a blocked sender, and "careful" spam that looks
 *    human) mixed with real readers' comments, against the service process over HTTP; counts how
 *    many spam posts were stopped (refused, dropped or filed as spam) and how many real ones
 *    reached the moderation queue.
 * 2. mail: a scripted day of 500 comments and 100 replies (a third of the commenters ask to be told
 *    of replies), every comment approved, with two moderators: the e-mails a real SMTP server on
 *    loopback received, with one e-mail per waiting comment (service process), and with an hourly
 *    digest (the same store and notifier in-process, the day's clock simulated).
 *
 *   node --experimental-strip-types tools/comments-flood.ts [--only flood,mail]
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createNotifier } from '../src/comment-service/mail/notifications.ts';
import { deliverDue } from '../src/comment-service/mail/outbox.ts';
import { createSigner } from '../src/comment-service/signing.ts';
import { smtpMailer } from '../src/comment-service/mail/smtp-mailer.ts';
import { SqliteStore } from '../src/comment-service/store/sqlite-store.ts';
import { adminToken, siteOrigin } from '../tests/support/comment-app.ts';
import { startServiceProcess } from '../tests/support/comment-service.ts';
import { random } from '../tests/support/hostile-payloads.ts';
import { recipients, startSmtpSink, type SmtpSink } from '../tests/support/smtp-sink.ts';

/** The service process; readers arrive through a proxy on loopback, so that each has an address of their own. */
const startService = (env: Record<string, string>) =>
  startServiceProcess({ COMMENTS_TRUST_PROXY: '127.0.0.1', COMMENTS_DUPLICATE_HOURS: '24', ...env });

const { values } = parseArgs({ options: { only: { type: 'string', default: 'flood,mail' } } });
const measure = new Set(values.only!.split(','));
const article = 'flood-article';
const moderators = ['desk@example.org', 'night@example.org'];

const next = random(14);
const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
/** A client of its own network: the service counts and hashes clients by /24. */
const address = (n: number) => `10.${(n >> 8) & 255}.${n & 255}.1`;

async function post(url: string, client: string, fields: Record<string, string>, form = false) {
  const headers: Record<string, string> = {
    Origin: siteOrigin,
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Forwarded-For': client,
  };
  if (!form) headers.Accept = 'application/json';
  const response = await fetch(`${url}/comments`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ article, redirect: `${siteOrigin}/articles/${article}/`, ...fields }),
    redirect: 'manual',
  });
  const body = form ? null : ((await response.json()) as { id?: string });
  return { status: response.status, location: response.headers.get('location'), id: body?.id };
}

const adminJson = async (url: string, method: string, pathname: string) =>
  (await fetch(`${url}${pathname}`, { method, headers: { Authorization: `Bearer ${adminToken}` } })).json();

const words =
  'the council vote budget river bridge school harbour winter election transport museum doctors farmers market'.split(
    ' ',
  );
const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');

type Fields = Record<string, string>;

/** One kind of spam in the flood: how many posts, from which address, with which fields. */
interface SpamKind {
  kind: string;
  count: number;
  fields: (index: number) => Fields;
  /** A plain form post, as a script-less bot sends. */
  plain?: boolean;
  /** The same address for every post of this kind (otherwise a fresh one each). */
  oneAddress?: boolean;
}

function spamKinds(blocked: string): SpamKind[] {
  const pitch = 'Cheap watches and pills at https://spam.example/buy';
  const seoLinks = (index: number) =>
    Array.from({ length: 3 + (index % 8) }, (_, n) => `https://seo${n}.example/${index}`).join(' ');
  return [
    {
      kind: 'the same text again and again, from 200 addresses',
      count: 200,
      fields: (index) => ({ name: `Bot ${index}`, comment: pitch, elapsed: '15000' }),
    },
    {
      kind: 'link stuffing (3 to 10 links)',
      count: 200,
      fields: (index) => ({
        name: `SEO ${index}`,
        comment: `Great post ${index}! ${seoLinks(index)}`,
        elapsed: '12000',
      }),
    },
    {
      kind: 'posted within 3 s of the page loading',
      count: 200,
      fields: (index) => ({
        name: `Fast ${index}`,
        comment: `Nice article ${index} ${sentence(5)}`,
        elapsed: String(50 + index),
      }),
    },
    {
      kind: 'honeypot filled (plain form posts)',
      count: 200,
      plain: true,
      fields: (index) => ({ name: `Filler ${index}`, comment: `Visit us ${index}`, hp: 'http://spam.example' }),
    },
    {
      kind: 'a burst of 200 from one address',
      count: 200,
      oneAddress: true,
      fields: (index) => ({ name: `Burst ${index}`, comment: `burst ${index} ${sentence(6)}`, elapsed: '8000' }),
    },
    {
      kind: 'a blocked e-mail address',
      count: 100,
      fields: (index) => ({
        name: `Casino ${index}`,
        email: blocked,
        comment: `Jackpot ${index} ${sentence(6)}`,
        elapsed: '30000',
      }),
    },
    {
      kind: 'careful spam: unique text, one link, human timing, fresh address',
      count: 200,
      fields: (index) => ({
        name: `Shopper ${index}`,
        comment: `${sentence(15)} see https://shop${index}.example`,
        elapsed: String(40_000 + index * 100),
      }),
    },
  ];
}

/** Real readers' comments: 200 through the page script, 20 plain form posts from readers without JavaScript. */
function realCommentJobs(url: string, nextAddress: () => string, real: { sent: number }): (() => Promise<void>)[] {
  const jobs: (() => Promise<void>)[] = [];
  for (let index = 0; index < 200; index++) {
    jobs.push(async () => {
      const links = next() < 0.3 ? ` More at https://example.org/${index}` : '';
      await post(url, nextAddress(), {
        name: `Reader ${index}`,
        email: next() < 0.6 ? `reader${index}@example.net` : '',
        comment: `${sentence(8 + Math.floor(next() * 40))}, comment ${index}.${links}`,
        elapsed: String(20_000 + Math.floor(next() * 600_000)),
      });
      real.sent++;
    });
  }
  for (let index = 0; index < 20; index++) {
    jobs.push(async () => {
      const fields = { name: `Offline ${index}`, comment: `${sentence(12)}, posted without script ${index}.` };
      await post(url, nextAddress(), fields, true);
      real.sent++;
    });
  }
  return jobs;
}

async function flood() {
  const service = await startService({});
  const { url } = service;
  let client = 1;
  const nextAddress = () => address(client++);
  const spam: Record<string, { sent: number; stopped: number }> = {};
  const real = { sent: 0, queued: 0 };
  // What counts is what reaches the moderation queue: a honeypot post is answered as accepted but
  // stored nowhere, a blocked sender's post is filed as spam. Each kind is told apart by its names.
  const kindOfName = new Map<string, string>();

  // A moderator blocked one spammer's address earlier in the day.
  const blocked = 'casino-deals@spam.example';

  const jobs = realCommentJobs(url, nextAddress, real);
  for (const kind of spamKinds(blocked)) {
    spam[kind.kind] = { sent: 0, stopped: 0 };
    const sameAddress = nextAddress();
    for (let index = 0; index < kind.count; index++) {
      jobs.push(async () => {
        const fields = kind.fields(index);
        spam[kind.kind]!.sent++;
        kindOfName.set(fields.name!, kind.kind);
        await post(url, kind.oneAddress ? sameAddress : nextAddress(), fields, kind.plain ?? false);
      });
    }
  }

  // The block is set through the database the service uses, as the moderation page does.
  const db = new SqliteStore(service.db);
  await db.block('email', blocked, new Date().toISOString());
  await db.close();

  // Interleaved, ten at a time, as a flood arrives.
  for (let index = jobs.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [jobs[index], jobs[other]] = [jobs[other]!, jobs[index]!];
  }
  for (let start = 0; start < jobs.length; start += 10)
    await Promise.all(jobs.slice(start, start + 10).map((job) => job()));

  const queued = (await adminJson(url, 'GET', '/admin/comments?status=pending')).comments as { name: string }[];
  for (const counts of Object.values(spam)) counts.stopped = counts.sent;
  for (const { name } of queued) {
    const kind = kindOfName.get(name);
    if (kind) spam[kind]!.stopped--;
    else if (/^(Reader|Offline) /.test(name)) real.queued++;
  }
  await service.stop();
  reportFlood(spam, real);
}

function reportFlood(spam: Record<string, { sent: number; stopped: number }>, real: { sent: number; queued: number }) {
  console.log(
    '\nFlood: spam-like posts stopped (refused, dropped or filed as spam), real comments that reached the queue',
  );
  const line = (label: string, count: number, rest: string) =>
    console.log(`  ${label.padEnd(68)} ${String(count).padStart(4)} ${rest}`);
  let sent = 0;
  let stopped = 0;
  for (const [kind, counts] of Object.entries(spam)) {
    line(kind, counts.stopped, `of ${counts.sent} stopped`);
    sent += counts.sent;
    stopped += counts.stopped;
  }
  line('all spam-like posts', stopped, `of ${sent} stopped (${((100 * stopped) / sent).toFixed(1)} %)`);
  line('real comments (200 with the script, 20 plain form posts)', real.queued, `of ${real.sent} reached the queue`);
}

interface DayPlan {
  comments: { name: string; email: string | null; notify: boolean; text: string }[];
  replies: { to: number; name: string; email: string | null; text: string }[];
}

function planDay(): DayPlan {
  const comments = Array.from({ length: 500 }, (_, index) => {
    const email = next() < 0.7 ? `commenter${index}@example.net` : null;
    return {
      name: `Commenter ${index}`,
      email,
      notify: email !== null && next() < 0.45,
      text: `${sentence(10)} (${index})`,
    };
  });
  const replies = Array.from({ length: 100 }, (_, index) => ({
    to: Math.floor(next() * 500),
    name: `Replier ${index}`,
    email: next() < 0.5 ? `replier${index}@example.net` : null,
    text: `In reply: ${sentence(8)} (${index})`,
  }));
  return { comments, replies };
}

function countMail(smtp: SmtpSink, plan: DayPlan) {
  const toModerators = smtp.messages.filter((mail) =>
    recipients(mail).some((to) => moderators.includes(to ?? '')),
  ).length;
  const toReaders = smtp.messages.length - toModerators;
  const askers = plan.comments.filter((comment) => comment.notify).length;
  const repliesToAskers = plan.replies.filter(
    (reply) => plan.comments[reply.to]!.notify && plan.comments[reply.to]!.email !== reply.email,
  ).length;
  return { toModerators, toReaders, askers, repliesToAskers };
}

/** One e-mail per waiting comment: the service process, over HTTP and SMTP. */
async function mailPerComment(plan: DayPlan) {
  const smtp = await startSmtpSink();
  const service = await startService({
    COMMENTS_SMTP_URL: smtp.url,
    COMMENTS_MAIL_FROM: 'comments@example.org',
    COMMENTS_MODERATOR_EMAILS: moderators.join(','),
    COMMENTS_SITE_URL: `${siteOrigin}/`,
    COMMENTS_RATE_LIMIT: '0',
  });
  const ids: string[] = [];
  for (const [index, comment] of plan.comments.entries()) {
    const outcome = await post(service.url, address(index + 1), {
      name: comment.name,
      email: comment.email ?? '',
      notify: comment.notify ? 'on' : '',
      comment: comment.text,
      elapsed: '60000',
    });
    ids.push(outcome.id!);
    await adminJson(service.url, 'POST', `/admin/comments/${outcome.id}/approve`);
  }
  for (const [index, reply] of plan.replies.entries()) {
    const outcome = await post(service.url, address(1000 + index), {
      name: reply.name,
      email: reply.email ?? '',
      comment: reply.text,
      parent: ids[reply.to]!,
      elapsed: '60000',
    });
    await adminJson(service.url, 'POST', `/admin/comments/${outcome.id}/approve`);
  }
  // Until the outbox is empty, as the service's database says.
  const reader = new SqliteStore(service.db);
  const started = Date.now();
  while ((await reader.unsentMailCount()) > 0 && Date.now() - started < 300_000)
    await new Promise((resolve) => setTimeout(resolve, 250));
  await reader.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const each = countMail(smtp, plan);
  await service.stop();
  await smtp.close();
  return each;
}

/** An hourly digest: the same store, notifier and outbox in-process, the day's clock simulated. */
async function mailDigest(plan: DayPlan) {
  const digestSmtp = await startSmtpSink();
  const store = new SqliteStore(path.join(await mkdtemp(path.join(os.tmpdir(), 'comments-digest-')), 'comments.db'));
  const notifier = createNotifier(
    store,
    createSigner('k'.repeat(32), 'mail-links'),
    {
      enabled: true,
      moderatorEmails: moderators,
      digestMinutes: 60,
      siteUrl: `${siteOrigin}/`,
      serviceUrl: () => 'http://127.0.0.1:8787/',
    },
    undefined,
    () => undefined,
  );
  const mailer = smtpMailer(digestSmtp.url);
  const day = Date.parse('2026-11-27T00:00:00Z');
  await store.setMarker('digest', new Date(day).toISOString());
  const times = plan.comments.map(() => day + next() * 86_400_000).sort((a, b) => a - b);
  // A reply comes after the comment it answers, the same replies to the same comments as above.
  const replyTimes = plan.replies.map(
    (reply) => times[reply.to]! + 1 + next() * (day + 86_400_000 - times[reply.to]! - 2),
  );
  let hour = day + 3_600_000;
  /** The hourly digest goes out; the moderator then approves what it listed (replies notify who asked). */
  const digestHour = async () => {
    await notifier.sendDigest(hour);
    const { items } = await store.queue({ status: 'pending', article: null, search: null, offset: 0, limit: 10_000 });
    for (const item of items) {
      await store.setStatus(item.id, 'approved');
      await notifier.commentApproved(item.id);
    }
    hour += 3_600_000;
  };
  const events = [
    ...times.map((at, index) => ({ at, index, reply: false })),
    ...replyTimes.map((at, index) => ({ at, index, reply: true })),
  ].sort((a, b) => a.at - b.at);
  for (const event of events) {
    while (event.at >= hour) await digestHour();
    await store.insert(dayComment(plan, event));
  }
  while (hour <= day + 86_400_000) await digestHour();
  while ((await store.unsentMailCount()) > 0)
    await deliverDue(store, mailer, { from: 'comments@example.org', log: console.error, firstRetryMs: 60_000 });
  const digest = countMail(digestSmtp, plan);
  mailer.close();
  await store.close();
  await digestSmtp.close();
  return digest;
}

/** The stored row for one comment or reply of the day plan, posted at the event's time (a reply's parent has id c-c-N). */
function dayComment(plan: DayPlan, event: { at: number; index: number; reply: boolean }) {
  const source = event.reply ? plan.replies[event.index]! : plan.comments[event.index]!;
  return {
    id: `c-${event.reply ? 'r' : 'c'}-${event.index}`,
    article,
    parent: event.reply ? `c-c-${plan.replies[event.index]!.to}` : null,
    name: source.name,
    email: source.email,
    website: null,
    comment: source.text,
    status: 'pending' as const,
    ipHash: null,
    createdAt: new Date(event.at).toISOString(),
    idempotencyKey: null,
    notify: 'notify' in source ? source.notify : false,
  };
}

async function mailDay() {
  const plan = planDay();
  const each = await mailPerComment(plan);
  const digest = await mailDigest(plan);

  console.log(
    `\nMail for a day of ${plan.comments.length} comments and ${plan.replies.length} replies, ` +
      `${moderators.length} moderators, ${each.askers} commenters asking for replies`,
  );
  console.log(
    `  one e-mail per waiting comment: ${each.toModerators} to moderators, ${each.toReaders} reply notices ` +
      `(replies to commenters who asked, not their own: ${each.repliesToAskers})`,
  );
  console.log(
    `  hourly digest:                  ${digest.toModerators} to moderators, ${digest.toReaders} reply notices`,
  );
}

if (measure.has('flood')) await flood();
if (measure.has('mail')) await mailDay();
