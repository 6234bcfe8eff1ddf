import { readdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { emailKey } from './email-key.ts';
import { SqlCommentStore, type Row, type SqlDatabase } from './sql-store.ts';
import { diskFullReason, StorageFault } from './storage-fault.ts';

/**
 * Schema versions, the files of migrations/sqlite/ in order (D1 applies the same files); PRAGMA
 * user_version records how far a file is.
 */
const migrationsDir = new URL('./migrations/sqlite/', import.meta.url);
export const migrations: string[] = readdirSync(migrationsDir)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => readFileSync(new URL(name, migrationsDir), 'utf8'));

/** What a migration needs that SQL alone cannot do: version 2 folds the e-mail addresses stored before it. */
const afterMigration: Record<number, string> = {
  2: 'UPDATE comments SET email_key = email_key(email) WHERE email IS NOT NULL',
};

/**
 * Free space below which the database counts as full: room for the largest comment with its
 * index and log pages. Writing a health probe cannot tell, because SQLite rewrites pages and
 * log frames it already has without asking the disk for more.
 */
export const minFreeBytes = 64 * 1024;

type FileIdentity = { dev: number; ino: number } | null;

function identityOf(file: string): FileIdentity {
  try {
    const { dev, ino } = statSync(file);
    return { dev, ino };
  } catch {
    return null;
  }
}

/** node:sqlite statements as SqlDatabase: synchronous, so each statement is one atomic step. */
function sqliteRunner(db: DatabaseSync): SqlDatabase {
  const statement = (query: string) => db.prepare(query);
  return {
    all: async (query, params) => statement(query).all(...(params as SQLInputValue[])) as Row[],
    run: async (query, params) => Number(statement(query).run(...(params as SQLInputValue[])).changes),
  };
}

/**
 * SQLite through Node's built-in node:sqlite: one file, WAL, synchronous=FULL, every query
 * parameterised. Deleted rows are overwritten (secure_delete) and freed pages returned to the file
 * system (incremental vacuum), so what a privacy request erases cannot be read back from the file.
 */
export class SqliteStore extends SqlCommentStore {
  readonly file: string;
  private readonly db: DatabaseSync;
  /** The file opened at start: a file deleted or replaced since is refused, never written blind. */
  private readonly identity: FileIdentity;

  /** Opens (creating when missing) a SQLite file whose folder exists. */
  constructor(file: string) {
    const db = new DatabaseSync(file);
    super(sqliteRunner(db));
    this.file = file;
    this.db = db;
    this.db.function('email_key', { deterministic: true }, (email) => emailKey(String(email)));
    // Incremental vacuum is chosen before WAL mode writes the first page of a new file; an older
    // file is rebuilt with it once, in migrate().
    this.db.exec(
      'PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; ' +
        'PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
    );
    this.migrate();
    this.identity = file === ':memory:' ? null : identityOf(file);
  }

  private migrate(): void {
    const version = Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
    if (version > 0 && Number((this.db.prepare('PRAGMA auto_vacuum').get() as Row).auto_vacuum) !== 2)
      this.db.exec('VACUUM');
    for (let next = version; next < migrations.length; next++) {
      this.db.exec('BEGIN');
      try {
        this.db.exec(migrations[next]!);
        const after = afterMigration[next + 1];
        if (after) this.db.exec(after);
        this.db.exec(`PRAGMA user_version = ${next + 1}`);
        this.db.exec('COMMIT');
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }

  protected override async beforeWrite(): Promise<void> {
    this.assertSameFile();
  }

  protected override async afterErase(): Promise<void> {
    this.eraseFreedPages();
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

  /** Throws a StorageFault when the disk holding the file has less than minFreeBytes left. */
  private assertRoomLeft(): void {
    if (this.identity === null) return;
    const { bavail, bsize } = statfsSync(path.dirname(this.file));
    const free = Number(bavail) * Number(bsize);
    if (free < minFreeBytes) throw new StorageFault(diskFullReason);
  }

  /** Writes the deletions through to the file and truncates the log that still held the old pages. */
  private eraseFreedPages(): void {
    this.db.exec('PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);');
  }

  override async check(write: boolean): Promise<void> {
    this.assertSameFile();
    if (write) this.assertRoomLeft();
    // A fresh connection reads the file itself: this one's page cache would hide a damaged file.
    if (this.identity !== null) {
      const reader = new DatabaseSync(this.file, { readOnly: true });
      try {
        reader.prepare('SELECT count(*) FROM comments').get();
      } finally {
        reader.close();
      }
    }
    await super.check(write);
  }

  override async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
