/**
 * Storage that cannot serve: the database file gone, replaced, full, read-only or damaged.
 * Requests that meet one are answered 503 and logged once a minute per distinct reason.
 */
export class StorageFault extends Error {
  override name = 'StorageFault';
}

/** SQLite result codes (the primary code, low byte) that mean the storage, not the request, failed. */
const storageErrorCodes = new Set([
  8, // SQLITE_READONLY
  10, // SQLITE_IOERR
  11, // SQLITE_CORRUPT
  13, // SQLITE_FULL
  14, // SQLITE_CANTOPEN
  26, // SQLITE_NOTADB
]);

interface SqliteError extends Error {
  code: 'ERR_SQLITE_ERROR';
  errcode: number;
  errstr: string;
}

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Error && (error as Partial<SqliteError>).code === 'ERR_SQLITE_ERROR';
}

export function isStorageFault(error: unknown): boolean {
  return error instanceof StorageFault || (isSqliteError(error) && storageErrorCodes.has(error.errcode & 0xff));
}

export const diskFullReason = 'the disk holding the database is full';

/** A one-line reason for the log and the health answer. */
export function faultReason(error: unknown): string {
  // However it is noticed (a write refused, or the free space seen by /health), a full disk is one reason.
  if (isSqliteError(error) && (error.errcode & 0xff) === 13) return diskFullReason;
  if (isSqliteError(error)) return `${error.errstr} (${error.message})`;
  return error instanceof Error ? error.message : String(error);
}

/** Logs each distinct reason at most once per interval, as one line without a stack trace. */
export class FaultLog {
  private readonly lastLogged = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly write: (line: string) => void;

  constructor(write: (line: string) => void = (line) => console.error(line), intervalMs = 60_000) {
    this.write = write;
    this.intervalMs = intervalMs;
  }

  report(error: unknown, now = Date.now()): void {
    const reason = faultReason(error);
    const last = this.lastLogged.get(reason);
    if (last !== undefined && now - last < this.intervalMs) return;
    for (const [key, time] of this.lastLogged) if (now - time >= this.intervalMs) this.lastLogged.delete(key);
    this.lastLogged.set(reason, now);
    this.write(`comments: storage unavailable: ${reason}`);
  }
}
