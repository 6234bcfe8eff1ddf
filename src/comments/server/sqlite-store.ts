import { statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { AdminComment, CommentStatus, PublicComment } from '../protocol.ts';
import { emailKey } from './email-key.ts';
import { StorageFault } from './storage-fault.ts';
import type { CommentStore, NewComment, Page, StoredOutcome } from './store.ts';

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
        `INSERT INTO comments (id, article, parent, name, email, email_key, website, comment, status, ip_hash, created_at, idempotency_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
