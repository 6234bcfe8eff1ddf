import { statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { AdminComment, CommentStatus, PublicComment } from '../protocol.ts';
import { emailKey } from './email-key.ts';
import { StorageFault } from './storage-fault.ts';
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
  StoredOutcome,
} from './store.ts';

/** Schema versions, applied in order on start; PRAGMA user_version records how far a file is. */
export const migrations: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE comments (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     article TEXT NOT NULL,
     parent TEXT,
     name TEXT NOT NULL,
     email TEXT,
     website TEXT,
     comment TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
     ip_hash TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT
   );
   CREATE INDEX comments_article ON comments (article, status, seq);
   CREATE INDEX comments_status ON comments (status, seq);
   CREATE INDEX comments_email ON comments (email COLLATE NOCASE);`,
  // Privacy requests match e-mail addresses folded for all of Unicode; retries of one post share a
  // key; the address-hashing key moves out of the file, so a leaked file alone cannot be reversed.
  `ALTER TABLE comments ADD COLUMN email_key TEXT;
   ALTER TABLE comments ADD COLUMN idempotency_key TEXT;
   UPDATE comments SET email_key = email_key(email) WHERE email IS NOT NULL;
   DROP INDEX comments_email;
   CREATE INDEX comments_email_key ON comments (email_key);
   CREATE UNIQUE INDEX comments_idempotency_key ON comments (idempotency_key) WHERE idempotency_key IS NOT NULL;
   DELETE FROM meta WHERE key = 'ip-hash-key';`,
  // The moderation page, mail and spam defence: reply notifications asked for per comment, blocked
  // senders, moderators' sessions and failed sign-ins, the outbox and the single-use mail links.
  `ALTER TABLE comments ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX comments_article_created ON comments (article, created_at);
   CREATE TABLE blocks (
     kind TEXT NOT NULL CHECK (kind IN ('email', 'client')),
     value TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (kind, value)
   );
   CREATE TABLE admin_sessions (id_hash TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
   CREATE TABLE login_failures (client_hash TEXT NOT NULL, failed_at TEXT NOT NULL);
   CREATE INDEX login_failures_client ON login_failures (client_hash, failed_at);
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     dedupe_key TEXT UNIQUE,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     headers TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     next_attempt_at TEXT NOT NULL,
     sent_at TEXT,
     last_error TEXT
   );
   CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
   CREATE TABLE used_tokens (id TEXT PRIMARY KEY, expires_at TEXT NOT NULL);`,
];

type Row = Record<string, unknown>;

const publicColumns = 'id, article, parent, name, website, comment, created_at';
const adminColumns = `${publicColumns}, email, status`;

function toPublic(row: Row): PublicComment {
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

function toAdmin(row: Row): AdminComment {
  return { ...toPublic(row), email: row.email == null ? null : String(row.email), status: row.status as CommentStatus };
}

const queueColumns = `c.seq, c.id, c.article, c.parent, c.name, c.website, c.comment, c.created_at, c.email, c.status, c.ip_hash, c.notify,
  p.id AS reply_id, p.name AS reply_name, p.comment AS reply_comment`;

function toQueueItem(row: Row): QueueItem {
  return {
    ...toAdmin(row),
    clientHash: row.ip_hash == null ? null : String(row.ip_hash),
    notify: Number(row.notify) === 1,
    replyTo: row.reply_id == null ? null : { id: String(row.reply_id), name: String(row.reply_name), comment: String(row.reply_comment) },
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

type FileIdentity = { dev: number; ino: number } | null;

function identityOf(file: string): FileIdentity {
  try {
    const { dev, ino } = statSync(file);
    return { dev, ino };
  } catch {
    return null;
  }
}

/**
 * SQLite through Node's built-in node:sqlite: one file, WAL, synchronous=FULL, every query
 * parameterised. Deleted rows are overwritten (secure_delete) and freed pages returned to the file
 * system (incremental vacuum), so what a privacy request erases cannot be read back from the file.
 */
export class SqliteStore implements CommentStore {
  readonly file: string;
  private readonly db: DatabaseSync;
  /** The file opened at start: a file deleted or replaced since is refused, never written blind. */
  private readonly identity: FileIdentity;

  /** Opens (creating when missing) a SQLite file whose folder exists. */
  constructor(file: string) {
    this.file = file;
    this.db = new DatabaseSync(file);
    this.db.function('email_key', { deterministic: true }, (email) => emailKey(String(email)));
    // Incremental vacuum is chosen before WAL mode writes the first page of a new file; an older
    // file is rebuilt with it once, in migrate().
    this.db.exec(
      'PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
    );
    this.migrate();
    this.identity = file === ':memory:' ? null : identityOf(file);
  }

  private migrate(): void {
    const version = Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
    if (version > 0 && Number((this.db.prepare('PRAGMA auto_vacuum').get() as Row).auto_vacuum) !== 2) this.db.exec('VACUUM');
    for (let next = version; next < migrations.length; next++) {
      this.db.exec('BEGIN');
      try {
        this.db.exec(migrations[next]!);
        this.db.exec(`PRAGMA user_version = ${next + 1}`);
        this.db.exec('COMMIT');
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }

  /** Throws a StorageFault when the file was deleted or replaced since it was opened. */
  private assertSameFile(): void {
    if (this.identity === null) return;
    const now = identityOf(this.file);
    if (now === null) throw new StorageFault(`the database file ${this.file} was deleted while the service ran`);
    if (now.dev !== this.identity.dev || now.ino !== this.identity.ino) {
      throw new StorageFault(`the database file ${this.file} was replaced while the service ran`);
    }
  }

  /** Writes the deletions through to the file and truncates the log that still held the old pages. */
  private eraseFreedPages(): void {
    this.db.exec('PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);');
  }

  async insert(c: NewComment): Promise<StoredOutcome> {
    this.assertSameFile();
    if (c.idempotencyKey) {
      const earlier = this.db
        .prepare('SELECT id, status FROM comments WHERE idempotency_key = ?')
        .get(c.idempotencyKey) as Row | undefined;
      if (earlier) return { id: String(earlier.id), status: earlier.status as CommentStatus, repeated: true };
    }
    this.db
      .prepare(
        `INSERT INTO comments (id, article, parent, name, email, email_key, website, comment, status, ip_hash, created_at, idempotency_key, notify)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
        c.notify && c.email !== null ? 1 : 0,
      );
    return { id: c.id, status: c.status, repeated: false };
  }

  async get(id: string): Promise<AdminComment | null> {
    const row = this.db.prepare(`SELECT ${adminColumns} FROM comments WHERE id = ?`).get(id) as Row | undefined;
    return row ? toAdmin(row) : null;
  }

  async approved(article: string): Promise<PublicComment[]> {
    const rows = this.db
      .prepare(`SELECT ${publicColumns} FROM comments WHERE article = ? AND status = 'approved' ORDER BY seq`)
      .all(article) as Row[];
    return rows.map(toPublic);
  }

  async approvedPage(cursor: string | null, limit: number): Promise<Page<PublicComment>> {
    const after = cursor && /^\d{1,15}$/.test(cursor) ? Number(cursor) : 0;
    const rows = this.db
      .prepare(`SELECT seq, ${publicColumns} FROM comments WHERE status = 'approved' AND seq > ? ORDER BY seq LIMIT ?`)
      .all(after, limit + 1) as Row[];
    const items = rows.slice(0, limit);
    const next = rows.length > limit ? String(items.at(-1)!.seq) : null;
    return { items: items.map(toPublic), next };
  }

  async byStatus(status: CommentStatus): Promise<AdminComment[]> {
    const rows = this.db.prepare(`SELECT ${adminColumns} FROM comments WHERE status = ? ORDER BY seq`).all(status) as Row[];
    return rows.map(toAdmin);
  }

  async setStatus(id: string, status: CommentStatus): Promise<boolean> {
    this.assertSameFile();
    const result = this.db
      .prepare('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, new Date().toISOString(), id);
    return Number(result.changes) > 0;
  }

  async delete(id: string): Promise<number> {
    this.assertSameFile();
    const result = this.db.prepare('DELETE FROM comments WHERE id = ? OR parent = ?').run(id, id);
    this.eraseFreedPages();
    return Number(result.changes);
  }

  async deleteByEmail(email: string): Promise<number> {
    this.assertSameFile();
    const result = this.db.prepare('DELETE FROM comments WHERE email_key = ?').run(emailKey(email));
    // Mail not yet sent to the address goes too: nothing more reaches someone who asked to be forgotten.
    this.db.prepare('DELETE FROM outbox WHERE sent_at IS NULL AND LOWER(recipient) = LOWER(?)').run(email.trim());
    this.eraseFreedPages();
    return Number(result.changes);
  }

  async forgetPersonalData(statuses: readonly CommentStatus[], before: string): Promise<number> {
    if (statuses.length === 0) return 0;
    this.assertSameFile();
    const result = this.db
      .prepare(
        `UPDATE comments SET email = NULL, email_key = NULL, ip_hash = NULL
         WHERE (email IS NOT NULL OR ip_hash IS NOT NULL)
           AND status IN (${statuses.map(() => '?').join(', ')})
           AND COALESCE(updated_at, created_at) < ?`,
      )
      .run(...statuses, before);
    if (Number(result.changes) > 0) this.eraseFreedPages();
    return Number(result.changes);
  }

  async all(): Promise<AdminComment[]> {
    return (this.db.prepare(`SELECT ${adminColumns} FROM comments ORDER BY seq`).all() as Row[]).map(toAdmin);
  }

  async queue(query: QueueQuery): Promise<QueuePage> {
    const where: string[] = [];
    const params: (string | number)[] = [];
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
    const total = Number((this.db.prepare(`SELECT COUNT(*) AS n FROM comments c ${condition}`).get(...params) as Row).n);
    const rows = this.db
      .prepare(`SELECT ${queueColumns} FROM comments c LEFT JOIN comments p ON p.id = c.parent ${condition} ORDER BY c.seq DESC LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as Row[];
    return { items: rows.map(toQueueItem), total };
  }

  async queueItem(id: string): Promise<QueueItem | null> {
    const row = this.db.prepare(`SELECT ${queueColumns} FROM comments c LEFT JOIN comments p ON p.id = c.parent WHERE c.id = ?`).get(id) as
      | Row
      | undefined;
    return row ? toQueueItem(row) : null;
  }

  async hasDuplicate(article: string, comment: string, since: string, exceptKey: string | null): Promise<boolean> {
    const row = this.db
      .prepare('SELECT 1 FROM comments WHERE article = ? AND created_at >= ? AND comment = ? AND (idempotency_key IS NULL OR idempotency_key <> ?) LIMIT 1')
      .get(article, since, comment, exceptKey ?? '');
    return row !== undefined;
  }

  async isBlocked(email: string | null, clientHash: string | null): Promise<boolean> {
    const row = this.db
      .prepare("SELECT 1 FROM blocks WHERE (kind = 'email' AND value = ?) OR (kind = 'client' AND value = ?) LIMIT 1")
      .get(email === null ? null : emailKey(email), clientHash);
    return row !== undefined;
  }

  async block(kind: BlockKind, value: string, at: string): Promise<void> {
    this.assertSameFile();
    this.db
      .prepare('INSERT INTO blocks (kind, value, created_at) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING')
      .run(kind, kind === 'email' ? emailKey(value) : value, at);
  }

  async unblock(kind: BlockKind, value: string): Promise<boolean> {
    this.assertSameFile();
    const result = this.db.prepare('DELETE FROM blocks WHERE kind = ? AND value = ?').run(kind, kind === 'email' ? emailKey(value) : value);
    return Number(result.changes) > 0;
  }

  async blocks(): Promise<Block[]> {
    const rows = this.db.prepare('SELECT kind, value, created_at FROM blocks ORDER BY created_at DESC, value').all() as Row[];
    return rows.map((row) => ({ kind: row.kind as BlockKind, value: String(row.value), createdAt: String(row.created_at) }));
  }

  async createSession(idHash: string, expiresAt: string): Promise<void> {
    this.assertSameFile();
    this.db.prepare('DELETE FROM admin_sessions WHERE expires_at < ?').run(new Date().toISOString());
    this.db.prepare('INSERT INTO admin_sessions (id_hash, expires_at) VALUES (?, ?)').run(idHash, expiresAt);
  }

  async hasSession(idHash: string, now: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM admin_sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, now) !== undefined;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.assertSameFile();
    this.db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash);
  }

  async recordLoginFailure(clientHash: string, at: string): Promise<void> {
    this.assertSameFile();
    this.db.prepare('INSERT INTO login_failures (client_hash, failed_at) VALUES (?, ?)').run(clientHash, at);
  }

  async loginFailuresSince(clientHash: string, since: string): Promise<number> {
    this.db.prepare('DELETE FROM login_failures WHERE failed_at < ?').run(since);
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM login_failures WHERE client_hash = ?').get(clientHash) as Row).n);
  }

  async enqueueMail(mail: QueuedMail, at: string): Promise<boolean> {
    this.assertSameFile();
    const result = this.db
      .prepare(
        `INSERT INTO outbox (dedupe_key, recipient, subject, body, headers, created_at, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .run(mail.dedupeKey, mail.to, mail.subject, mail.text, JSON.stringify(mail.headers), at, at);
    return Number(result.changes) > 0;
  }

  async dueMail(now: string, limit: number): Promise<OutboxMail[]> {
    const rows = this.db
      .prepare('SELECT id, recipient, subject, body, headers, attempts FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?')
      .all(now, limit) as Row[];
    return rows.map((row) => ({
      id: Number(row.id),
      to: String(row.recipient),
      subject: String(row.subject),
      text: String(row.body),
      headers: JSON.parse(String(row.headers)) as Record<string, string>,
      attempts: Number(row.attempts),
    }));
  }

  async mailSent(id: number, at: string): Promise<void> {
    this.assertSameFile();
    this.db.prepare("UPDATE outbox SET sent_at = ?, recipient = '', subject = '', body = '', headers = '{}', last_error = NULL WHERE id = ?").run(at, id);
  }

  async mailFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    this.assertSameFile();
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error.slice(0, 500), nextAttemptAt, id);
  }

  async unsentMailCount(): Promise<number> {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as Row).n);
  }

  async forgetSentMail(before: string): Promise<number> {
    this.assertSameFile();
    return Number(this.db.prepare('DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?').run(before).changes);
  }

  async useToken(id: string, expiresAt: string, now: string): Promise<boolean> {
    this.assertSameFile();
    this.db.prepare('DELETE FROM used_tokens WHERE expires_at < ?').run(now);
    const result = this.db.prepare('INSERT INTO used_tokens (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING').run(id, expiresAt);
    return Number(result.changes) > 0;
  }

  async unsubscribe(email: string): Promise<number> {
    this.assertSameFile();
    return Number(this.db.prepare('UPDATE comments SET notify = 0 WHERE email_key = ? AND notify = 1').run(emailKey(email)).changes);
  }

  async marker(name: string): Promise<string | null> {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(`marker:${name}`) as Row | undefined;
    return row ? String(row.value) : null;
  }

  async setMarker(name: string, value: string): Promise<void> {
    this.assertSameFile();
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(`marker:${name}`, value);
  }

  async check(write: boolean): Promise<void> {
    this.assertSameFile();
    // A fresh connection reads the file itself: this one's page cache would hide a damaged file.
    if (this.identity !== null) {
      const reader = new DatabaseSync(this.file, { readOnly: true });
      try {
        reader.prepare('SELECT count(*) FROM comments').get();
      } finally {
        reader.close();
      }
    }
    if (write) {
      this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('health-probe', ?)").run(new Date().toISOString());
    }
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
