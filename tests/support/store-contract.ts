/**
 * What every CommentStore must do, the same cases for each: SQLite (tests/unit/comments/store.test.ts),
 * D1 in workerd and PostgreSQL (tests/e2e/comments/stores.test.ts). A new store is added by
 * passing these; a new store method gets its cases here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/comments/protocol.ts';
import type { CommentStore, NewComment, RateLimited, StoredOutcome } from '../../src/comments/server/store.ts';

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

    it('lists approved comments of one article oldest first, and by status', async () => {
      const a = await insertAs('approved');
      await insertAs('pending');
      const b = await insertAs('approved');
      await insertAs('approved', { article: 'other-article' });
      const spam = await insertAs('spam');
      expect((await store.approved('contract-article')).map((c) => c.id)).toEqual([a, b]);
      expect(Object.keys((await store.approved('contract-article'))[0]!).sort()).toEqual(
        ['article', 'comment', 'createdAt', 'id', 'name', 'parent', 'website'],
      );
      expect((await store.byStatus('spam')).map((c) => c.id)).toEqual([spam]);
      expect((await store.all()).map((c) => c.status)).toEqual(['approved', 'pending', 'approved', 'approved', 'spam']);
    });

    it('pages through every approved comment with a cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await insertAs(i === 2 ? 'pending' : 'approved', { article: `article-${i}` }));
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
      expect(await store.deleteByEmail('strasse@example.org')).toBe(2);
      expect((await store.all()).map((c) => c.id)).toEqual([kept]);
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
      expect(outcomes.map((o) => ('rateLimited' in o ? 'limited' : 'stored'))).toEqual(['stored', 'stored', 'stored', 'limited', 'limited']);
      expect(outcomes[3]).toEqual({ rateLimited: true, oldest: isoAt(now) });
      expect(await store.all()).toHaveLength(3);
      // Another address, a comment without one, and no limit at all are not held back.
      expect('rateLimited' in (await store.insert(newComment({ ipHash: 'b'.repeat(64) }), limit))).toBe(false);
      expect('rateLimited' in (await store.insert(newComment({ ipHash: null }), limit))).toBe(false);
      expect('rateLimited' in (await store.insert(newComment(), { max: 0, since: limit.since }))).toBe(false);
    });

    it('counts only comments inside the window', async () => {
      for (let i = 0; i < 3; i++) await store.insert(newComment({ createdAt: isoAt(now - 120_000 + i) }));
      expect('rateLimited' in (await store.insert(newComment({ createdAt: isoAt(now) }), limit))).toBe(false);
    });

    it('holds when many inserts from one address race', async () => {
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => store.insert(newComment({ createdAt: isoAt(now + i) }), limit)));
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
}
