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

export class D1Store extends SqlCommentStore {
  constructor(d1: D1Database) {
    super(d1Runner(d1));
  }
}
