/**
 * Which B-trees the pages a long stream's checkpoints write belong to: the next articles are analysed
 * into a copy of its database, buckets held, while a read transaction opened before keeps every frame
 * in the WAL (no checkpoint may copy past a reader's snapshot, nor restart the log under it). Each
 * frame's page is then matched with the B-tree it belonged to before the ingest (SQLite's `dbstat`, read
 * in that transaction); `state_rows` leaves are told apart by the namespace of their first row, and
 * pages the database did not have before count as new. The rows the analysis holds back at the end are
 * written and counted too: count enough articles that their flushes, every few hundred, are in it.
 * Run: npx tsc -p tsconfig.json && node dist/bench/wal-census.js --db FILE --file NEXT.jsonl [--count 400]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { resolveOptions } from '../src/core/config.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { flushAnalysis } from '../src/pipeline/analyze.js';
import { copyDatabase } from './scale/database-files.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, file: { type: 'string' }, count: { type: 'string', default: '400' } } });
if (!values.db || !values.file) throw new Error('give the database with --db and the next articles (JSONL) with --file');
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-wal-'));
const file = join(dir, 'census.db');
const next = join(dir, 'next.jsonl');
writeFileSync(next, readFileSync(values.file, 'utf8').split('\n').filter(Boolean).slice(0, Number(values.count)).join('\n') + '\n');
copyDatabase(values.db, file);
try {
  const store = await openSqliteStore(file);
  store.db.pragma('wal_autocheckpoint = 0');
  const before = new Database(file, { readonly: true });
  before.exec('BEGIN');
  before.prepare('SELECT count(*) FROM articles').pluck().get();
  const analysis = new AnalysisState(store, resolveOptions());
  await store.transaction(async (tx) => {
    await analysis.begin(tx);
    await analysis.holdBuckets(tx);
  });
  analysis.committed();
  const articlesBefore = await store.countArticles();
  await ingestPaths(store, [next], { analysis });
  // The rows the analysis still holds back are its writes too (an ingest of its own writes them as it ends).
  await flushAnalysis(store, analysis);
  const articles = (await store.countArticles()) - articlesBefore;
  const wal = readFileSync(`${file}-wal`);
  const { pageSize, frames, commits } = walFrames(wal);
  const owners = pageOwners(before, new Set(frames.map((f) => f.page)));
  const pagesBefore = before.pragma('page_count', { simple: true }) as number;
  before.exec('COMMIT');
  before.close();
  await store.close();
  const byTree = new Map<string, number>();
  const byNamespace = new Map<string, number>();
  for (const { page, at } of frames) {
    const owner = owners.get(page);
    const tree = owner ? `${owner.name} ${owner.type}` : page > pagesBefore ? 'new' : 'freed before';
    byTree.set(tree, (byTree.get(tree) ?? 0) + 1);
    if (owner?.name === 'state_rows' && owner.type === 'leaf') {
      const ns = firstNamespace(wal.subarray(at, at + pageSize));
      byNamespace.set(ns, (byNamespace.get(ns) ?? 0) + 1);
    }
  }
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
  const result = { articles, frames: frames.length, commits, framesPerArticle: Number((frames.length / Math.max(1, articles)).toFixed(1)), byTree: sorted(byTree), stateRowLeavesByNamespace: sorted(byNamespace) };
  console.log(JSON.stringify(result, null, 2));
  const top = Object.entries(result.byTree).slice(0, 6).map(([k, n]) => `${k} ${((100 * n) / frames.length).toFixed(1)}%`);
  console.log(`wal-census: ${articles} articles wrote ${frames.length} pages to the WAL in ${commits} commits (${result.framesPerArticle} an article): ${top.join(', ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The WAL's frames of the current log (salts as its header's), each with its page number and where its page starts. */
function walFrames(wal: Buffer): { pageSize: number; frames: Array<{ page: number; at: number }>; commits: number } {
  const pageSize = wal.readUInt32BE(8);
  const salts = wal.subarray(16, 24);
  const frames: Array<{ page: number; at: number }> = [];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (!wal.subarray(at + 8, at + 16).equals(salts)) break;
    frames.push({ page: wal.readUInt32BE(at), at: at + 24 });
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return { pageSize, frames, commits };
}

function pageOwners(db: Database.Database, pages: ReadonlySet<number>): Map<number, { name: string; type: string }> {
  const owners = new Map<number, { name: string; type: string }>();
  for (const [name, page, type] of db.prepare('SELECT name, pageno, pagetype FROM dbstat').raw().iterate() as Iterable<[string, number, string]>) {
    if (pages.has(page)) owners.set(page, { name, type });
  }
  return owners;
}

/** The `ns` column of the first row on a leaf page of `state_rows` (an index B-tree: WITHOUT ROWID). */
function firstNamespace(page: Buffer): string {
  if (page[0] !== 0x0a) return '(not a leaf now)';
  let at = page.readUInt16BE(8);
  at = varint(page, at).next; // payload size
  const headerStart = at;
  const header = varint(page, at);
  const serial = varint(page, header.next).value;
  const length = (serial - 13) / 2;
  return page.subarray(headerStart + header.value, headerStart + header.value + length).toString('utf8');
}

function varint(bytes: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const b = bytes[at + i]!;
    if (i === 8) return { value: value * 256 + b, next: at + 9 };
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) return { value, next: at + i + 1 };
  }
  return { value, next: at + 9 };
}
