import type { Command } from 'commander';
import { DEFAULT_OPTIONS } from '../core/config.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

/** Adds the options every data command takes. */
export function withDb(command: Command): Command {
  return command.option('--db <file>', 'SQLite database file, or postgres://user@host/db (env WIRETRACE_DB)', DEFAULT_OPTIONS.db);
}

export { openStore };

/** Opens the store, runs `fn`, closes the store whatever happens. */
export async function withStore<T>(file: string, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(file);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export const useColor = (): boolean => process.stdout.isTTY === true && !process.env.NO_COLOR;

export function pageOptions(command: Command): Command {
  return command
    .option('--offset <n>', 'skip this many rows', (v) => Number.parseInt(v, 10), 0)
    .option('--limit <n>', 'at most this many rows', (v) => Number.parseInt(v, 10), 100);
}
