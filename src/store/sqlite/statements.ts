import Database from 'better-sqlite3';
import { createError } from '../../core/errors.js';

/** A connection with its prepared statements, each prepared once and reused. */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `write` in one transaction. Inside an open one it just runs: a throw rolls the whole
   * transaction back (that is the store's contract), so a savepoint per write would only cost.
   */
  atomically<T>(write: () => T): T {
    if (this.db.inTransaction) return write();
    return this.db.transaction(write)();
  }

  clear(): void {
    this.cache.clear();
  }
}

export function isSqliteError(error: unknown): error is InstanceType<Database.SqliteError> {
  return error instanceof Database.SqliteError;
}

/** Runs a write that names articles; a missing one becomes NOT_FOUND instead of a bare constraint error. */
export function withArticles<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw createError('NOT_FOUND', `article ${what} (store the article first)`);
    }
    throw error;
  }
}

/** A page key that names no row of the list. */
export function unknownPageKey(list: string, key: string): Error {
  return createError('BAD_REQUEST', `page key ${JSON.stringify(key)} names no row of the ${list} list`);
}
