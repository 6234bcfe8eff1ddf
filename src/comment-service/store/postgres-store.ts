/**
 * PostgreSQL for several service instances on one database (COMMENTS_DB=postgres://…): the queries
 * of sql-store.ts over a pool of connections (node-postgres). Every instance reads and writes the
 * same rows, so what one acknowledged the others serve, and the rate limit is counted in the
 * database: checking and storing one address's comment hold a transaction-scoped advisory lock on
 * its hash, so two instances cannot both let the sixth comment in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import {
  insertValues,
  queries,
  rateLimited,
  repeatedOutcome,
  SqlCommentStore,
  storedOutcome,
  type Row,
  type SqlDatabase,
} from './sql-store.ts';
import { StorageFault } from './storage-fault.ts';
import type { NewComment, RateLimited, RateLimitRule, StoredOutcome } from './store.ts';

const migrationsDir = new URL('./migrations/postgres/', import.meta.url);
/** Schema versions, the files of migrations/postgres/ in order; schema_migrations records which ran. */
export const postgresMigrations: string[] = readdirSync(migrationsDir)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => readFileSync(new URL(name, migrationsDir), 'utf8'));

/** Held while migrating, so instances starting together migrate one after the other. */
const migrationLock = 7_160_816;

export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/** `?` placeholders as PostgreSQL's `$1, $2…` (the shared queries hold no literal question marks). */
function numbered(query: string): string {
  let index = 0;
  return query.replace(/\?/g, () => `$${++index}`);
}

/**
 * SQLSTATE classes and network errors that mean the database cannot serve (down, restarting, full,
 * out of connections), as opposed to a bad query.
 */
function isUnavailable(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  if (/^(08|53|57P|58)/.test(code)) return true;
  if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT…
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error))
      throw new StorageFault(
        `PostgreSQL cannot be used: ${(error as Error).message || String((error as { code?: unknown }).code)}`,
      );
    throw error;
  }
}

type Queryable = pg.Pool | pg.PoolClient;

function runner(on: Queryable): SqlDatabase {
  return {
    all: (query, params) => guarded(async () => (await on.query(numbered(query), params as unknown[])).rows as Row[]),
    run: (query, params) => guarded(async () => (await on.query(numbered(query), params as unknown[])).rowCount ?? 0),
  };
}

export class PostgresStore extends SqlCommentStore {
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    super(runner(pool));
    this.pool = pool;
  }

  /** Connects (a pool of up to `poolSize` connections) and brings the schema up to date. */
  static async open(url: string, poolSize = 10): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
    // An idle connection the server closed is dropped from the pool; the next query opens another.
    pool.on('error', () => {});
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async transaction<T>(work: (db: SqlDatabase, client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await guarded(() => this.pool.connect());
    try {
      await guarded(() => client.query('BEGIN'));
      const result = await work(runner(client), client);
      await guarded(() => client.query('COMMIT'));
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (db) => {
      await db.all('SELECT pg_advisory_xact_lock(?)', [migrationLock]);
      await db.run(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
        [],
      );
      const done = new Set(
        (await db.all('SELECT version FROM schema_migrations', [])).map((row) => Number(row.version)),
      );
      for (const [index, migration] of postgresMigrations.entries()) {
        if (done.has(index + 1)) continue;
        await db.run(migration, []);
        await db.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
          index + 1,
          new Date().toISOString(),
        ]);
      }
    });
  }

  override async insert(c: NewComment, limit?: RateLimitRule): Promise<StoredOutcome | RateLimited> {
    return this.transaction(async (db) => {
      // One lock per address hash (and per idempotency key): the count and the insert below see
      // every comment committed by another instance before them.
      const limited = limit !== undefined && limit.max > 0 && c.ipHash !== null;
      for (const key of [limited ? c.ipHash : null, c.idempotencyKey]) {
        if (key !== null) await db.all('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
      }
      if (c.idempotencyKey) {
        const earlier = (await db.all(queries.byIdempotencyKey, [c.idempotencyKey]))[0];
        if (earlier) return repeatedOutcome(earlier);
      }
      if (limited) {
        const recent = (await db.all(queries.recentFromAddress, [c.ipHash, limit.since]))[0];
        if (Number(recent?.count ?? 0) >= limit.max) return rateLimited(recent, limit.since);
      }
      await db.run(queries.insert, insertValues(c));
      return storedOutcome(c);
    });
  }

  override async close(): Promise<void> {
    await this.pool.end();
  }
}
