import pg from 'pg';
import { createError } from '../../core/errors.js';
import { AsyncMutex } from '../mutex.js';
import { StoreUnavailable } from '../unavailable.js';

/** Runs statements: on the pool (autocommit) or on a transaction's client. */
export interface Sql {
  /** Runs one statement and resolves to its rows. */
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * A write whose rows nobody reads. In a transaction it is sent behind the statements before it
   * and not waited for: the caller goes on while the server works (one round trip less to wait for
   * per write), and a failure (through `failure`, which may name it better) fails the transaction's
   * next statement, or its commit. On the pool it runs at once.
   */
  write(text: string, params?: readonly unknown[], failure?: (error: unknown) => unknown): Promise<void>;
  /** Resolves once every write sent is done; rejects with the first one that failed. */
  settle(): Promise<void>;
}

export function sqlOn(client: pg.Pool | pg.ClientBase): Sql {
  const run = async <R>(text: string, params: readonly unknown[]) => {
    try {
      return (await client.query(text, params as unknown[])).rows as R[];
    } catch (error) {
      throw lostConnection(error) ? new StoreUnavailable((error as Error).message, { cause: error }) : error;
    }
  };
  if (client instanceof pg.Pool) {
    return {
      rows: (text, params = []) => run(text, params),
      write: async (text, params = [], failure = (e) => e) => {
        await run(text, params).catch((error: unknown) => Promise.reject(failure(error)));
      },
      settle: async () => undefined,
    };
  }
  // One client runs one statement at a time: statements sent at once through a transaction's handle queue here, in order.
  const turn = new AsyncMutex();
  let failed: { error: unknown } | null = null;
  const check = () => {
    if (failed) throw failed.error;
  };
  return {
    async rows<R>(text: string, params: readonly unknown[] = []) {
      check();
      try {
        return await turn.run(() => run<R>(text, params));
      } catch (error) {
        // After a failed write the transaction is aborted: say why, not that it is.
        throw failed?.error ?? error;
      }
    },
    async write(text, params = [], failure = (e) => e) {
      check();
      turn.run(() => run(text, params)).catch((error: unknown) => (failed ??= { error: failure(error) }));
    },
    async settle() {
      await turn.run(() => undefined);
      check();
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

/** A write that names articles failing because one is missing: NOT_FOUND instead of a bare constraint error (for `Sql.write`). */
export function namingArticles(what: string): (error: unknown) => unknown {
  return (error) => ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION ? createError('NOT_FOUND', `article ${what} (store the article first)`) : error);
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
