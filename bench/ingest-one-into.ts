/**
 * One-article ingest into an existing database (e.g. the one `pipeline-scale.js` leaves after a
 * 200k stream): fresh generated articles (another seed, so none is stored yet) are ingested one
 * call each into a copy of the database, each call opening the store, ingesting one JSONL file and
 * closing it, as `wiretrace ingest` does minus node's start-up; with --kept, into one store kept
 * open with one analysis state, as a server's uploads are. The first --warm articles are ingested
 * untimed (the process's word caches fill as in a long-running one), the same way (with --kept and
 * --fresh-state, the timed calls then start a new analysis state: a server's first uploads);
 * --cpu-profile FILE writes a V8 CPU profile of the timed calls alone. --in-place ingests into FILE
 * itself (a copy made beforehand, changed by the run): a database too big to be held in the page cache
 * twice over, with its source and its copy, is measured with only the copy read.
 * Each timed upload's relations found (copies and rewrites, at most 8) are counted after it (a counter row):
 * `byRelations` gives the median time of the uploads that found k of them, for each k, so a bigger
 * database's cost is seen apart from what its uploads find (more related articles to align and link).
 * An exact duplicate of a stored article is skipped, and counts among the uploads that found 0.
 * Run: npx tsc -p tsconfig.json && node dist/bench/ingest-one-into.js --db FILE [--count 30] [--warm 10] [--seed 99] [--kept [--fresh-state]] [--cpu-profile FILE] [--in-place]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { resolveOptions } from '../src/core/config.js';
import { corpusLines, generateCorpus } from './scale/corpus-files.js';
import { cpuMs, percentiles } from './scale/call-times.js';
import { copyDatabase } from './scale/database-files.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    count: { type: 'string', default: '30' },
    warm: { type: 'string', default: '10' },
    seed: { type: 'string', default: '99' },
    kept: { type: 'boolean', default: false },
    'fresh-state': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    'in-place': { type: 'boolean', default: false },
  },
});
if (!values.db) throw new Error('--db FILE is required');
const count = Number(values.count);
const warm = Number(values.warm);
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-one-into-'));
const db = values['in-place'] ? values.db : join(dir, 'copy.db');
try {
  // The corpus before the copy: a failed generation leaves no multi-GB copy behind.
  generateCorpus(join(dir, 'corpus'), warm + count, { seed: Number(values.seed), real: false });
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}
if (!values['in-place']) copyDatabase(values.db, db);
const files: string[] = [];
for await (const line of corpusLines(join(dir, 'corpus'))) {
  const file = join(dir, `one-${files.length}.jsonl`);
  writeFileSync(file, `${line}\n`);
  files.push(file);
}
const probe = openSqliteStore(db);
const size = await probe.countArticles();
/** Relations stored before the next call. */
let relations = await probe.countRelations();
await probe.close();

const kept = values.kept ? openSqliteStore(db) : null;
let analysis = kept ? new AnalysisState(kept, resolveOptions()) : undefined;
/** One call: the article ingested into the kept store, or into one opened and closed for it; the relations stored after it (a counter row: microseconds). */
async function ingestOne(file: string): Promise<number> {
  const store = kept ?? openSqliteStore(db);
  await ingestPaths(store, [file], { analysis });
  const stored = await store.countRelations();
  if (!kept) await store.close();
  return stored;
}

for (const file of files.slice(0, warm)) relations = await ingestOne(file);
if (kept && values['fresh-state']) analysis = new AnalysisState(kept, resolveOptions());
const profiler = values['cpu-profile'] ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const times: number[] = [];
const cpuTimes: number[] = [];
/** Relations each timed upload added: its found copies and rewrites, at most `ALIGNED` (8). */
const found: number[] = [];
for (const file of files.slice(warm)) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const now = await ingestOne(file);
  times.push(performance.now() - started);
  cpuTimes.push(cpuMs(process.cpuUsage(cpuStarted)));
  found.push(now - relations);
  relations = now;
}
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(values['cpu-profile']!, JSON.stringify(profile));
}
await kept?.close();
rmSync(dir, { recursive: true, force: true });
const cpu = percentiles(cpuTimes);
/** The uploads that found k relations, for each k: what size costs apart from what an upload finds. */
const byRelations: Record<number, { uploads: number; medianMs: number; cpuMedianMs: number }> = {};
for (const k of [...new Set(found)].sort((a, b) => a - b)) {
  const at = found.flatMap((n, i) => (n === k ? [i] : []));
  byRelations[k] = { uploads: at.length, medianMs: percentiles(at.map((i) => times[i]!)).medianMs, cpuMedianMs: percentiles(at.map((i) => cpuTimes[i]!)).medianMs };
}
const relationsPerUpload = Number((found.reduce((a, b) => a + b, 0) / Math.max(1, found.length)).toFixed(2));
const result = { size, kept: values.kept, freshState: values['fresh-state'], calls: times.length, ...percentiles(times), cpuMedianMs: cpu.medianMs, cpuP90Ms: cpu.p90Ms, relationsPerUpload, byRelations };
console.log(JSON.stringify(result));
console.log(
  `ingest-one into ${size}${values.kept ? ` (kept open${values['fresh-state'] ? ', fresh state' : ''})` : ''}: median ${result.medianMs} ms, p90 ${result.p90Ms} ms, max ${result.maxMs} ms, mean ${result.meanMs} ms, CPU median ${result.cpuMedianMs} ms, p90 ${result.cpuP90Ms} ms over ${result.calls} calls, ${relationsPerUpload} relations found per upload`,
);
