/**
 * What every SQL store class shares: the statement runner each database supplies, and the hooks a
 * database overrides (sqlite-store.ts checks its file before writing and returns freed pages after
 * an erase; d1-store.ts blanks rows before deleting them). sql-newsletter.ts and sql-store.ts build on it.
 */
export type Row = Record<string, unknown>;

/** Runs one parameterised statement (`?` placeholders). */
export interface SqlDatabase {
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Returns how many rows the statement changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

/** `?, ?, ?` for a list of values. */
export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export class SqlStoreBase {
  protected readonly sql: SqlDatabase;

  constructor(sql: SqlDatabase) {
    this.sql = sql;
  }

  /** Called before every write: a store refuses here when its storage must not be written. */
  protected async beforeWrite(): Promise<void> {}

  /** Called after rows were deleted or personal data erased: a store makes sure it cannot be read back. */
  protected async afterErase(): Promise<void> {}

  /**
   * Called before comments are deleted: a store whose database does not overwrite deleted rows
   * (D1) blanks them first, so that the freed space holds no personal data.
   */
  protected async beforeDelete(_ids: readonly string[]): Promise<void> {}

  protected async first(query: string, params: readonly unknown[]): Promise<Row | undefined> {
    return (await this.sql.all(query, params))[0];
  }
}
