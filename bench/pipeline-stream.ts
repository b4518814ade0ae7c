/**
 * A stream of small ingests into a big database: the BBC corpus (files) minus 50 held-out files is
 * ingested in one call, then the 50 held-out files are ingested one call each, as a feed would
 * deliver them. Reports the mean and worst time of a single-file ingest; with incremental derived
 * views it must not grow with the database.
 * Run: npx tsc -p tsconfig.json && node dist/bench/pipeline-stream.js [--stream 50]
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVAL_DIR } from './corpora.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';

const at = process.argv.indexOf('--stream');
const streamCount = at >= 0 ? Number(process.argv[at + 1]) : 50;

function bbcFiles(root: string): string[] {
  const out: string[] = [];
  for (const topic of readdirSync(root).sort()) {
    const dir = join(root, topic);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.txt')) out.push(join(dir, f));
  }
  return out;
}

const files = bbcFiles(join(EVAL_DIR, 'corpus-bbc'));
const step = Math.max(1, Math.floor(files.length / streamCount));
const held = new Set(files.filter((_, i) => i % step === 0).slice(0, streamCount));
const base = files.filter((f) => !held.has(f));

const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'wiretrace-stream-')), 'stream.db'));
let started = performance.now();
const baseSummary = await ingestPaths(store, base);
const baseSeconds = (performance.now() - started) / 1000;
const times: number[] = [];
for (const file of held) {
  started = performance.now();
  await ingestPaths(store, [file]);
  times.push(performance.now() - started);
}
await store.close();
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const sorted = [...times].sort((a, b) => a - b);
const result = {
  baseArticles: baseSummary.added,
  baseSeconds: Number(baseSeconds.toFixed(1)),
  streamed: times.length,
  meanMs: Math.round(mean),
  medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
  maxMs: Math.round(sorted[sorted.length - 1]!),
};
console.log(JSON.stringify(result, null, 2));
console.log(`stream: ${result.streamed} single-file ingests into ${result.baseArticles} articles: mean ${result.meanMs} ms, median ${result.medianMs} ms, max ${result.maxMs} ms`);
