/**
 * What the CLI prints for hostile input: escape sequences in names never reach the terminal raw, a
 * folder with a link loop and a named pipe gets warnings (with or without --json, progress on), and
 * an error nobody expected is one line with a catalog code, never a stack trace or an install path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { unexpectedErrorLine } from '../src/cli/unexpected.js';
import { generate } from './hostile-generate.js';
import { PROSE } from './ingest-helpers.js';
import { scratchDir } from './scratch.js';

const root = packageRoot();
const bin = path.join(root, 'bin', 'wiretrace.js');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, WIRETRACE_DEBUG: '' }, timeout: 300_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('folders with a link loop and a named pipe, and names holding escape sequences: warnings and escaped names, without --json', async () => {
  const dir = scratchDir('hostile-cli');
  const handles = { close: [] as Array<() => void> };
  const loop = path.join(dir, 'loop');
  const fifo = path.join(dir, 'fifo');
  const evil = path.join(dir, 'evil\u001b[2Jname.txt');
  const evilEmpty = path.join(dir, '\u001b]0;owned\u0007.txt');
  await generate('folder-symlink-loop', loop, handles);
  await generate('folder-fifo', fifo, handles);
  await generate('escape-sequence-name', evil, handles);
  await generate('escape-sequence-empty', evilEmpty, handles);
  const good = path.join(dir, 'good.txt');
  fs.writeFileSync(good, `Good\n\n${PROSE}`);
  const run = cli(['ingest', loop, fifo, evil, evilEmpty, good, '--db', path.join(dir, 'cli.db')]);
  assert.equal(run.status, 3, run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no raw control character reaches the terminal');
  assert.match(run.stderr, /warning: .*loop\/inner\/back: skipped, a link to a folder already read .*\[SKIPPED_LOOP\]/);
  assert.match(run.stderr, /warning: .*fifo\/pipe\.txt: skipped \(a named pipe, not a regular file\) \[SKIPPED_SPECIAL\]/);
  assert.match(run.stderr, /quarantined: .*\\x1b\]0;owned\\x07\.txt: empty file \[EMPTY_FILE\]/);
  assert.match(run.stdout, /ingested 6 records: 5 added, 0 already stored, 1 quarantined, 2 warnings/);
  const articles = cli(['articles', '--db', path.join(dir, 'cli.db'), '--json']);
  assert.ok((JSON.parse(articles.stdout) as Array<{ name: string }>).some((a) => a.name === 'evil\\x1b[2Jname.txt'));
});

test('an unexpected error prints one INTERNAL line: no stack trace, no install path', () => {
  const dir = scratchDir('hostile-cli-db');
  const notADatabase = path.join(dir, 'notes.db');
  fs.writeFileSync(notADatabase, 'these are my notes, not a database; '.repeat(200));
  const run = cli(['articles', '--db', notADatabase]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^wiretrace: internal error: .+ \[INTERNAL\]/);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\s+at\s|node_modules|dist\/src/);

  const error = new TypeError(`cannot read ${path.join(root, 'dist', 'src', 'x.js')}`);
  const line = unexpectedErrorLine(error, {});
  assert.ok(!line.includes(root), line);
  assert.match(line, /^wiretrace: internal error: TypeError: cannot read <wiretrace>\/dist\/src\/x\.js \[INTERNAL\]/);
  assert.match(unexpectedErrorLine(error, { WIRETRACE_DEBUG: '1' }), /\n\s+at /, 'WIRETRACE_DEBUG shows the stack');
});
