/**
 * Opens the database and the address key at start, turning each way that can fail into one line
 * that names COMMENTS_DB and the problem: a folder that cannot be created, a file that is not a
 * database or is read-only, a database gone while its key file remains, a PostgreSQL server that
 * cannot be reached. COMMENTS_DB is a SQLite file, or a postgres:// URL for several instances.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../utils/config-error.ts';
import type { ServiceConfig } from '../settings.ts';
import { isPostgresUrl, PostgresStore } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import { isSqliteError } from './storage-fault.ts';
import type { CommentStore } from './store.ts';

export interface OpenedStorage {
  store: CommentStore;
  addressKey: string;
}

/** The file holding the key for hashing client addresses: beside the database, never inside it. */
export const addressKeyFile = (db: string) => `${path.resolve(db)}.address-key`;

function isReadOnly(file: string): boolean {
  try {
    accessSync(existsSync(file) ? file : path.dirname(file), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function reasonOf(error: unknown, file: string): string {
  if (isReadOnly(file)) return 'is read-only (the service needs to write to it and its folder)';
  if (isSqliteError(error)) {
    if (error.errcode === 26) return 'is not a SQLite database';
    if ((error.errcode & 0xff) === 14) return 'cannot be opened (check the folder exists and may be written)';
    return `cannot be used: ${error.errstr}`;
  }
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return `cannot be written (${code})`;
  return `cannot be used: ${code ?? message}`;
}

function readOrCreateKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** COMMENTS_DB for messages: a PostgreSQL URL without its password. */
export function describeDatabase(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'the postgres:// URL';
  }
}

/** Several instances share the database, so they must share the address key too: it is never generated. */
async function openPostgres(config: Pick<ServiceConfig, 'db' | 'addressKey'>): Promise<OpenedStorage> {
  if (!config.addressKey) {
    throw new ConfigError(
      'COMMENTS_ADDRESS_KEY must be set with a PostgreSQL COMMENTS_DB: every instance hashes addresses with the same key',
    );
  }
  try {
    return { store: await PostgresStore.open(config.db), addressKey: config.addressKey };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    throw new ConfigError(
      `COMMENTS_DB: cannot use the PostgreSQL database ${describeDatabase(config.db)}: ${message || code}`,
    );
  }
}

export async function openStorage(config: Pick<ServiceConfig, 'db' | 'addressKey' | 'initDb'>): Promise<OpenedStorage> {
  if (isPostgresUrl(config.db)) return openPostgres(config);
  const file = path.resolve(config.db);
  const folder = path.dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new ConfigError(`COMMENTS_DB: cannot create the folder ${folder} (${(error as NodeJS.ErrnoException).code})`);
  }
  const keyFile = addressKeyFile(file);
  if (!existsSync(file) && existsSync(keyFile) && !config.initDb) {
    throw new ConfigError(
      `COMMENTS_DB: ${file} is missing but its key file ${keyFile} is there, so the database was deleted or moved; ` +
        'restore it, or start with --init (or COMMENTS_DB_INIT=1) to begin with an empty one',
    );
  }
  let store: SqliteStore;
  try {
    store = new SqliteStore(file);
  } catch (error) {
    throw new ConfigError(`COMMENTS_DB: ${file} ${reasonOf(error, file)}`);
  }
  try {
    return { store, addressKey: config.addressKey ?? readOrCreateKey(keyFile) };
  } catch (error) {
    void store.close();
    throw new ConfigError(`COMMENTS_DB: the address key file ${keyFile} ${reasonOf(error, keyFile)}`);
  }
}
