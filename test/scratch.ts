import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh temporary folder, removed when the test file's process exits (each test file runs in its own). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wiretrace-${prefix}-`));
  if (made.length === 0) process.once('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  made.push(dir);
  return dir;
}
