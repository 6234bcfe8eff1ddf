/**
 * What every store's newsletter records (src/comment-service/store/newsletter-records.ts) must do,
 * the same cases for each: SQLite (tests/unit/newsletter/store.test.ts), D1 in workerd and PostgreSQL
 * (tests/e2e/comments/stores.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewsletterMail } from '../../src/comment-service/store/newsletter-records.ts';
import type { CommentStore } from '../../src/comment-service/store/store.ts';
import type { TestStoreFactory, OpenedTestStore } from './store-contract.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();
const dayLater = (iso: string) => new Date(Date.parse(iso) + 24 * 3600_000).toISOString();
const dayBefore = (iso: string) => new Date(Date.parse(iso) - 24 * 3600_000).toISOString();

export function newsletterMail(subscriberId: string, sendKey: string, to: string): NewsletterMail {
  return {
    to,
    subject: `Story ${sendKey}`,
    text: 'text part',
    html: '<p>html part</p>',
    headers: { 'List-Unsubscribe': '<https://service.example/newsletter/unsubscribe?token=t>' },
    dedupeKey: `nl:${subscriberId}:${sendKey}`,
  };
}

export function newsletterContract(open: TestStoreFactory): void {
  let opened: OpenedTestStore;
  let store: CommentStore;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
  });
  afterEach(async () => {
    await opened?.close();
  });

  const subscribe = (email: string, minute = 0, rhythm: 'story' | 'daily' = 'story') =>
    store.subscribe({ id: crypto.randomUUID(), email, rhythm, at: at(minute) }, dayBefore(at(minute)));

  describe('newsletter subscribers', () => {
    it('stores a new address pending, one confirmation per day, matched case- and Unicode-insensitively', async () => {
      const first = await subscribe('Straße@Example.org');
      expect(first.sendConfirmation).toBe(true);
      expect(first.subscriber).toMatchObject({ email: 'Straße@Example.org', status: 'pending', rhythm: 'story' });
      const again = await subscribe('STRASSE@example.org', 30, 'daily');
      expect(again).toMatchObject({
        sendConfirmation: false,
        subscriber: { id: first.subscriber.id, rhythm: 'daily' },
      });
      const nextDay = await store.subscribe(
        { id: crypto.randomUUID(), email: 'strasse@example.org', rhythm: 'daily', at: dayLater(at(1)) },
        at(1),
      );
      expect(nextDay.sendConfirmation).toBe(true);
      expect(await store.subscriberCounts()).toEqual({ pending: 1, confirmed: 0, unsubscribed: 0 });
    });

    it('decides one confirmation among many concurrent requests for one address', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => subscribe('race@example.org')));
      expect(results.filter((result) => result.sendConfirmation)).toHaveLength(1);
      expect(new Set(results.map((result) => result.subscriber.id)).size).toBe(1);
    });

    it('confirms, unsubscribes, and lets an unsubscribed address subscribe again (pending)', async () => {
      const { subscriber } = await subscribe('reader@example.org');
      expect(await store.confirmSubscriber('missing', at(1))).toBeNull();
      expect(await store.confirmSubscriber(subscriber.id, at(1))).toMatchObject({
        status: 'confirmed',
        confirmedAt: at(1),
      });
      // Confirming again changes nothing; subscribing a confirmed address neither mails nor changes it.
      expect((await store.confirmSubscriber(subscriber.id, at(2)))?.confirmedAt).toBe(at(1));
      expect(await subscribe('READER@example.org', 3, 'daily')).toMatchObject({
        sendConfirmation: false,
        subscriber: { status: 'confirmed', rhythm: 'story' },
      });
      expect(await store.unsubscribeSubscriber(subscriber.id, at(4))).toMatchObject({ status: 'unsubscribed' });
      expect(await store.confirmSubscriber(subscriber.id, at(5))).toBeNull();
      const back = await store.subscribe(
        { id: crypto.randomUUID(), email: 'reader@example.org', rhythm: 'daily', at: dayLater(at(6)) },
        at(6),
      );
      expect(back).toMatchObject({
        sendConfirmation: true,
        subscriber: { id: subscriber.id, status: 'pending', rhythm: 'daily' },
      });
    });

    it('lists and counts by status, searches LIKE-safely, pages recipients by rhythm and confirmation time', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 5; n++) {
        const { subscriber } = await subscribe(`r${n}_x@example.org`, n, n % 2 === 0 ? 'story' : 'daily');
        ids.push(subscriber.id);
        if (n < 4) await store.confirmSubscriber(subscriber.id, at(10 + n));
      }
      await store.unsubscribeSubscriber(ids[0]!, at(20));
      expect(await store.subscriberCounts()).toEqual({ pending: 1, confirmed: 3, unsubscribed: 1 });
      const confirmed = await store.subscriberList({ status: 'confirmed', search: null, offset: 0, limit: 2 });
      expect(confirmed.total).toBe(3);
      expect(confirmed.items.map((s) => s.email)).toEqual(['r3_x@example.org', 'r2_x@example.org']);
      expect((await store.subscriberList({ status: 'all', search: '2_', offset: 0, limit: 10 })).items).toHaveLength(1);
      expect((await store.subscriberList({ status: 'all', search: '%', offset: 0, limit: 10 })).total).toBe(0);
      // Story rhythm: r2 (confirmed at minute 12); r0 left. Daily: r1 and r3, r3 only from minute 13.
      expect((await store.recipients('story', at(30), '', 10)).map((s) => s.email)).toEqual(['r2_x@example.org']);
      expect((await store.recipients('daily', at(12), '', 10)).map((s) => s.email)).toEqual(['r1_x@example.org']);
      const daily = await store.recipients('daily', at(30), '', 1);
      const rest = await store.recipients('daily', at(30), daily[0]!.id, 10);
      expect([...daily, ...rest].map((s) => s.email).sort()).toEqual(['r1_x@example.org', 'r3_x@example.org']);
    });

    it('counts subscription attempts per client in a window', async () => {
      expect(await store.countSubscribeAttempt('client-a', at(0), at(0))).toBe(1);
      expect(await store.countSubscribeAttempt('client-a', at(1), at(0))).toBe(2);
      expect(await store.countSubscribeAttempt('client-b', at(1), at(0))).toBe(1);
      expect(await store.countSubscribeAttempt('client-a', at(70), at(10))).toBe(1);
    });
  });

  describe('newsletter sends', () => {
    it('records a send once, queues each mail once across repeated runs, and keeps the count', async () => {
      const { subscriber } = await subscribe('one@example.org');
      const send = { key: 'story:a', rhythm: 'story' as const, title: 'Story A' };
      expect(await store.beginSend(send, at(1))).toBe(true);
      const mails = [newsletterMail(subscriber.id, 'story:a', 'one@example.org')];
      expect(await store.queueSendMails('story:a', mails, at(1))).toBe(1);
      expect(await store.queueSendMails('story:a', mails, at(2))).toBe(0);
      expect(await store.beginSend(send, at(3))).toBe(true);
      await store.completeSend('story:a', at(4));
      expect(await store.beginSend(send, at(5))).toBe(false);
      expect(await store.sendRecord('story:a')).toEqual({ ...send, startedAt: at(1), completedAt: at(4), queued: 1 });
      const [due] = await store.dueMail(at(10), 10);
      expect(due).toMatchObject({ to: 'one@example.org', text: 'text part', html: '<p>html part</p>' });
      await store.mailSent(due!.id, at(11));
      expect(await store.unsentMailCount()).toBe(0);
    });

    it('queues many mails in batches, concurrently from two runs, each once', async () => {
      const mails = Array.from({ length: 40 }, (_, n) => newsletterMail(`s${n}`, 'story:b', `s${n}@example.org`));
      await store.beginSend({ key: 'story:b', rhythm: 'story', title: 'B' }, at(0));
      const [first, second] = await Promise.all([
        store.queueSendMails('story:b', mails, at(1)),
        store.queueSendMails('story:b', [...mails].reverse(), at(1)),
      ]);
      expect(first + second).toBe(40);
      expect(await store.unsentMailCount()).toBe(40);
      expect((await store.sendRecord('story:b'))?.queued).toBe(40);
      await store.beginSend({ key: 'daily:2026-11-02', rhythm: 'daily', title: 'Briefing' }, at(5));
      expect((await store.recentSends(10)).map((s) => s.key)).toEqual(['daily:2026-11-02', 'story:b']);
    });

    it('claims a batch of due mail in one step: each mail to one claimant only', async () => {
      const mails = Array.from({ length: 6 }, (_, n) => newsletterMail(`c${n}`, 'story:claim', `c${n}@example.org`));
      await store.queueSendMails('story:claim', mails, at(0));
      const ids = (await store.dueMail(at(1), 10)).map((mail) => mail.id);
      const [first, second] = await Promise.all([
        store.claimMails(ids.slice(0, 4), at(1), at(30)),
        store.claimMails(ids.slice(2), at(1), at(30)),
      ]);
      expect([...first, ...second].sort((a, b) => a - b)).toEqual(ids);
      expect(await store.claimMails(ids, at(2), at(40))).toEqual([]);
      expect((await store.claimMails(ids, at(31), at(60))).sort((a, b) => a - b)).toEqual(ids);
      expect(await store.claimMails([], at(31), at(60))).toEqual([]);
    });

    it('drops unsent mail on unsubscribe, and erases a subscriber with every unsent mail to them', async () => {
      const kept = (await subscribe('kept@example.org')).subscriber;
      const leaving = (await subscribe('Leaving@Example.org')).subscriber;
      const erased = (await subscribe('Erased@Example.org')).subscriber;
      await store.beginSend({ key: 'story:c', rhythm: 'story', title: 'C' }, at(0));
      await store.queueSendMails(
        'story:c',
        [kept, leaving, erased].map((s) => newsletterMail(s.id, 'story:c', s.email)),
        at(1),
      );
      await store.unsubscribeSubscriber(leaving.id, at(2));
      expect((await store.dueMail(at(10), 10)).map((m) => m.to).sort()).toEqual([
        'Erased@Example.org',
        'kept@example.org',
      ]);
      expect(await store.eraseSubscribers({ email: 'erased@EXAMPLE.org' })).toBe(1);
      expect(await store.subscriber(erased.id)).toBeNull();
      expect((await store.dueMail(at(10), 10)).map((m) => m.to)).toEqual(['kept@example.org']);
      expect(await store.eraseSubscribers({ id: kept.id })).toBe(1);
      expect(await store.eraseSubscribers({ id: kept.id })).toBe(0);
      expect(await store.unsentMailCount()).toBe(0);
    });
  });
}
