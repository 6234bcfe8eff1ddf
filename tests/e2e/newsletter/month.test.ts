import { describe, expect, it } from 'vitest';
import { newsletterLinks } from '../../../src/comment-service/newsletter/links.ts';
import { drainOutbox } from '../../../src/comment-service/mail/outbox.ts';
import { sendNewsletter } from '../../../src/comment-service/newsletter/send.ts';
import { storiesOf } from '../../../src/comment-service/newsletter/feed.ts';
import type { Mailer } from '../../../src/comment-service/mail/mailer.ts';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { jsonFeed, type FeedStory } from '../../support/newsletter.ts';

// A scripted month of October 2026 in Europe/London (with the end of summer time on the 25th):
// 2,000 readers subscribe over the month, half to every story and half to the 07:00 briefing;
// some never confirm, some unsubscribe midway; 90 stories are published; the send runs every hour
// and the outbox is delivered after each run. The expected mails are worked out here from the
// script alone, each reader and story at a time, and must match what was delivered exactly.

const hour = 3600_000;
const start = Date.UTC(2026, 9, 1, 0, 0);
const end = Date.UTC(2026, 10, 1, 0, 0);
const settings = {
  rhythms: ['story', 'daily'] as const,
  dailyHour: 7,
  timeZone: 'Europe/London',
  maxAgeHours: 48,
  name: 'The Meridian',
};

/** A deterministic pseudo-random sequence (mulberry32), so the month is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Reader {
  email: string;
  rhythm: 'story' | 'daily';
  subscribedAt: number;
  confirmedAt: number | null;
  unsubscribedAt: number | null;
  id?: string;
}

function script() {
  const next = random(28);
  const minuteIn = (from: number, to: number, minute: number) => {
    const hours = Math.floor((to - from) / hour);
    return from + Math.floor(next() * hours) * hour + minute * 60_000;
  };
  const readers: Reader[] = Array.from({ length: 2000 }, (_, n) => {
    const subscribedAt = minuteIn(start - 5 * 24 * hour, end - 24 * hour, 5);
    const confirms = next() > 0.1;
    const confirmedAt = confirms ? subscribedAt + 15 * 60_000 : null;
    const unsubscribedAt = confirms && next() < 0.15 ? minuteIn(Math.max(confirmedAt!, start), end, 50) : null;
    return {
      email: `reader${n}@example.org`,
      rhythm: n % 2 === 0 ? 'story' : 'daily',
      subscribedAt,
      confirmedAt,
      unsubscribedAt,
    };
  });
  const stories: FeedStory[] = Array.from({ length: 90 }, (_, n) => ({
    id: `story-${n}`,
    title: `Story ${n}`,
    published: new Date(minuteIn(start, end, next() < 0.5 ? 10 : 40)),
  }));
  return { readers, stories };
}

/** What the script says each rhythm must receive: [story mails, briefing mails]. */
function expectedMails(
  readers: Reader[],
  stories: FeedStory[],
): { story: number; daily: number; briefings: Set<string> } {
  const runAfter = (time: number) => Math.ceil(time / hour) * hour;
  const active = (reader: Reader, at: number) =>
    reader.confirmedAt !== null && (reader.unsubscribedAt === null || reader.unsubscribedAt > at);
  let story = 0;
  let daily = 0;
  const briefings = new Set<string>();
  for (const reader of readers.filter((r) => r.rhythm === 'story')) {
    for (const s of stories) {
      const published = s.published.getTime();
      if (reader.confirmedAt !== null && reader.confirmedAt <= published && active(reader, runAfter(published)))
        story++;
    }
  }
  // Briefings at 07:00 London: 06:00 UTC until the 25th (BST), 07:00 UTC from then on.
  for (let day = 1; day <= 31; day++) {
    const until = Date.UTC(2026, 9, day, day < 25 ? 6 : 7);
    const from = day === 1 ? Date.UTC(2026, 8, 30, 6) : day === 25 ? Date.UTC(2026, 9, 24, 6) : until - 24 * hour;
    const covered = stories.filter((s) => s.published.getTime() > from && s.published.getTime() <= until);
    for (const reader of readers.filter((r) => r.rhythm === 'daily')) {
      if (!active(reader, until) || reader.confirmedAt! > until) continue;
      if (covered.some((s) => s.published.getTime() >= reader.confirmedAt!)) {
        daily++;
        briefings.add(`2026-10-${String(day).padStart(2, '0')}`);
      }
    }
  }
  return { story, daily, briefings };
}

describe('a scripted month of the newsletter', () => {
  it('mails exactly what each rhythm is owed: none to the unconfirmed or unsubscribed, none twice', async () => {
    const { readers, stories } = script();
    const store = new SqliteStore(':memory:');
    const links = newsletterLinks('month-test-address-key-0123456789abcdef', () => 'https://comments.example.com/');
    const delivered: { to: string; subject: string; at: number }[] = [];
    let now = start;
    const mailer: Mailer = {
      send: async (mail) => void delivered.push({ to: mail.to, subject: mail.subject, at: now }),
    };
    const events = [
      ...readers.map((reader) => ({
        at: reader.subscribedAt,
        act: async () => {
          const { subscriber } = await store.subscribe(
            {
              id: crypto.randomUUID(),
              email: reader.email,
              rhythm: reader.rhythm,
              at: new Date(reader.subscribedAt).toISOString(),
            },
            new Date(reader.subscribedAt - 24 * hour).toISOString(),
          );
          reader.id = subscriber.id;
        },
      })),
      ...readers
        .filter((r) => r.confirmedAt !== null)
        .map((reader) => ({
          at: reader.confirmedAt!,
          act: async () =>
            void (await store.confirmSubscriber(reader.id!, new Date(reader.confirmedAt!).toISOString())),
        })),
      ...readers
        .filter((r) => r.unsubscribedAt !== null)
        .map((reader) => ({
          at: reader.unsubscribedAt!,
          act: async () =>
            void (await store.unsubscribeSubscriber(reader.id!, new Date(reader.unsubscribedAt!).toISOString())),
        })),
    ].sort((a, b) => a.at - b.at);
    const feed = storiesOf(jsonFeed(stories), 'the month feed');
    const ctx = { store, settings: { ...settings, rhythms: [...settings.rhythms] }, links };
    let queued = 0;
    for (now = start; now <= end; now += hour) {
      while (events.length > 0 && events[0]!.at <= now) await events.shift()!.act();
      queued += (
        await sendNewsletter(
          ctx,
          feed.filter((s) => s.published.getTime() <= now),
          now,
        )
      ).queued;
      // Confirmation mails were never queued here (the store alone was used), so the outbox holds the newsletter only.
      await drainOutbox(store, mailer, { mailFrom: 'news@example.org', mailRetrySeconds: 60 }, () => undefined);
    }
    await store.close();

    const expected = expectedMails(readers, stories);
    const storyMails = delivered.filter((mail) => mail.subject.startsWith('Story '));
    const briefingMails = delivered.filter((mail) => mail.subject.startsWith('The Meridian: the briefing of'));
    console.log(
      `scripted month: ${readers.length} readers (${readers.filter((r) => r.confirmedAt === null).length} never confirmed, ` +
        `${readers.filter((r) => r.unsubscribedAt !== null).length} unsubscribed midway), ${stories.length} stories: ` +
        `${storyMails.length} story mails, ${briefingMails.length} briefing mails on ${expected.briefings.size} days`,
    );
    expect(storyMails.length).toBe(expected.story);
    expect(briefingMails.length).toBe(expected.daily);
    expect(delivered.length).toBe(storyMails.length + briefingMails.length);
    expect(queued).toBe(delivered.length);
    expect(new Set(delivered.map((mail) => `${mail.to}|${mail.subject}`)).size).toBe(delivered.length);
    const byEmail = new Map(readers.map((reader) => [reader.email, reader]));
    for (const mail of delivered) {
      const reader = byEmail.get(mail.to)!;
      expect(reader.confirmedAt).not.toBeNull();
      expect(reader.unsubscribedAt === null || reader.unsubscribedAt > mail.at).toBe(true);
      expect(mail.subject.startsWith('Story ') ? 'story' : 'daily').toBe(reader.rhythm);
    }
  });
});
