/** Copies of SQLite databases for benchmarks that measure work done into an existing one. */
import { copyFileSync, existsSync, rmSync } from 'node:fs';

const SUFFIXES = ['', '-wal', '-shm'];

/** A closed SQLite database with its WAL files, if any. */
export function copyDatabase(from: string, to: string): void {
  for (const suffix of SUFFIXES) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
}

/** A measured copy, once done with (a copy of a 200k-article database is several GB). */
export function removeDatabase(file: string): void {
  for (const suffix of SUFFIXES) rmSync(file + suffix, { force: true });
}
