/**
 * What every CommentStore must do, the same cases for each: SQLite (tests/unit/comments/store.test.ts),
 * D1 in workerd and PostgreSQL (tests/e2e/comments/stores.test.ts). A new store is added by
 * passing these; a new store method gets its cases here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/comments/protocol.ts';
import type { CommentStore, NewComment, RateLimited, StoredOutcome } from '../../src/comment-service/store/store.ts';

export interface OpenedTestStore {
  store: CommentStore;
  close(): Promise<void>;
}

/** Opens an empty store of the kind under test. */
export type TestStoreFactory = () => Promise<OpenedTestStore>;

let counter = 0;
const isoAt = (ms: number) => new Date(ms).toISOString();

/** A comment with every field set, changed by `overrides`. */
export function newComment(overrides: Partial<NewComment> = {}): NewComment {
  counter++;
  return {
    id: crypto.randomUUID(),
    article: 'contract-article',
    parent: null,
    name: `Reader ${counter}`,
    email: `reader${counter}@example.org`,
    website: null,
    comment: `Comment ${counter}`,
    status: 'pending',
    ipHash: 'a'.repeat(64),
    createdAt: new Date().toISOString(),
    idempotencyKey: null,
    ...overrides,
  };
}

function stored(outcome: StoredOutcome | RateLimited): StoredOutcome {
  if ('rateLimited' in outcome) throw new Error('expected the comment to be stored, it was rate-limited');
  return outcome;
}

export function storeContract(open: TestStoreFactory): void {
  let opened: OpenedTestStore;
  let store: CommentStore;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
  });
  afterEach(async () => {
    await opened?.close();
  });

  const insertAs = async (status: CommentStatus, overrides: Partial<NewComment> = {}) =>
    stored(await store.insert(newComment({ status, ...overrides }))).id;

  describe('insert and read', () => {
    it('stores every field and reads it back, admin and public views', async () => {
      const comment = newComment({ website: 'https://w.example/', comment: 'Ünïcode ✓ \'quotes\' "and" ?; --' });
      expect(await store.insert(comment)).toEqual({ id: comment.id, status: 'pending', repeated: false });
      expect(await store.get(comment.id)).toEqual({
        id: comment.id,
        article: comment.article,
        parent: null,
        name: comment.name,
        website: 'https://w.example/',
        comment: comment.comment,
        createdAt: comment.createdAt,
        email: comment.email,
        status: 'pending',
      });
      expect(await store.get('missing')).toBeNull();
    });

    it('returns the comment stored earlier under the same idempotency key, storing nothing new', async () => {
      const first = newComment({ idempotencyKey: 'key-0123456789abcdef' });
      await store.insert(first);
      const again = await store.insert(newComment({ idempotencyKey: 'key-0123456789abcdef', status: 'approved' }));
      expect(again).toEqual({ id: first.id, status: 'pending', repeated: true });
      expect(await store.all()).toHaveLength(1);
    });

    it("pages one article's thread with a cursor", async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await insertAs('approved'));
      await insertAs('approved', { article: 'other-article' });
      const first = await store.approved('contract-article', null, 2);
      expect(first.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
      const second = await store.approved('contract-article', first.next, 2);
      expect(second.items.map((c) => c.id)).toEqual(ids.slice(2, 4));
      const last = await store.approved('contract-article', second.next, 2);
      expect([last.items.map((c) => c.id), last.next]).toEqual([ids.slice(4), null]);
    });

    it('stores text well-formed: a lone surrogate is one U+FFFD on every store', async () => {
      const id = await insertAs('approved', { comment: 'a\uD800b', name: 'N\uDC00' });
      const read = await store.get(id);
      expect([read!.comment, read!.name]).toEqual(['a\uFFFDb', 'N\uFFFD']);
    });

    it('counts at most n of any number of concurrent sign-in attempts at or under n', async () => {
      const now = Date.now();
      const counts = await Promise.all(
        Array.from({ length: 12 }, () => store.countSignInAttempt('client-2', isoAt(now), isoAt(now - 60_000))),
      );
      expect(counts.filter((count) => count <= 5).length).toBeLessThanOrEqual(5);
    });

    it('deletes unsent mail quoting a deleted comment or its replies, by id and by e-mail', async () => {
      const top = await insertAs('approved', { email: 'top@example.org' });
      const reply = await insertAs('approved', { parent: top, comment: 'secret words' });
      const other = await insertAs('pending');
      const mail = { to: 'desk@example.org', subject: 'Waiting', headers: {} };
      await store.enqueueMail({ ...mail, text: 'about top', dedupeKey: 'm1', commentIds: [top] }, isoAt(Date.now()));
      await store.enqueueMail(
        { ...mail, text: 'secret words', dedupeKey: 'm2', commentIds: [reply, top] },
        isoAt(Date.now()),
      );
      await store.enqueueMail(
        { ...mail, text: 'about other', dedupeKey: 'm3', commentIds: [other] },
        isoAt(Date.now()),
      );
      expect(await store.delete(top)).toBe(2);
      expect((await store.dueMail(isoAt(Date.now() + 1000), 10)).map((m) => m.text)).toEqual(['about other']);
      const byEmail = await insertAs('pending', { email: 'Gone@example.org' });
      await store.enqueueMail(
        { ...mail, text: 'about gone', dedupeKey: 'm4', commentIds: [byEmail] },
        isoAt(Date.now()),
      );
      expect(await store.deleteByEmail('gone@example.org')).toBe(1);
      expect((await store.dueMail(isoAt(Date.now() + 1000), 10)).map((m) => m.text)).toEqual(['about other']);
    });

    it('lists approved comments of one article oldest first, and by status', async () => {
      const a = await insertAs('approved');
      await insertAs('pending');
      const b = await insertAs('approved');
      await insertAs('approved', { article: 'other-article' });
      const spam = await insertAs('spam');
      const thread = await store.approved('contract-article', null, 100);
      expect(thread.items.map((c) => c.id)).toEqual([a, b]);
      expect(thread.next).toBeNull();
      expect(Object.keys(thread.items[0]!).sort()).toEqual([
        'article',
        'comment',
        'createdAt',
        'id',
        'name',
        'parent',
        'website',
      ]);
      expect((await store.byStatus('spam')).map((c) => c.id)).toEqual([spam]);
      expect((await store.all()).map((c) => c.status)).toEqual(['approved', 'pending', 'approved', 'approved', 'spam']);
    });

    it('pages through every approved comment with a cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(await insertAs(i === 2 ? 'pending' : 'approved', { article: `article-${i}` }));
      const first = await store.approvedPage(null, 2);
      expect(first.items.map((c) => c.id)).toEqual([ids[0], ids[1]]);
      const second = await store.approvedPage(first.next, 2);
      expect(second.items.map((c) => c.id)).toEqual([ids[3], ids[4]]);
      expect(second.next).toBeNull();
      expect((await store.approvedPage('not-a-cursor', 10)).items).toHaveLength(4);
    });
  });

  describe('moderation and erasure', () => {
    it('changes a status, and says when there is no such comment', async () => {
      const id = await insertAs('pending');
      expect(await store.setStatus(id, 'approved')).toBe(true);
      expect((await store.get(id))!.status).toBe('approved');
      expect(await store.setStatus('missing', 'approved')).toBe(false);
    });

    it('deletes a comment with its replies', async () => {
      const top = await insertAs('approved');
      await insertAs('approved', { parent: top });
      const other = await insertAs('approved');
      expect(await store.delete(top)).toBe(2);
      expect((await store.all()).map((c) => c.id)).toEqual([other]);
      expect(await store.delete(top)).toBe(0);
    });

    it('deletes by e-mail address folded for all of Unicode', async () => {
      await insertAs('approved', { email: 'Straße@Example.org' });
      await insertAs('pending', { email: 'STRASSE@example.ORG' });
      const kept = await insertAs('pending', { email: 'someone@example.org' });
      const mail = { subject: 'A reply', text: 'Text', headers: {}, dedupeKey: null, commentIds: [] };
      await store.enqueueMail({ ...mail, to: 'Straße@Example.org' }, new Date().toISOString());
      await store.enqueueMail({ ...mail, to: 'someone@example.org' }, new Date().toISOString());
      expect(await store.deleteByEmail('strasse@example.org')).toBe(2);
      expect((await store.all()).map((c) => c.id)).toEqual([kept]);
      // Unsent mail to the address goes too, matched with the same folding.
      expect(await store.unsentMailCount()).toBe(1);
    });

    it('forgets e-mail addresses and address hashes of the given statuses changed before a time', async () => {
      const old = await insertAs('spam', { createdAt: '2020-01-01T00:00:00.000Z' });
      const recent = await insertAs('spam');
      const approved = await insertAs('approved', { createdAt: '2020-01-01T00:00:00.000Z' });
      expect(await store.forgetPersonalData(['spam', 'rejected'], '2021-01-01T00:00:00.000Z')).toBe(1);
      expect((await store.get(old))!.email).toBeNull();
      expect((await store.get(recent))!.email).not.toBeNull();
      expect((await store.get(approved))!.email).not.toBeNull();
      expect(await store.forgetPersonalData([], '2030-01-01T00:00:00.000Z')).toBe(0);
    });

    it('answers the health check, reading and writing', async () => {
      await expect(store.check(false)).resolves.toBeUndefined();
      await expect(store.check(true)).resolves.toBeUndefined();
      await expect(store.check(true)).resolves.toBeUndefined();
    });
  });

  describe('rate limit', () => {
    const now = Date.now();
    const limit = { max: 3, since: isoAt(now - 60_000) };

    it('stores up to the limit per address hash within the window, then says since when it is full', async () => {
      const outcomes = [];
      for (let i = 0; i < 5; i++) outcomes.push(await store.insert(newComment({ createdAt: isoAt(now + i) }), limit));
      expect(outcomes.map((o) => ('rateLimited' in o ? 'limited' : 'stored'))).toEqual([
        'stored',
        'stored',
        'stored',
        'limited',
        'limited',
      ]);
      expect(outcomes[3]).toEqual({ rateLimited: true, oldest: isoAt(now) });
      expect(await store.all()).toHaveLength(3);
      // Another address, a comment without one, and no limit at all are not held back.
      expect('rateLimited' in (await store.insert(newComment({ ipHash: 'b'.repeat(64) }), limit))).toBe(false);
      expect('rateLimited' in (await store.insert(newComment({ ipHash: null }), limit))).toBe(false);
      expect('rateLimited' in (await store.insert(newComment(), { max: 0, since: limit.since }))).toBe(false);
    });

    it('says whether the limit is already reached, without storing anything', async () => {
      const address = 'c'.repeat(64);
      expect(await store.rateLimitReached(address, limit)).toBeNull();
      for (let i = 0; i < 3; i++) await store.insert(newComment({ ipHash: address, createdAt: isoAt(now + i) }), limit);
      expect(await store.rateLimitReached(address, limit)).toEqual({ rateLimited: true, oldest: isoAt(now) });
      expect(await store.rateLimitReached('d'.repeat(64), limit)).toBeNull();
      expect(await store.rateLimitReached(address, { max: 0, since: limit.since })).toBeNull();
      expect(await store.all()).toHaveLength(3);
    });

    it('counts only comments inside the window', async () => {
      for (let i = 0; i < 3; i++) await store.insert(newComment({ createdAt: isoAt(now - 120_000 + i) }));
      expect('rateLimited' in (await store.insert(newComment({ createdAt: isoAt(now) }), limit))).toBe(false);
    });

    it('holds when many inserts from one address race', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.insert(newComment({ createdAt: isoAt(now + i) }), limit)),
      );
      expect(outcomes.filter((o) => !('rateLimited' in o))).toHaveLength(3);
      expect(await store.all()).toHaveLength(3);
    });

    it('lets a repeated idempotency key through as the comment it already stored', async () => {
      const first = newComment({ idempotencyKey: 'retry-0123456789abcdef', createdAt: isoAt(now) });
      await store.insert(first, limit);
      for (let i = 0; i < 2; i++) await store.insert(newComment({ createdAt: isoAt(now + 1 + i) }), limit);
      expect(await store.insert(newComment({ idempotencyKey: 'retry-0123456789abcdef' }), limit)).toEqual({
        id: first.id,
        status: 'pending',
        repeated: true,
      });
    });
  });

  describe('moderation queue, spam defence, sessions and mail', () => {
    it('queues newest first with filters, LIKE-safe search, paging, reply targets and the notify flag', async () => {
      const start = Date.parse('2026-01-01T00:00:00Z');
      const parent = await insertAs('approved', { comment: 'The parent', createdAt: isoAt(start) });
      for (let i = 0; i < 12; i++) {
        await insertAs('pending', {
          comment: i === 3 ? 'Exactly 100%_sure' : `Queued ${i}`,
          createdAt: isoAt(start + 1000 + i),
          parent: i === 11 ? parent : null,
          notify: i === 11,
        });
      }
      const first = await store.queue({
        status: 'pending',
        article: 'contract-article',
        search: null,
        offset: 0,
        limit: 5,
      });
      expect(first.total).toBe(12);
      expect(first.items.map((item) => item.comment)).toEqual([
        'Queued 11',
        'Queued 10',
        'Queued 9',
        'Queued 8',
        'Queued 7',
      ]);
      expect(first.items[0]).toMatchObject({
        notify: true,
        replyTo: { id: parent, comment: 'The parent' },
        clientHash: 'a'.repeat(64),
      });
      expect(
        (await store.queue({ status: 'pending', article: null, search: null, offset: 10, limit: 5 })).items,
      ).toHaveLength(2);
      expect(
        (await store.queue({ status: 'all', article: null, search: '100%_', offset: 0, limit: 5 })).items.map(
          (item) => item.comment,
        ),
      ).toEqual(['Exactly 100%_sure']);
      expect((await store.queue({ status: 'all', article: null, search: '100__', offset: 0, limit: 5 })).total).toBe(0);
      expect(
        (
          await store.queue({
            status: 'pending',
            article: null,
            search: null,
            createdAfter: isoAt(start + 1010),
            offset: 0,
            limit: 5,
          })
        ).total,
      ).toBe(1);
      expect((await store.queueItem(parent))?.replyTo).toBeNull();
    });

    it('finds duplicates on the same article within the window, except a retry under the same key', async () => {
      const now = Date.parse('2026-02-01T12:00:00Z');
      await insertAs('pending', {
        comment: 'Same words',
        createdAt: isoAt(now),
        idempotencyKey: 'key-0123456789abcdef',
      });
      expect(await store.hasDuplicate('contract-article', 'Same words', isoAt(now - 1000), null)).toBe(true);
      expect(
        await store.hasDuplicate('contract-article', 'Same words', isoAt(now - 1000), 'key-0123456789abcdef'),
      ).toBe(false);
      expect(await store.hasDuplicate('contract-article', 'Same words', isoAt(now + 1000), null)).toBe(false);
      expect(await store.hasDuplicate('other-article', 'Same words', isoAt(now - 1000), null)).toBe(false);
    });

    it('blocks and unblocks senders, e-mail addresses folded', async () => {
      await store.block('email', 'Troll@Example.ORG', isoAt(Date.now()));
      await store.block('email', 'troll@example.org', isoAt(Date.now()));
      await store.block('client', 'b'.repeat(64), isoAt(Date.now()));
      expect(await store.isBlocked('TROLL@example.org', null)).toBe(true);
      expect(await store.isBlocked(null, 'b'.repeat(64))).toBe(true);
      expect(await store.isBlocked('someone@example.org', 'c'.repeat(64))).toBe(false);
      expect((await store.blocks()).map((block) => block.kind).sort()).toEqual(['client', 'email']);
      expect(await store.unblock('email', 'TROLL@EXAMPLE.ORG')).toBe(true);
      expect(await store.unblock('email', 'troll@example.org')).toBe(false);
    });

    it('keeps sessions until they expire, counts failed sign-ins in a window, uses tokens once, keeps markers', async () => {
      const now = Date.parse('2026-03-01T00:00:00Z');
      await store.createSession('hash-1', isoAt(now + 60_000));
      expect(await store.hasSession('hash-1', isoAt(now))).toBe(true);
      expect(await store.hasSession('hash-1', isoAt(now + 61_000))).toBe(false);
      await store.deleteSession('hash-1');
      expect(await store.hasSession('hash-1', isoAt(now))).toBe(false);
      const counts = [];
      for (let i = 0; i < 3; i++)
        counts.push(
          await store.countSignInAttempt('client-1', isoAt(now + i * 60_000), isoAt(now + i * 60_000 - 90_000)),
        );
      // The window drops attempts older than `since`: the third no longer sees the first.
      expect(counts).toEqual([1, 2, 2]);
      await store.clearSignInAttempts('client-1');
      expect(await store.countSignInAttempt('client-1', isoAt(now), isoAt(now - 1))).toBe(1);
      expect(await store.useToken('nonce-1', isoAt(now + 60_000), isoAt(now))).toBe(true);
      expect(await store.useToken('nonce-1', isoAt(now + 60_000), isoAt(now))).toBe(false);
      expect(await store.marker('digest')).toBeNull();
      await store.setMarker('digest', 'one');
      await store.setMarker('digest', 'two');
      expect(await store.marker('digest')).toBe('two');
      // Compare-and-set: only the writer that saw the current value moves it on.
      expect(await store.advanceMarker('digest', 'one', 'three')).toBe(false);
      const racing = await Promise.all(['a', 'b', 'c'].map((value) => store.advanceMarker('digest', 'two', value)));
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(['a', 'b', 'c']).toContain(await store.marker('digest'));
      expect(await store.advanceMarker('fresh', null, 'first')).toBe(true);
      expect(await store.advanceMarker('fresh', null, 'second')).toBe(false);
      expect(await store.marker('fresh')).toBe('first');
    });

    it('queues mail once per dedupe key, hands out what is due, retries, erases what was sent; unsubscribes by folded address', async () => {
      const now = Date.parse('2026-04-01T00:00:00Z');
      const mail = {
        to: 'desk@example.org',
        subject: 'Waiting',
        text: 'Text',
        headers: { 'List-Unsubscribe': '<https://x.example/u>' },
        commentIds: [],
      };
      expect(await store.enqueueMail({ ...mail, dedupeKey: 'k1' }, isoAt(now))).toBe(true);
      expect(await store.enqueueMail({ ...mail, dedupeKey: 'k1' }, isoAt(now))).toBe(false);
      expect(await store.enqueueMail({ ...mail, dedupeKey: null }, isoAt(now))).toBe(true);
      const due = await store.dueMail(isoAt(now), 10);
      expect(due).toHaveLength(2);
      const { commentIds: _ids, ...stored } = mail;
      expect(due[0]).toMatchObject({ ...stored, attempts: 0 });
      await store.mailFailed(due[0]!.id, 'refused', isoAt(now + 60_000));
      await store.mailSent(due[1]!.id, isoAt(now));
      expect(await store.dueMail(isoAt(now + 1000), 10)).toEqual([]);
      expect((await store.dueMail(isoAt(now + 60_000), 10))[0]).toMatchObject({ attempts: 1 });
      expect(await store.unsentMailCount()).toBe(1);
      expect(await store.forgetSentMail(isoAt(now + 1))).toBe(1);
      // Two senders on one outbox: the first claim wins, and the mail is due again when the claim runs out.
      const [retry] = await store.dueMail(isoAt(now + 60_000), 10);
      expect(await store.claimMail(retry!.id, isoAt(now + 60_000), isoAt(now + 120_000))).toBe(true);
      expect(await store.claimMail(retry!.id, isoAt(now + 60_000), isoAt(now + 120_000))).toBe(false);
      expect(await store.dueMail(isoAt(now + 60_000), 10)).toEqual([]);
      expect(await store.dueMail(isoAt(now + 120_000), 10)).toHaveLength(1);
      const asked = await insertAs('approved', { email: 'Reader@Example.org', notify: true });
      expect(await store.unsubscribe('reader@EXAMPLE.org')).toBe(1);
      expect((await store.queueItem(asked))?.notify).toBe(false);
    });

    it('lists who asked to hear of replies in a thread: approved, with an address, once per folded address', async () => {
      const top = await insertAs('approved', { name: 'Top', email: 'top@example.org', notify: true });
      await insertAs('approved', { parent: top, name: 'Silent', email: 'silent@example.org', notify: false });
      await insertAs('pending', { parent: top, name: 'Waiting', email: 'waiting@example.org', notify: true });
      const joined = await insertAs('approved', {
        parent: top,
        name: 'Joined',
        email: 'Joined@Example.org',
        notify: true,
      });
      await insertAs('approved', { parent: top, name: 'Joined again', email: 'joined@example.ORG', notify: true });
      await insertAs('approved', { name: 'Elsewhere', email: 'elsewhere@example.org', notify: true });
      expect(await store.threadSubscribers(top)).toEqual([
        { commentId: top, name: 'Top', email: 'top@example.org' },
        { commentId: joined, name: 'Joined', email: 'Joined@Example.org' },
      ]);
      await store.unsubscribe('top@example.org');
      expect((await store.threadSubscribers(top)).map((subscriber) => subscriber.name)).toEqual(['Joined']);
    });
  });
}
