/**
 * `npm run newsletter -- send` at its core: the stories of the published feed that no earlier run
 * sent, to the confirmed subscribers of each rhythm, through the outbox. Each story is one send,
 * each day's briefing another (newsletter_sends); each mail's dedupe key is the subscriber and the
 * send, so a second run, or a second instance on the same PostgreSQL at the same moment, queues
 * nothing twice. A story goes to those who confirmed before it was published; stories older than
 * COMMENTS_NEWSLETTER_MAX_AGE_HOURS are left (a first run does not mail the archive).
 */
import type { Rhythm } from '../../newsletter/protocol.ts';
import type { NewsletterSettings } from '../settings.ts';
import type { NewsletterMail, NewsletterRecords, Subscriber } from '../store/newsletter-records.ts';
import { latestBriefing } from './briefing-time.ts';
import type { Story } from './feed.ts';
import type { NewsletterLinks } from './links.ts';
import { briefingMail, storyMail, unsubscribeHeaders, type MailParts } from './mails.ts';

/** Subscribers read and mails queued per step. */
const pageSize = 500;

export type SendStore = Pick<NewsletterRecords, 'beginSend' | 'queueSendMails' | 'completeSend' | 'recipients'>;

export interface SendContext {
  store: SendStore;
  settings: Pick<NewsletterSettings, 'rhythms' | 'dailyHour' | 'timeZone' | 'maxAgeHours' | 'name'>;
  links: Pick<NewsletterLinks, 'url'>;
}

export interface SendReport {
  /** Mails this run queued. */
  queued: number;
  /** The sends this run worked on, with what it queued for each. */
  sends: { key: string; queued: number }[];
}

/** Queues one send: `write` makes a subscriber's mail (null: nothing for them). */
async function runSend(
  ctx: SendContext,
  send: { key: string; rhythm: Rhythm; title: string; confirmedBy: string },
  write: (subscriber: Subscriber, unsubscribeUrl: string) => MailParts | null,
  now: number,
): Promise<number> {
  const nowIso = new Date(now).toISOString();
  if (!(await ctx.store.beginSend(send, nowIso))) return 0;
  let queued = 0;
  let afterId = '';
  for (;;) {
    const page = await ctx.store.recipients(send.rhythm, send.confirmedBy, afterId, pageSize);
    if (page.length === 0) break;
    afterId = page.at(-1)!.id;
    const mails: NewsletterMail[] = [];
    for (const subscriber of page) {
      const unsubscribeUrl = await ctx.links.url('unsubscribe', subscriber.id, now);
      const parts = write(subscriber, unsubscribeUrl);
      if (!parts) continue;
      mails.push({
        ...parts,
        to: subscriber.email,
        headers: unsubscribeHeaders(unsubscribeUrl),
        dedupeKey: `nl:${subscriber.id}:${send.key}`,
      });
    }
    queued += await ctx.store.queueSendMails(send.key, mails, nowIso);
  }
  await ctx.store.completeSend(send.key, new Date().toISOString());
  return queued;
}

/** The story rhythm: each fresh story once, to those confirmed before it was published. */
async function sendStories(ctx: SendContext, stories: readonly Story[], now: number, record: Recorder): Promise<void> {
  const { settings } = ctx;
  const oldest = now - settings.maxAgeHours * 3600_000;
  const fresh = stories
    .filter((story) => story.published.getTime() >= oldest)
    .sort((a, b) => a.published.getTime() - b.published.getTime());
  for (const story of fresh) {
    const send = { key: `story:${story.id}`, rhythm: 'story' as const, title: story.title };
    const confirmedBy = story.published.toISOString();
    record(
      send.key,
      await runSend(
        ctx,
        { ...send, confirmedBy },
        (_, unsubscribe) => storyMail(settings.name, story, unsubscribe),
        now,
      ),
    );
  }
}

/** The daily rhythm: the latest briefing due, once, with the stories each reader had not yet been subscribed for left out. */
async function sendBriefing(ctx: SendContext, stories: readonly Story[], now: number, record: Recorder): Promise<void> {
  const { settings } = ctx;
  const briefing = latestBriefing(now, settings.dailyHour, settings.timeZone);
  const covered = stories
    .filter((story) => story.published.getTime() > briefing.from && story.published.getTime() <= briefing.until)
    .sort((a, b) => b.published.getTime() - a.published.getTime());
  if (covered.length === 0) return;
  const send = {
    key: `daily:${briefing.date}`,
    rhythm: 'daily' as const,
    title: `Briefing of ${briefing.date}`,
    confirmedBy: new Date(briefing.until).toISOString(),
  };
  record(
    send.key,
    await runSend(
      ctx,
      send,
      (subscriber, unsubscribe) => {
        const confirmed = Date.parse(subscriber.confirmedAt ?? '');
        const theirs = covered.filter((story) => story.published.getTime() >= confirmed);
        return theirs.length === 0 ? null : briefingMail(settings.name, briefing.date, theirs, unsubscribe);
      },
      now,
    ),
  );
}

type Recorder = (key: string, queued: number) => void;

/** Sends what is due at `now` from the feed's stories; returns what it queued. */
export async function sendNewsletter(
  ctx: SendContext,
  stories: readonly Story[],
  now = Date.now(),
): Promise<SendReport> {
  const report: SendReport = { queued: 0, sends: [] };
  const record: Recorder = (key, queued) => {
    report.queued += queued;
    report.sends.push({ key, queued });
  };
  const published = stories.filter((story) => story.published.getTime() <= now);
  if (ctx.settings.rhythms.includes('story')) await sendStories(ctx, published, now, record);
  if (ctx.settings.rhythms.includes('daily')) await sendBriefing(ctx, published, now, record);
  return report;
}
