/**
 * The comment store in SQL that SQLite, D1 and PostgreSQL all read the same way: every query is
 * written once here with `?` placeholders; each database only supplies how a statement is run
 * (SqlDatabase) and what it does differently (sqlite-store.ts, d1-store.ts, postgres-store.ts).
 */
import type { AdminComment, CommentStatus, PublicComment } from '../protocol.ts';
import { emailKey } from './email-key.ts';
import type { CommentStore, NewComment, Page, RateLimited, RateLimitRule, StoredOutcome } from './store.ts';

export type Row = Record<string, unknown>;

/** Runs one parameterised statement (`?` placeholders). */
export interface SqlDatabase {
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Returns how many rows the statement changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

const publicColumns = 'id, article, parent, name, website, comment, created_at';
const adminColumns = `${publicColumns}, email, status`;
const insertColumns = 'id, article, parent, name, email, email_key, website, comment, status, ip_hash, created_at, idempotency_key';

export const queries = {
  byIdempotencyKey: 'SELECT id, status FROM comments WHERE idempotency_key = ?',
  insert: `INSERT INTO comments (${insertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  /** The insert that happens only while the address hash is under the limit: one statement, so one atomic step in SQLite. */
  insertUnderLimit: `INSERT INTO comments (${insertColumns})
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
    WHERE (SELECT count(*) FROM comments WHERE ip_hash = ? AND created_at > ?) < ?`,
  recentFromAddress: 'SELECT count(*) AS count, min(created_at) AS oldest FROM comments WHERE ip_hash = ? AND created_at > ?',
  healthProbe: "INSERT INTO meta (key, value) VALUES ('health-probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
} as const;

export function toPublic(row: Row): PublicComment {
  return {
    id: String(row.id),
    article: String(row.article),
    parent: row.parent == null ? null : String(row.parent),
    name: String(row.name),
    website: row.website == null ? null : String(row.website),
    comment: String(row.comment),
    createdAt: String(row.created_at),
  };
}

export function toAdmin(row: Row): AdminComment {
  return { ...toPublic(row), email: row.email == null ? null : String(row.email), status: row.status as CommentStatus };
}

/** The values of queries.insert, in its column order. */
export function insertValues(c: NewComment): unknown[] {
  return [
    c.id,
    c.article,
    c.parent,
    c.name,
    c.email,
    c.email === null ? null : emailKey(c.email),
    c.website,
    c.comment,
    c.status,
    c.ipHash,
    c.createdAt,
    c.idempotencyKey,
  ];
}

export const repeatedOutcome = (row: Row): StoredOutcome => ({ id: String(row.id), status: row.status as CommentStatus, repeated: true });
export const storedOutcome = (c: NewComment): StoredOutcome => ({ id: c.id, status: c.status, repeated: false });
export const rateLimited = (row: Row | undefined, since: string): RateLimited => ({ rateLimited: true, oldest: String(row?.oldest ?? since) });

export class SqlCommentStore implements CommentStore {
  protected readonly sql: SqlDatabase;

  constructor(sql: SqlDatabase) {
    this.sql = sql;
  }

  /** Called before every write: a store refuses here when its storage must not be written. */
  protected async beforeWrite(): Promise<void> {}

  /** Called after rows were deleted or personal data erased: a store makes sure it cannot be read back. */
  protected async afterErase(): Promise<void> {}

  protected async first(query: string, params: readonly unknown[]): Promise<Row | undefined> {
    return (await this.sql.all(query, params))[0];
  }

  async insert(c: NewComment, limit?: RateLimitRule): Promise<StoredOutcome | RateLimited> {
    await this.beforeWrite();
    if (c.idempotencyKey) {
      const earlier = await this.first(queries.byIdempotencyKey, [c.idempotencyKey]);
      if (earlier) return repeatedOutcome(earlier);
    }
    if (!limit || limit.max <= 0 || c.ipHash === null) {
      await this.sql.run(queries.insert, insertValues(c));
      return storedOutcome(c);
    }
    const changed = await this.sql.run(queries.insertUnderLimit, [...insertValues(c), c.ipHash, limit.since, limit.max]);
    if (changed > 0) return storedOutcome(c);
    return rateLimited(await this.first(queries.recentFromAddress, [c.ipHash, limit.since]), limit.since);
  }

  async get(id: string): Promise<AdminComment | null> {
    const row = await this.first(`SELECT ${adminColumns} FROM comments WHERE id = ?`, [id]);
    return row ? toAdmin(row) : null;
  }

  async approved(article: string): Promise<PublicComment[]> {
    const rows = await this.sql.all(`SELECT ${publicColumns} FROM comments WHERE article = ? AND status = 'approved' ORDER BY seq`, [article]);
    return rows.map(toPublic);
  }

  async approvedPage(cursor: string | null, limit: number): Promise<Page<PublicComment>> {
    const after = cursor && /^\d{1,15}$/.test(cursor) ? Number(cursor) : 0;
    const rows = await this.sql.all(`SELECT seq, ${publicColumns} FROM comments WHERE status = 'approved' AND seq > ? ORDER BY seq LIMIT ?`, [
      after,
      limit + 1,
    ]);
    const items = rows.slice(0, limit);
    const next = rows.length > limit ? String(items.at(-1)!.seq) : null;
    return { items: items.map(toPublic), next };
  }

  async byStatus(status: CommentStatus): Promise<AdminComment[]> {
    return (await this.sql.all(`SELECT ${adminColumns} FROM comments WHERE status = ? ORDER BY seq`, [status])).map(toAdmin);
  }

  async setStatus(id: string, status: CommentStatus): Promise<boolean> {
    await this.beforeWrite();
    return (await this.sql.run('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?', [status, new Date().toISOString(), id])) > 0;
  }

  async delete(id: string): Promise<number> {
    await this.beforeWrite();
    const deleted = await this.sql.run('DELETE FROM comments WHERE id = ? OR parent = ?', [id, id]);
    await this.afterErase();
    return deleted;
  }

  async deleteByEmail(email: string): Promise<number> {
    await this.beforeWrite();
    const deleted = await this.sql.run('DELETE FROM comments WHERE email_key = ?', [emailKey(email)]);
    await this.afterErase();
    return deleted;
  }

  async forgetPersonalData(statuses: readonly CommentStatus[], before: string): Promise<number> {
    if (statuses.length === 0) return 0;
    await this.beforeWrite();
    const changed = await this.sql.run(
      `UPDATE comments SET email = NULL, email_key = NULL, ip_hash = NULL
       WHERE (email IS NOT NULL OR ip_hash IS NOT NULL)
         AND status IN (${statuses.map(() => '?').join(', ')})
         AND COALESCE(updated_at, created_at) < ?`,
      [...statuses, before],
    );
    if (changed > 0) await this.afterErase();
    return changed;
  }

  async all(): Promise<AdminComment[]> {
    return (await this.sql.all(`SELECT ${adminColumns} FROM comments ORDER BY seq`, [])).map(toAdmin);
  }

  async check(write: boolean): Promise<void> {
    await this.beforeWrite();
    await this.sql.all('SELECT count(*) AS count FROM comments', []);
    if (write) await this.sql.run(queries.healthProbe, [new Date().toISOString()]);
  }

  async close(): Promise<void> {}
}
