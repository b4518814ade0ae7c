import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_OPTIONS } from '../core/config.js';
import { openStore as openStoreAt } from '../store/open.js';
import type { Store } from '../store/store.js';
import { UsageError } from './exit.js';
import { integerOption } from './options.js';

/** Adds the options every data command takes. */
export function withDb(command: Command): Command {
  return command.option('--db <file>', 'SQLite database file, or postgres://user@host/db (env WIRETRACE_DB)', DEFAULT_OPTIONS.db);
}

export interface OpenOptions {
  /** Make a new database when the file does not exist (ingest, demo, serve); read commands need one that does. */
  create?: boolean;
}

/**
 * Opens the database `--db` names. A mistyped name is a usage error, not a new empty database:
 * only commands that write (`create`) make one, and never in a folder that does not exist.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  if (!isUrl(file)) checkDbPath(file, options.create === true);
  return openStoreAt(file);
}

function checkDbPath(file: string, create: boolean): void {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new UsageError(`--db ${file} is a folder; name a database file`);
  if (stat) return;
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) throw new UsageError(`--db ${file}: the folder ${folder} does not exist`);
  if (!create) {
    throw new UsageError(`--db ${file}: no such database (a read command never makes one; \`wiretrace ingest <path> --db ${file}\` does)`);
  }
}

/** An `--out` file can be written: its folder exists and it is not a folder itself. */
export function checkOutFile(file: string): void {
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) throw new UsageError(`--out ${file}: the folder ${folder} does not exist`);
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${file} is a folder; name a file`);
}

/** `postgres://…` and other store URLs are not files. */
function isUrl(file: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(file);
}

/** Opens the store, runs `fn`, closes the store whatever happens. */
export async function withStore<T>(file: string, fn: (store: Store) => T | Promise<T>, options: OpenOptions = {}): Promise<T> {
  const store = openStore(file, options);
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
    .option('--offset <n>', 'skip this many rows', integerOption(0), 0)
    .option('--limit <n>', 'at most this many rows (1..1000)', integerOption(1, 1000), 100);
}
