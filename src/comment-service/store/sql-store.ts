/**
 * The comment store in SQL that SQLite, D1 and PostgreSQL all read the same way: every query is
 * written once here with `?` placeholders; each database only supplies how a statement is run
 * (SqlDatabase) and what it does differently (sqlite-store.ts, d1-store.ts, postgres-store.ts).
 */
import type { AdminComment, CommentStatus, PublicComment } from '../../comments/protocol.ts';
import { emailKey } from './email-key.ts';
import { placeholders, type Row } from './sql-base.ts';
import { SqlNewsletterStore } from './sql-newsletter.ts';
import type {
  Block,
  BlockKind,
  CommentStore,
  NewComment,
  OutboxMail,
  Page,
  QueueItem,
  QueuePage,
  QueueQuery,
  QueuedMail,
  RateLimited,
  RateLimitRule,
  StoredOutcome,
  ThreadSubscriber,
} from './store.ts';

export type { Row, SqlDatabase } from './sql-base.ts';

const publicColumns = 'id, article, parent, name, website, comment, created_at';
const adminColumns = `${publicColumns}, email, status`;
const insertColumns =
  'id, article, parent, name, email, email_key, website, comment, status, ip_hash, created_at, idempotency_key, notify';

export const queries = {
  byIdempotencyKey: 'SELECT id, status FROM comments WHERE idempotency_key = ?',
  insert: `INSERT INTO comments (${insertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  /** The insert that happens only while the address hash is under the limit: one statement, so one atomic step in SQLite. */
  insertUnderLimit: `INSERT INTO comments (${insertColumns})
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
    WHERE (SELECT count(*) FROM comments WHERE ip_hash = ? AND created_at > ?) < ?`,
  recentFromAddress:
    'SELECT count(*) AS count, min(created_at) AS oldest FROM comments WHERE ip_hash = ? AND created_at > ?',
  healthProbe:
    "INSERT INTO meta (key, value) VALUES ('health-probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
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

/** A text as stored: well-formed UTF-16 (a lone surrogate becomes U+FFFD), so every database stores the same characters. */
const wellFormed = <T extends string | null>(text: T): T => (text === null ? text : (text.toWellFormed() as T));

/** The values of queries.insert, in its column order. */
export function insertValues(c: NewComment): unknown[] {
  const email = wellFormed(c.email);
  return [
    c.id,
    c.article,
    c.parent,
    wellFormed(c.name),
    email,
    email === null ? null : emailKey(email),
    wellFormed(c.website),
    wellFormed(c.comment),
    c.status,
    c.ipHash,
    c.createdAt,
    c.idempotencyKey,
    c.notify && email !== null ? 1 : 0,
  ];
}

const queueColumns = `c.seq, c.id, c.article, c.parent, c.name, c.website, c.comment, c.created_at, c.email, c.status, c.ip_hash, c.notify,
  p.id AS reply_id, p.name AS reply_name, p.comment AS reply_comment`;

function toQueueItem(row: Row): QueueItem {
  return {
    ...toAdmin(row),
    clientHash: row.ip_hash == null ? null : String(row.ip_hash),
    notify: Number(row.notify) === 1,
    replyTo:
      row.reply_id == null
        ? null
        : { id: String(row.reply_id), name: String(row.reply_name), comment: String(row.reply_comment) },
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export const repeatedOutcome = (row: Row): StoredOutcome => ({
  id: String(row.id),
  status: row.status as CommentStatus,
  repeated: true,
});
export const storedOutcome = (c: NewComment): StoredOutcome => ({ id: c.id, status: c.status, repeated: false });
export const rateLimited = (row: Row | undefined, since: string): RateLimited => ({
  rateLimited: true,
  oldest: String(row?.oldest ?? since),
});

/** A page cursor is the last row's sequence number; anything else starts from the beginning. */
const cursorSeq = (cursor: string | null) => (cursor && /^\d{1,15}$/.test(cursor) ? Number(cursor) : 0);

/** `rows` holds one row more than a page when there is a next page. */
function pageOf(rows: Row[], limit: number): Page<PublicComment> {
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? String(items.at(-1)!.seq) : null;
  return { items: items.map(toPublic), next };
}

export class SqlCommentStore extends SqlNewsletterStore implements CommentStore {
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
    const changed = await this.sql.run(queries.insertUnderLimit, [
      ...insertValues(c),
      c.ipHash,
      limit.since,
      limit.max,
    ]);
    if (changed > 0) return storedOutcome(c);
    return rateLimited(await this.first(queries.recentFromAddress, [c.ipHash, limit.since]), limit.since);
  }

  async rateLimitReached(ipHash: string, limit: RateLimitRule): Promise<RateLimited | null> {
    if (limit.max <= 0) return null;
    const row = await this.first(queries.recentFromAddress, [ipHash, limit.since]);
    return Number(row?.count ?? 0) >= limit.max ? rateLimited(row, limit.since) : null;
  }

  async get(id: string): Promise<AdminComment | null> {
    const row = await this.first(`SELECT ${adminColumns} FROM comments WHERE id = ?`, [id]);
    return row ? toAdmin(row) : null;
  }

  async approved(article: string, cursor: string | null, limit: number): Promise<Page<PublicComment>> {
    const rows = await this.sql.all(
      `SELECT seq, ${publicColumns} FROM comments WHERE article = ? AND status = 'approved' AND seq > ? ORDER BY seq LIMIT ?`,
      [article, cursorSeq(cursor), limit + 1],
    );
    return pageOf(rows, limit);
  }

  async approvedPage(cursor: string | null, limit: number): Promise<Page<PublicComment>> {
    const rows = await this.sql.all(
      `SELECT seq, ${publicColumns} FROM comments WHERE status = 'approved' AND seq > ? ORDER BY seq LIMIT ?`,
      [cursorSeq(cursor), limit + 1],
    );
    return pageOf(rows, limit);
  }

  async byStatus(status: CommentStatus): Promise<AdminComment[]> {
    return (await this.sql.all(`SELECT ${adminColumns} FROM comments WHERE status = ? ORDER BY seq`, [status])).map(
      toAdmin,
    );
  }

  async setStatus(id: string, status: CommentStatus): Promise<boolean> {
    await this.beforeWrite();
    return (
      (await this.sql.run('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?', [
        status,
        new Date().toISOString(),
        id,
      ])) > 0
    );
  }

  async delete(id: string): Promise<number> {
    await this.beforeWrite();
    const ids = (await this.sql.all('SELECT id FROM comments WHERE id = ? OR parent = ?', [id, id])).map((row) =>
      String(row.id),
    );
    await this.beforeDelete(ids);
    const deleted = await this.sql.run('DELETE FROM comments WHERE id = ? OR parent = ?', [id, id]);
    await this.deleteMailAbout(ids);
    await this.afterErase();
    return deleted;
  }

  /** Blanks every personal field of these comments and of unsent mail about them (D1's erase step). */
  protected async blankPersonalData(commentIds: readonly string[]): Promise<void> {
    for (let start = 0; start < commentIds.length; start += 100) {
      const ids = commentIds.slice(start, start + 100);
      const list = placeholders(ids);
      await this.sql.run(
        `UPDATE comments SET name = '', email = NULL, email_key = NULL, website = NULL, comment = '', ip_hash = NULL WHERE id IN (${list})`,
        ids,
      );
      await this.sql.run(
        `UPDATE outbox SET recipient = '', subject = '', body = '', html = NULL, headers = '{}'
         WHERE sent_at IS NULL AND id IN (SELECT mail_id FROM outbox_comments WHERE comment_id IN (${list}))`,
        ids,
      );
    }
  }

  /** Deletes unsent mail quoting or answering any of these comments (sent mail keeps no text: see mailSent). */
  protected async deleteMailAbout(commentIds: readonly string[]): Promise<void> {
    for (let start = 0; start < commentIds.length; start += 100) {
      const ids = commentIds.slice(start, start + 100);
      const mailIds = (
        await this.sql.all(`SELECT mail_id FROM outbox_comments WHERE comment_id IN (${placeholders(ids)})`, ids)
      ).map((row) => Number(row.mail_id));
      if (mailIds.length === 0) continue;
      await this.sql.run(`DELETE FROM outbox WHERE sent_at IS NULL AND id IN (${placeholders(mailIds)})`, mailIds);
      await this.sql.run(`DELETE FROM outbox_comments WHERE mail_id IN (${placeholders(mailIds)})`, mailIds);
    }
  }

  async deleteByEmail(email: string): Promise<number> {
    await this.beforeWrite();
    const ids = (await this.sql.all('SELECT id FROM comments WHERE email_key = ?', [emailKey(email)])).map((row) =>
      String(row.id),
    );
    await this.beforeDelete(ids);
    // By id: the erase step may have blanked email_key already.
    let deleted = 0;
    for (let start = 0; start < ids.length; start += 100) {
      const chunk = ids.slice(start, start + 100);
      deleted += await this.sql.run(`DELETE FROM comments WHERE id IN (${placeholders(chunk)})`, chunk);
    }
    await this.deleteMailAbout(ids);
    // Mail not yet sent to the address goes too: nothing more reaches someone who asked to be forgotten.
    // Matched with the same folding as the comments' email_key (the outbox keeps the address as written).
    const key = emailKey(email);
    for (const row of await this.sql.all('SELECT id, recipient FROM outbox WHERE sent_at IS NULL', [])) {
      if (emailKey(String(row.recipient)) === key) await this.sql.run('DELETE FROM outbox WHERE id = ?', [row.id]);
    }
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

  async queue(query: QueueQuery): Promise<QueuePage> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status !== 'all') {
      where.push('c.status = ?');
      params.push(query.status);
    }
    if (query.article) {
      where.push('c.article = ?');
      params.push(query.article);
    }
    if (query.createdAfter) {
      where.push('c.created_at > ?');
      params.push(query.createdAfter);
    }
    if (query.search) {
      const pattern = containsPattern(query.search);
      where.push(
        `(LOWER(c.comment) LIKE ? ESCAPE '\\' OR LOWER(c.name) LIKE ? ESCAPE '\\' OR LOWER(c.email) LIKE ? ESCAPE '\\' OR LOWER(c.website) LIKE ? ESCAPE '\\')`,
      );
      params.push(pattern, pattern, pattern, pattern);
    }
    const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.first(`SELECT COUNT(*) AS n FROM comments c ${condition}`, params))?.n ?? 0);
    const rows = await this.sql.all(
      `SELECT ${queueColumns} FROM comments c LEFT JOIN comments p ON p.id = c.parent ${condition} ORDER BY c.seq DESC LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(toQueueItem), total };
  }

  async queueItem(id: string): Promise<QueueItem | null> {
    const row = await this.first(
      `SELECT ${queueColumns} FROM comments c LEFT JOIN comments p ON p.id = c.parent WHERE c.id = ?`,
      [id],
    );
    return row ? toQueueItem(row) : null;
  }

  async hasDuplicate(article: string, comment: string, since: string, exceptKey: string | null): Promise<boolean> {
    const row = await this.first(
      'SELECT 1 AS found FROM comments WHERE article = ? AND created_at >= ? AND comment = ? AND (idempotency_key IS NULL OR idempotency_key <> ?) LIMIT 1',
      [article, since, comment, exceptKey ?? ''],
    );
    return row !== undefined;
  }

  async isBlocked(email: string | null, clientHash: string | null): Promise<boolean> {
    const row = await this.first(
      "SELECT 1 AS found FROM blocks WHERE (kind = 'email' AND value = ?) OR (kind = 'client' AND value = ?) LIMIT 1",
      [email === null ? null : emailKey(email), clientHash],
    );
    return row !== undefined;
  }

  async block(kind: BlockKind, value: string, at: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run(
      'INSERT INTO blocks (kind, value, created_at) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING',
      [kind, kind === 'email' ? emailKey(value) : value, at],
    );
  }

  async unblock(kind: BlockKind, value: string): Promise<boolean> {
    await this.beforeWrite();
    return (
      (await this.sql.run('DELETE FROM blocks WHERE kind = ? AND value = ?', [
        kind,
        kind === 'email' ? emailKey(value) : value,
      ])) > 0
    );
  }

  async blocks(): Promise<Block[]> {
    const rows = await this.sql.all('SELECT kind, value, created_at FROM blocks ORDER BY created_at DESC, value', []);
    return rows.map((row) => ({
      kind: row.kind as BlockKind,
      value: String(row.value),
      createdAt: String(row.created_at),
    }));
  }

  async createSession(idHash: string, expiresAt: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run('DELETE FROM admin_sessions WHERE expires_at < ?', [new Date().toISOString()]);
    await this.sql.run('INSERT INTO admin_sessions (id_hash, expires_at) VALUES (?, ?)', [idHash, expiresAt]);
  }

  async hasSession(idHash: string, now: string): Promise<boolean> {
    return (
      (await this.first('SELECT 1 AS found FROM admin_sessions WHERE id_hash = ? AND expires_at > ?', [
        idHash,
        now,
      ])) !== undefined
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run('DELETE FROM admin_sessions WHERE id_hash = ?', [idHash]);
  }

  async countSignInAttempt(clientHash: string, at: string, since: string): Promise<number> {
    await this.beforeWrite();
    await this.sql.run('DELETE FROM login_failures WHERE failed_at < ?', [since]);
    // Recorded first, counted after: each statement is atomic, so the n-th attempt to be recorded
    // counts at least n, whatever runs at the same time on any instance.
    await this.sql.run('INSERT INTO login_failures (client_hash, failed_at) VALUES (?, ?)', [clientHash, at]);
    return Number(
      (
        await this.first('SELECT COUNT(*) AS n FROM login_failures WHERE client_hash = ? AND failed_at >= ?', [
          clientHash,
          since,
        ])
      )?.n ?? 0,
    );
  }

  async clearSignInAttempts(clientHash: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run('DELETE FROM login_failures WHERE client_hash = ?', [clientHash]);
  }

  async enqueueMail(mail: QueuedMail, at: string): Promise<boolean> {
    await this.beforeWrite();
    const rows = await this.sql.all(
      `INSERT INTO outbox (dedupe_key, recipient, subject, body, html, headers, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [mail.dedupeKey, mail.to, mail.subject, mail.text, mail.html ?? null, JSON.stringify(mail.headers), at, at],
    );
    const mailId = rows[0]?.id;
    if (mailId === undefined) return false;
    for (const commentId of new Set(mail.commentIds)) {
      await this.sql.run(
        'INSERT INTO outbox_comments (mail_id, comment_id) VALUES (?, ?) ON CONFLICT (mail_id, comment_id) DO NOTHING',
        [Number(mailId), commentId],
      );
    }
    return true;
  }

  async dueMail(now: string, limit: number): Promise<OutboxMail[]> {
    const rows = await this.sql.all(
      'SELECT id, recipient, subject, body, html, headers, attempts FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?',
      [now, limit],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      to: String(row.recipient),
      subject: String(row.subject),
      text: String(row.body),
      ...(row.html == null ? {} : { html: String(row.html) }),
      headers: JSON.parse(String(row.headers)) as Record<string, string>,
      attempts: Number(row.attempts),
    }));
  }

  async claimMail(id: number, now: string, leaseUntil: string): Promise<boolean> {
    await this.beforeWrite();
    const changed = await this.sql.run(
      'UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= ?',
      [leaseUntil, id, now],
    );
    return changed > 0;
  }

  async claimMails(ids: readonly number[], now: string, leaseUntil: string): Promise<number[]> {
    if (ids.length === 0) return [];
    await this.beforeWrite();
    const rows = await this.sql.all(
      `UPDATE outbox SET next_attempt_at = ? WHERE id IN (${placeholders(ids)}) AND sent_at IS NULL AND next_attempt_at <= ? RETURNING id`,
      [leaseUntil, ...ids, now],
    );
    return rows.map((row) => Number(row.id));
  }

  async mailSent(id: number, at: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run(
      "UPDATE outbox SET sent_at = ?, recipient = '', subject = '', body = '', html = NULL, headers = '{}', last_error = NULL WHERE id = ?",
      [at, id],
    );
  }

  async mailFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?', [
      error.slice(0, 500),
      nextAttemptAt,
      id,
    ]);
  }

  async unsentMailCount(): Promise<number> {
    return Number((await this.first('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL', []))?.n ?? 0);
  }

  async forgetSentMail(before: string): Promise<number> {
    await this.beforeWrite();
    await this.sql.run(
      'DELETE FROM outbox_comments WHERE mail_id IN (SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?)',
      [before],
    );
    return this.sql.run('DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?', [before]);
  }

  async useToken(id: string, expiresAt: string, now: string): Promise<boolean> {
    await this.beforeWrite();
    await this.sql.run('DELETE FROM used_tokens WHERE expires_at < ?', [now]);
    return (
      (await this.sql.run('INSERT INTO used_tokens (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [
        id,
        expiresAt,
      ])) > 0
    );
  }

  async threadSubscribers(threadId: string): Promise<ThreadSubscriber[]> {
    const rows = await this.sql.all(
      `SELECT id, name, email, email_key FROM comments
       WHERE (id = ? OR parent = ?) AND status = 'approved' AND notify = 1 AND email_key IS NOT NULL ORDER BY seq`,
      [threadId, threadId],
    );
    const seen = new Set<string>();
    const subscribers: ThreadSubscriber[] = [];
    for (const row of rows) {
      if (seen.has(String(row.email_key))) continue;
      seen.add(String(row.email_key));
      subscribers.push({ commentId: String(row.id), name: String(row.name), email: String(row.email) });
    }
    return subscribers;
  }

  async unsubscribe(email: string): Promise<number> {
    await this.beforeWrite();
    return this.sql.run('UPDATE comments SET notify = 0 WHERE email_key = ? AND notify = 1', [emailKey(email)]);
  }

  async marker(name: string): Promise<string | null> {
    const row = await this.first('SELECT value FROM meta WHERE key = ?', [`marker:${name}`]);
    return row ? String(row.value) : null;
  }

  async setMarker(name: string, value: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [`marker:${name}`, value],
    );
  }

  async advanceMarker(name: string, expected: string | null, value: string): Promise<boolean> {
    await this.beforeWrite();
    const changed =
      expected === null
        ? await this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
            `marker:${name}`,
            value,
          ])
        : await this.sql.run('UPDATE meta SET value = ? WHERE key = ? AND value = ?', [
            value,
            `marker:${name}`,
            expected,
          ]);
    return changed > 0;
  }

  async check(write: boolean): Promise<void> {
    await this.beforeWrite();
    await this.sql.all('SELECT count(*) AS count FROM comments', []);
    if (write) await this.sql.run(queries.healthProbe, [new Date().toISOString()]);
  }

  async close(): Promise<void> {}
}
