/**
 * The hostile-input catalogue (test/fixtures/hostile/manifest.json) run through the CLI: every case
 * sits between two good files in one `wiretrace ingest GOOD <bad> GOOD <bad> ... GOOD` run, and each
 * must add exactly its expected articles, quarantine or warn with its expected codes (the message
 * naming the file and record), and leave every good file ingested and analysed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import type { QuarantineRecord } from '../src/core/types.js';
import { escapeControls } from '../src/ingest/sanitize.js';
import type { ReadWarning } from '../src/ingest/warnings.js';
import type { IngestSummary } from '../src/pipeline/ingest.js';
import { findArticle } from '../src/pipeline/queries.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { generate } from './hostile-generate.js';
import { PROSE } from './ingest-helpers.js';
import { scratchDir } from './scratch.js';

interface Expected {
  code: string;
  at: string;
}

interface HostileCase {
  case: string;
  input: string;
  generate?: string;
  articles: string[];
  quarantine: Expected[];
  /** When more records than those listed are quarantined (all of the same kind). */
  quarantined?: number;
  warnings: Expected[];
}

const root = packageRoot();
const bin = path.join(root, 'bin', 'wiretrace.js');
const fixtures = path.join(root, 'test', 'fixtures', 'hostile');
const { cases } = JSON.parse(fs.readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as { cases: HostileCase[] };

/** One run ingests everything: a crash or hang on any input fails every case, as it would lose the rest of a user's run. */
const HANG_GUARD_MS = 15 * 60 * 1000;

function goodFile(dir: string, i: number): string {
  const file = path.join(dir, 'good', `good-${String(i).padStart(3, '0')}.txt`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `Good story number ${i}\n\n${PROSE.replace('Senior officials', `Senior officials of delegation ${i}`)}\n`);
  return file;
}

/** True when `origin` is `input` itself or a record or file inside it (`a.warc:record 2`, `folder/x.txt`, `f.rss:item 1 (url)`). */
function from(origin: string, input: string): boolean {
  return origin === input || (origin.startsWith(input) && /^[:/ []/.test(origin.slice(input.length)));
}

function matchAll<T extends { code: string; message: string }>(label: string, got: T[], expected: Expected[], count = expected.length): void {
  assert.equal(got.length, count, `${label}: ${got.length} instead of ${count}: ${got.map((g) => `${g.code} ${g.message}`).join(' | ')}`);
  for (const want of expected) {
    const re = new RegExp(want.at);
    assert.ok(got.some((g) => g.code === want.code && re.test(g.message)), `${label}: no ${want.code} matching /${want.at}/ in: ${got.map((g) => `${g.code} ${g.message}`).join(' | ')}`);
  }
}

test(`the hostile catalogue: ${cases.length} bad inputs, each between good ones, in one ingest`, { timeout: HANG_GUARD_MS }, async () => {
  assert.ok(cases.length >= 70);
  const dir = scratchDir('hostile');
  const handles = { close: [] as Array<() => void> };
  const inputs: string[] = [];
  try {
    for (const c of cases) {
      const input = c.generate ? path.join(dir, 'generated', c.input) : path.join(fixtures, c.input);
      if (c.generate) await generate(c.generate, input, handles);
      inputs.push(input);
    }
    const args = [goodFile(dir, 0)];
    inputs.forEach((input, i) => args.push(input, goodFile(dir, i + 1)));
    const db = path.join(dir, 'hostile.db');
    const run = spawnSync(process.execPath, [bin, 'ingest', ...args, '--db', db, '--json'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: HANG_GUARD_MS - 60_000,
    });
    assert.equal(run.status, 3, `exit ${run.status} (${run.signal ?? 'no signal'}): ${run.stderr.slice(-2000)}`);
    const summary = JSON.parse(run.stdout) as IngestSummary;
    const store = openSqliteStore(db);
    try {
      const listed = await store.listArticles({ limit: 100_000 });
      const names = new Set(listed.map((a) => a.name));
      assert.equal(names.size, listed.length, 'every case names its articles apart from the others');
      for (let i = 0; i <= cases.length; i++) assert.ok(names.has(`good-${String(i).padStart(3, '0')}.txt`), `good file ${i} was lost`);
      const expectedArticles = cases.reduce((n, c) => n + c.articles.length, cases.length + 1);
      assert.equal(summary.added, expectedArticles, 'articles added');
      assert.equal(names.size, expectedArticles, 'articles stored');
      assert.equal(summary.analysed, summary.added, 'every added article analysed');
      cases.forEach((c, i) => {
        const shown = escapeControls(inputs[i]!);
        const label = `${c.case} (${c.input})`;
        for (const name of c.articles) assert.ok(names.has(name), `${label}: article ${name} missing`);
        matchAll<QuarantineRecord>(label, summary.errors.filter((e) => from(e.origin, shown)), c.quarantine, c.quarantined);
        matchAll<ReadWarning>(`${label} warnings`, summary.warnings.filter((w) => from(w.origin, shown)), c.warnings);
      });
      assert.equal(summary.errors.length, cases.reduce((n, c) => n + (c.quarantined ?? c.quarantine.length), 0), 'no quarantine from a good file');
      assert.ok(!summary.errors.some((e) => e.code === 'INTERNAL' || e.code === 'ANALYSIS_FAILED'), 'no input reached an unexpected error');

      // What the issue saw go wrong inside the articles that were read.
      const stored = async (name: string) => (await findArticle(store, name))!;
      const nul = await stored('nul-after-8k.txt');
      assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(nul.text), 'control characters removed from stored text');
      const lossy = await stored('utf8-six-invalid-bytes.txt');
      assert.equal(lossy.title, 'Café talks in Zürich');
      assert.equal((lossy.text.match(/\ufffd/g) ?? []).length, 6);
      const cr = await stored('cr-only-line-endings.txt');
      assert.equal(cr.title, 'Old Mac Line Endings Keep Their Title');
      assert.equal(cr.paragraphs.length, 2);
      const escaped = await stored('nul-escapes');
      assert.ok(!/[\u0000-\u001f]/.test(`${escaped.title}${escaped.text}`));
      assert.ok((await stored('long-line.txt')).words > 150_000);
    } finally {
      await store.close();
    }
  } finally {
    for (const close of handles.close) close();
  }
});
