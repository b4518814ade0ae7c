import pg from 'pg';
import { createError } from '../../core/errors.js';
import { AsyncMutex } from '../mutex.js';
import { StoreUnavailable } from '../unavailable.js';

/** Runs one statement and resolves to its rows: the pool (autocommit) or a transaction's client. */
export interface Sql {
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export function sqlOn(client: pg.Pool | pg.ClientBase): Sql {
  // One client runs one statement at a time: calls made at once through a transaction's handle queue here.
  const turn = client instanceof pg.Pool ? null : new AsyncMutex();
  const run = async <R>(text: string, params: readonly unknown[]) => {
    try {
      return (await client.query(text, params as unknown[])).rows as R[];
    } catch (error) {
      throw lostConnection(error) ? new StoreUnavailable((error as Error).message, { cause: error }) : error;
    }
  };
  return {
    rows<R>(text: string, params: readonly unknown[] = []) {
      return turn ? turn.run(() => run<R>(text, params)) : run<R>(text, params);
    },
  };
}

/** Rewrites `?` placeholders as `$1, $2, ...` (from `first`), for SQL shared with the SQLite helpers. */
export function numbered(text: string, first = 1): string {
  let n = first;
  return text.replace(/\?/g, () => `$${n++}`);
}

/**
 * A failure of the connection, not of the statement: class 08 (connection exception), 57P01–57P03
 * (the server shutting down or terminating the backend), or the socket closing under the client.
 */
function lostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|57P0[123]$)/.test(code)) return true;
  return /connection|terminated|not queryable|ECONNRESET|ECONNREFUSED|EPIPE/i.test(String((error as Error)?.message));
}

/** PostgreSQL's codes for the errors the store turns into catalog errors. */
const FOREIGN_KEY_VIOLATION = '23503';

/** Runs a write that names articles; a missing one becomes NOT_FOUND instead of a bare constraint error. */
export async function withArticles<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw createError('NOT_FOUND', `article ${what} (store the article first)`);
    throw error;
  }
}

/** bigint and numeric counts come back as numbers (every count and seq here fits in 2^53). */
export const NUMBER_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A URL with its password hidden, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
