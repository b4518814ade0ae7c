/**
 * One-article ingest into databases of growing size: for each size a database is built from the
 * first `size` articles of a synthetic stream, then the next `--held-out` articles are ingested
 * one call each, each call opening the store, ingesting one single-article JSONL file and closing
 * it, as a `wiretrace ingest` call does (minus node start-up); then the same articles into another
 * copy kept open with one analysis state, as a server's uploads are: first as its first uploads (nothing
 * held yet), then into a third copy after `--held-out` other uploads (the next articles of the
 * stream, untimed), as a server that has been taking uploads a while. Cost must not grow with the size.
 * Run: npx tsc -p tsconfig.json && node dist/bench/ingest-one.js [--sizes 2000,20000,200000] [--file FILE|DIR] [--held-out 30] [--seed 1]
 *   --file reuses a corpus (generate-corpus.ts output) with at least max(sizes) + 2 x held-out articles.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { resolveOptions } from '../src/core/config.js';
import { ARTICLES_PER_FILE, corpusLines, generateCorpus } from './scale/corpus-files.js';
import { cpuMs, percentiles } from './scale/call-times.js';
import { copyDatabase, removeDatabase } from './scale/database-files.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,20000,200000' },
    file: { type: 'string' },
    'held-out': { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
  },
});
const sizes = values.sizes.split(',').map(Number).sort((a, b) => a - b);
const heldOut = Number(values['held-out']);
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-one-'));
let corpus = values.file;
if (!corpus) {
  corpus = join(dir, 'corpus');
  generateCorpus(corpus, sizes[sizes.length - 1]! + 2 * heldOut, { seed: Number(values.seed), real: false });
}

const lines = corpusLines(corpus)[Symbol.asyncIterator]();
/** Lines read ahead (the held-out articles of one size start the next size's database). */
const ahead: string[] = [];
async function nextLine(): Promise<string | undefined> {
  if (ahead.length > 0) return ahead.shift();
  const next = await lines.next();
  return next.done ? undefined : next.value;
}

const baseDb = join(dir, 'base.db');
let built = 0;
const results = [];
for (const size of sizes) {
  const started = performance.now();
  const slice = await writeSlice(join(dir, `slice-${size}`), size - built);
  const store = await openSqliteStore(baseDb);
  await ingestPaths(store, slice.files);
  const articles = await store.countArticles();
  await store.close();
  built += slice.count;
  const buildSeconds = (performance.now() - started) / 1000;

  const [held, warmUp] = await writeHeldOut(join(dir, `held-${size}`));
  const measuredDb = join(dir, `measured-${size}.db`);
  copyDatabase(baseDb, measuredDb);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const file of held) {
    const callStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    const one = await openSqliteStore(measuredDb);
    await ingestPaths(one, [file]);
    await one.close();
    times.push(performance.now() - callStarted);
    cpuTimes.push(cpuMs(process.cpuUsage(cpuStarted)));
  }
  const cpu = percentiles(cpuTimes);
  removeDatabase(measuredDb);
  const kept = await keptOpen(measuredDb.replace(/\.db$/, '-kept.db'), [], held);
  const warm = await keptOpen(measuredDb.replace(/\.db$/, '-warm.db'), warmUp, held);
  const result = {
    size: built, articles, buildSeconds: Number(buildSeconds.toFixed(1)), ...percentiles(times), cpuMedianMs: cpu.medianMs, cpuP90Ms: cpu.p90Ms, kept, warm, msEach: times.map(Math.round),
  };
  results.push(result);
  console.error(
    `size ${result.size}: median ${result.medianMs} ms, p90 ${result.p90Ms} ms, max ${result.maxMs} ms, CPU median ${result.cpuMedianMs} ms; kept open: median ${kept.medianMs} ms, CPU median ${kept.cpuMedianMs} ms, after ${warmUp.length} uploads ${warm.medianMs} ms, CPU ${warm.cpuMedianMs} ms (${result.articles} distinct articles, built in ${result.buildSeconds}s)`,
  );
}
// The databases (a copy per measurement) are large: none is kept, nor a generated corpus.
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ corpus: values.file ?? 'generated', heldOut, results }, null, 2));
for (const r of results) {
  console.log(`ingest-one into ${r.size}: median ${r.medianMs} ms, p90 ${r.p90Ms} ms, max ${r.maxMs} ms, CPU median ${r.cpuMedianMs} ms, p90 ${r.cpuP90Ms} ms over ${r.msEach.length} calls`);
  const k = r.kept;
  console.log(`  kept open (a server's first uploads): median ${k.medianMs} ms, p90 ${k.p90Ms} ms, max ${k.maxMs} ms, CPU median ${k.cpuMedianMs} ms, p90 ${k.cpuP90Ms} ms`);
  const w = r.warm;
  console.log(`  kept open, after ${heldOut} other uploads: median ${w.medianMs} ms, p90 ${w.p90Ms} ms, max ${w.maxMs} ms, CPU median ${w.cpuMedianMs} ms, p90 ${w.cpuP90Ms} ms`);
}

/**
 * The same articles ingested one call each into another copy kept open, with one analysis state for
 * every call, as a server's uploads are: rows earlier calls loaded stay loaded, and nothing is closed.
 * The `before` articles are ingested first the same way, untimed.
 */
async function keptOpen(db: string, before: string[], files: string[]) {
  copyDatabase(baseDb, db);
  const store = openSqliteStore(db);
  const analysis = new AnalysisState(store, resolveOptions());
  for (const file of before) await ingestPaths(store, [file], { analysis });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const file of files) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await ingestPaths(store, [file], { analysis });
    times.push(performance.now() - started);
    cpuTimes.push(cpuMs(process.cpuUsage(cpuStarted)));
  }
  await store.close();
  removeDatabase(db);
  const cpu = percentiles(cpuTimes);
  return { ...percentiles(times), cpuMedianMs: cpu.medianMs, cpuP90Ms: cpu.p90Ms };
}

/** The next `count` articles as JSONL files of at most ARTICLES_PER_FILE lines. */
async function writeSlice(folder: string, count: number): Promise<{ files: string[]; count: number }> {
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  let written = 0;
  while (written < count) {
    const chunk: string[] = [];
    while (chunk.length < ARTICLES_PER_FILE && written + chunk.length < count) {
      const line = await nextLine();
      if (line === undefined) break;
      chunk.push(line);
    }
    if (chunk.length === 0) break;
    const file = join(folder, `part-${String(files.length + 1).padStart(5, '0')}.jsonl`);
    writeFileSync(file, `${chunk.join('\n')}\n`);
    files.push(file);
    written += chunk.length;
  }
  return { files, count: written };
}

/**
 * The next `heldOut` articles, then the `heldOut` after them, one file each; they are read ahead, so
 * the next size's database holds them too.
 */
async function writeHeldOut(folder: string): Promise<[string[], string[]]> {
  mkdirSync(folder, { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 2 * heldOut; i++) {
    const line = await nextLine();
    if (line === undefined) break;
    lines.push(line);
  }
  ahead.unshift(...lines);
  const files = lines.map((line, i) => {
    const file = join(folder, `held-${String(i + 1).padStart(3, '0')}.jsonl`);
    writeFileSync(file, `${line}\n`);
    return file;
  });
  return [files.slice(0, heldOut), files.slice(heldOut)];
}
