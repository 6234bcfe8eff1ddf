import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import type { AdminComment, CommentStatus, PublicComment } from '../protocol.ts';
import type { CommentStore, NewComment, Page } from './store.ts';

/** Schema versions, applied in order on start; PRAGMA user_version records how far a file is. */
const migrations: string[] = [
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

/** SQLite through Node's built-in node:sqlite: one file, WAL, synchronous=FULL, every query parameterised. */
export class SqliteStore implements CommentStore {
  readonly file: string;
  private readonly db: DatabaseSync;

  constructor(file: string) {
    this.file = file;
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.migrate();
  }

  private migrate(): void {
    const version = Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
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

  async insert(c: NewComment): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO comments (id, article, parent, name, email, website, comment, status, ip_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.article, c.parent, c.name, c.email, c.website, c.comment, c.status, c.ipHash, c.createdAt);
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
    const result = this.db
      .prepare('UPDATE comments SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, new Date().toISOString(), id);
    return Number(result.changes) > 0;
  }

  async delete(id: string): Promise<number> {
    const result = this.db.prepare('DELETE FROM comments WHERE id = ? OR parent = ?').run(id, id);
    return Number(result.changes);
  }

  async deleteByEmail(email: string): Promise<number> {
    const result = this.db.prepare('DELETE FROM comments WHERE email = ? COLLATE NOCASE').run(email);
    return Number(result.changes);
  }

  async all(): Promise<AdminComment[]> {
    return (this.db.prepare(`SELECT ${adminColumns} FROM comments ORDER BY seq`).all() as Row[]).map(toAdmin);
  }

  async secret(): Promise<string> {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'ip-hash-key'").get() as Row | undefined;
    if (row) return String(row.value);
    const value = randomBytes(32).toString('hex');
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('ip-hash-key', ?)").run(value);
    return String((this.db.prepare("SELECT value FROM meta WHERE key = 'ip-hash-key'").get() as Row).value);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
