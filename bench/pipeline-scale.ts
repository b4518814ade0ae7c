/**
 * The whole pipeline over a long stream, as a user would run it: a fresh SQLite database and one
 * `ingestPaths` call over a folder of JSONL files (the real Reuters + BBC articles, then generated
 * ones, see generate-corpus.ts). Reports articles per wall-second overall and per window of
 * analysed articles, CPU per article, the last window's cost over the second's (flat cost: <= 1.3),
 * peak RSS and what the store holds at the end.
 * Run: npx tsc -p tsconfig.json && node dist/bench/pipeline-scale.js [--count 200000] [--file FILE|DIR] [--window 10000] [--seed 1] [--synthetic-only] [--db FILE [--hold-buckets] [--in-place]] [--profile-at N,M,... --profile-articles 3000 --profile PREFIX]
 *   --file reuses a corpus (a JSONL file or a folder of them); without it one is generated in a child process.
 *   --db ingests into a copy of that database instead of a fresh one: late in a long stream without a
 *   new long run (the database a 200k run left, and `generate-corpus.js --count 200000 --real --continue 2000`).
 *   --hold-buckets holds its LSH buckets in memory from the start, as the long stream that left it did
 *   (a continuation of a few thousand articles into a big database would otherwise look them up).
 *   A continuation's copy is removed at the end; a stream's database is left, and its path printed.
 *   --in-place ingests into that database itself and keeps it: one long stream in several runs (the
 *   articles past 200k, `generate-corpus.js --count 200000 --real --continue 800000`, a part at a time).
 *   --profile-at writes a V8 CPU profile of the main thread from each of those analysed-article counts
 *   for --profile-articles more, to PREFIX-COUNT.cpuprofile (see scale/profile-points.ts).
 * Each full window is also printed to stderr as it closes, so a run stopped early keeps its figures.
 * Prints the main thread's CPU beside the whole process's: the main thread runs the ordered steps, so its
 * time bounds the wall time once the other threads have room on the second core. Each window also splits
 * the rest: V8's helper threads (concurrent marking and sweeping, parallel scavenges, compiling: garbage
 * the heaps make) and each thread started since, by task id in order of start (the prepare worker, the
 * alignment thread, the checkpoint thread); with the main heap in use at the window's end and, for the
 * whole run, the main thread's GC pauses.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths, type IngestOptions } from '../src/pipeline/ingest.js';
import { DEFAULT_OPTIONS, resolveOptions } from '../src/core/config.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { flushAnalysis } from '../src/pipeline/analyze.js';
import { generateCorpus } from './scale/corpus-files.js';
import { PeakMemory } from './scale/memory.js';
import { AnalyzeWindows } from './scale/windows.js';
import { storeCounts } from './scale/counts.js';
import { bytesWritten, mainThreadCpuSeconds } from './scale/process-cpu.js';
import { copyDatabase } from './scale/database-files.js';
import { ProfilePoints } from './scale/profile-points.js';
import { GcPauseCounter } from './scale/gc-pauses.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200000' },
    file: { type: 'string' },
    window: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'synthetic-only': { type: 'boolean', default: false },
    db: { type: 'string' },
    'hold-buckets': { type: 'boolean', default: false },
    'in-place': { type: 'boolean', default: false },
    'profile-at': { type: 'string' },
    'profile-articles': { type: 'string', default: '3000' },
    profile: { type: 'string', default: 'pipeline-scale' },
  },
});
if ((values['hold-buckets'] || values['in-place']) && !values.db) throw new Error('--hold-buckets and --in-place continue a database: give it with --db');
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-scale-'));
let corpus = values.file;
if (!corpus) {
  corpus = join(dir, 'corpus');
  generateCorpus(corpus, Number(values.count), { seed: Number(values.seed), real: !values['synthetic-only'] });
}
const options: IngestOptions = {};
if (!statSync(corpus).isDirectory() && statSync(corpus).size > DEFAULT_OPTIONS.maxBytes) {
  // One big file: the JSONL reader reads a file whole, so it is allowed past the 50 MiB limit (and its size counts in RSS).
  options.maxBytes = statSync(corpus).size + 1;
  console.error(`note: ${corpus} is over ${DEFAULT_OPTIONS.maxBytes} bytes; ingesting with maxBytes ${options.maxBytes}`);
}

const file = values['in-place'] ? values.db! : join(dir, 'scale.db');
// Copied before the clocks start: a 200k-article database takes seconds to copy.
if (values.db && !values['in-place']) copyDatabase(values.db, file);
const memory = new PeakMemory();
const windows = new AnalyzeWindows(Number(values.window), (cost) => console.error(`window ${JSON.stringify(cost)}`));
const profiles = values['profile-at'] ? new ProfilePoints(values['profile-at'].split(',').map(Number), Number(values['profile-articles']), values.profile) : null;
let analysed = 0;
options.onProgress = (progress) => {
  memory.sample();
  windows.onProgress(progress);
  profiles?.onProgress(progress);
  if (progress.phase === 'analyze') analysed = progress.done;
};
const store = await openSqliteStore(file);
if (values['hold-buckets']) {
  // Loaded before the clocks start, as the stream had them loaded long before.
  const analysis = new AnalysisState(store, resolveOptions());
  await store.transaction(async (tx) => {
    await analysis.begin(tx);
    await analysis.holdBuckets(tx);
  });
  analysis.committed();
  options.analysis = analysis;
}
const writtenBefore = bytesWritten();
const gc = new GcPauseCounter();
const started = performance.now();
const cpuStarted = process.cpuUsage();
const mainStarted = mainThreadCpuSeconds();
const summary = await ingestPaths(store, [corpus], options);
// A state made here is this run's: the rows it still holds back are written, and timed, as an ingest's own would be.
if (options.analysis) await flushAnalysis(store, options.analysis);
const seconds = (performance.now() - started) / 1000;
const mainCpuSeconds = mainThreadCpuSeconds() - mainStarted;
const cpu = process.cpuUsage(cpuStarted);
windows.finish();
await profiles?.finish(analysed);
const written = bytesWritten() - writtenBefore;
const gcPauses = gc.stop();
const peak = memory.stop();
const counts = await storeCounts(store);
await store.close();

const result = {
  corpus,
  read: summary.read,
  added: summary.added,
  duplicates: summary.duplicates,
  quarantined: summary.quarantined,
  seconds: Number(seconds.toFixed(1)),
  readSeconds: Number(((windows.readEndedMs ?? 0) / 1000).toFixed(1)),
  articlesPerSecond: Math.round(summary.added / seconds),
  cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
  mainThreadCpuSeconds: Number(mainCpuSeconds.toFixed(1)),
  /** Bytes this process had written to storage (WAL and checkpoints), from /proc/self/io. */
  writtenGiB: Number((written / 2 ** 30).toFixed(2)),
  /** The main thread's garbage-collection pauses (young generation: minor; the rest: major). */
  gcPauses,
  lastOverSecondWindow: windows.flatness(),
  ...peak,
  counts,
  windows: windows.windows(),
  ...(profiles ? { profiles: profiles.written } : {}),
};
console.log(JSON.stringify(result, null, 2));
console.log(
  `pipeline-scale: ${result.added} articles in ${result.seconds}s (read ${result.readSeconds}s) = ${result.articlesPerSecond} articles/s; ` +
    `CPU ${result.cpuSeconds}s (main thread ${result.mainThreadCpuSeconds}s); written ${result.writtenGiB} GiB; ` +
    `last/second window ${result.lastOverSecondWindow ? `${result.lastOverSecondWindow.wall} wall, ${result.lastOverSecondWindow.cpu} cpu` : 'n/a (needs 3 full windows)'}; ` +
    `peak RSS ${peak.maxRssMiB} MiB (sampled ${peak.sampledPeakMiB} MiB)`,
);
// A continuation's copy is of no further use (and a 200k-article one is several GB); a stream's database
// is what the late-stage benchmarks continue from.
if (values.db) rmSync(dir, { recursive: true, force: true });
if (!values.db || values['in-place']) console.log(`pipeline-scale: the database is left at ${file}`);
