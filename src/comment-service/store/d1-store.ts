/**
 * Cloudflare D1 (SQLite on Cloudflare) behind the comment service on Workers (worker.ts): the same
 * queries as the SQLite file (sql-store.ts) on the schema of migrations/sqlite/, which
 * `wrangler d1 migrations apply` applies. Each statement is atomic, so the limit-checking insert
 * holds for every Worker instance at once.
 */
import { SqlCommentStore, type Row, type SqlDatabase } from './sql-store.ts';
import { StorageFault } from './storage-fault.ts';

/** The part of the D1 binding's API the store uses (types from @cloudflare/workers-types, trimmed). */
export interface D1Database {
  prepare(query: string): D1PreparedStatement;
}
interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  all<T = Row>(): Promise<{ results: T[] }>;
  run(): Promise<{ meta: { changes: number } }>;
}

/** D1 answers with an error when the database cannot serve (overloaded, unreachable, over its limits). */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StorageFault(`D1 cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function d1Runner(d1: D1Database): SqlDatabase {
  return {
    all: (query, params) =>
      guarded(
        async () =>
          (
            await d1
              .prepare(query)
              .bind(...params)
              .all()
          ).results,
      ),
    run: (query, params) =>
      guarded(
        async () =>
          (
            await d1
              .prepare(query)
              .bind(...params)
              .run()
          ).meta.changes,
      ),
  };
}

/**
 * D1 allows no PRAGMA secure_delete, wal_checkpoint or VACUUM (SQLITE_AUTH), so it cannot overwrite
 * or return freed pages as the SQLite store does. Its erase step blanks a comment's fields before
 * the row is deleted: the space the row leaves holds blanks. Older page versions stay in the
 * database's own log until the runtime checkpoints it, and Cloudflare keeps the database's
 * history for Time Travel (see docs/comments.md, "What each store can promise about deleted data").
 */
export class D1Store extends SqlCommentStore {
  constructor(d1: D1Database) {
    super(d1Runner(d1));
  }

  protected override async beforeDelete(ids: readonly string[]): Promise<void> {
    await this.blankPersonalData(ids);
  }
}
