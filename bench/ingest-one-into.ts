/**
 * One-article ingest into an existing database (e.g. the one `pipeline-scale.js` leaves after a
 * 200k stream): fresh generated articles (another seed, so none is stored yet) are ingested one
 * call each into a copy of the database, each call opening the store, ingesting one JSONL file and
 * closing it, as `wiretrace ingest` does minus node's start-up.
 * Run: npx tsc -p tsconfig.json && node dist/bench/ingest-one-into.js --db FILE [--count 30] [--seed 99]
 */
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { corpusLines, generateCorpus } from './scale/corpus-files.js';
import { cpuMs, percentiles } from './scale/call-times.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, count: { type: 'string', default: '30' }, seed: { type: 'string', default: '99' } } });
if (!values.db) throw new Error('--db FILE is required');
const count = Number(values.count);
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-one-into-'));
const db = join(dir, 'copy.db');
for (const suffix of ['', '-wal']) if (existsSync(values.db + suffix)) copyFileSync(values.db + suffix, db + suffix);
generateCorpus(join(dir, 'corpus'), count, { seed: Number(values.seed), real: false });
const files: string[] = [];
for await (const line of corpusLines(join(dir, 'corpus'))) {
  const file = join(dir, `one-${files.length}.jsonl`);
  writeFileSync(file, `${line}\n`);
  files.push(file);
}
const probe = openSqliteStore(db);
const size = await probe.countArticles();
await probe.close();
const times: number[] = [];
const cpuTimes: number[] = [];
for (const file of files) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const store = openSqliteStore(db);
  await ingestPaths(store, [file]);
  await store.close();
  times.push(performance.now() - started);
  cpuTimes.push(cpuMs(process.cpuUsage(cpuStarted)));
}
const cpu = percentiles(cpuTimes);
const result = { size, calls: times.length, ...percentiles(times), cpuMedianMs: cpu.medianMs, cpuP90Ms: cpu.p90Ms };
console.log(JSON.stringify(result));
console.log(
  `ingest-one into ${size}: median ${result.medianMs} ms, p90 ${result.p90Ms} ms, max ${result.maxMs} ms, CPU median ${result.cpuMedianMs} ms, p90 ${result.cpuP90Ms} ms over ${result.calls} calls`,
);
