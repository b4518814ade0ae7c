/**
 * Reads while the server ingests: a database holding the BBC corpus is served as `wiretrace serve`
 * does (reads on one connection, upload jobs on another), 1,000 Reuters stories are uploaded as one
 * background job, and the read endpoints a page calls are timed before and during the job.
 * Run: npx tsc -p tsconfig.json && node dist/bench/server-during-ingest.js [--upload 1000]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVAL_DIR, loadReuters } from './corpora.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { startServer } from '../src/server/serve.js';
import { IngestJobs } from '../src/server/jobs.js';

const at = process.argv.indexOf('--upload');
const uploadCount = at >= 0 ? Number(process.argv[at + 1]) : 1000;
const db = join(mkdtempSync(join(tmpdir(), 'wiretrace-serve-ingest-')), 'w.db');
const seed = openSqliteStore(db);
await ingestPaths(seed, [join(EVAL_DIR, 'corpus-bbc')]);
await seed.close();

const reader = openSqliteStore(db);
const writer = openSqliteStore(db);
const server = await startServer(reader, { jobs: new IngestJobs(writer) });
const paths = ['/api/articles?limit=20', '/api/stories?limit=20', '/api/quotes?limit=20', '/api/search?q=government&limit=20'];

async function timeReads(until: () => boolean, atLeast: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < atLeast || !until(); i++) {
    const started = performance.now();
    const response = await fetch(server.url + paths[i % paths.length]!);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1));
  return { requests: times.length, medianMs: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99), maxMs: Number(sorted[sorted.length - 1]!.toFixed(1)) };
}

const idle = summary(await timeReads(() => true, 200));
const stories = loadReuters().slice(0, uploadCount);
const form = new FormData();
form.append('files', new Blob([stories.map((r) => JSON.stringify({ id: r.name, title: r.title, text: r.text, published: r.date })).join('\n')]), 'reuters.jsonl');
const started = performance.now();
const { job } = (await (await fetch(`${server.url}/api/ingest`, { method: 'POST', body: form })).json()) as { job: string };
let state = 'queued';
const poll = setInterval(() => {
  void fetch(`${server.url}/api/jobs/${job}`).then(async (r) => {
    state = ((await r.json()) as { state: string }).state;
  });
}, 200);
const during = summary(await timeReads(() => state === 'done' || state === 'failed', 50));
clearInterval(poll);
const jobSeconds = (performance.now() - started) / 1000;
await server.close();
await writer.close();
await reader.close();
const result = { uploaded: uploadCount, jobState: state, jobSeconds: Number(jobSeconds.toFixed(1)), idle, during };
console.log(JSON.stringify(result, null, 2));
console.log(`reads while idle: median ${idle.medianMs} ms, p99 ${idle.p99Ms} ms; during a ${uploadCount}-article upload job (${result.jobSeconds}s): median ${during.medianMs} ms, p99 ${during.p99Ms} ms, max ${during.maxMs} ms`);
