import { openPostgresStore, isPostgresUrl } from './postgres/pg-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the store a `--db` value (or WIRETRACE_DB) names: a `postgres://` (or `postgresql://`) URL
 * opens PostgreSQL, anything else is a SQLite file (or ':memory:').
 */
export function openStore(location: string): Store {
  return isPostgresUrl(location) ? openPostgresStore(location) : openSqliteStore(location);
}
