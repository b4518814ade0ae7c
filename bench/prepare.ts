/**
 * The per-article stages (clean, entities, quotes, fingerprint) over BBC News: inline on the main
 * thread vs PreparePool on worker threads. Documents are read first (readInputs, timed apart),
 * then each mode prepares them all; wall time includes starting and closing the workers, CPU time
 * is the whole process (all threads). A last run streams readInputs straight into the pool.
 * Run: npx tsc -p tsconfig.json && node dist/bench/prepare.js [--workers 1,2] [--rounds 1]
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EVAL_DIR } from './corpora.js';
import type { RawDocument } from '../src/core/types.js';
import { readInputs } from '../src/ingest/read.js';
import { prepareArticle, type Prepared } from '../src/pipeline/prepare.js';
import { PreparePool } from '../src/pipeline/prepare-pool.js';

const BBC = join(EVAL_DIR, 'corpus-bbc');
const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const defaultWorkers = Math.max(1, availableParallelism() - 1);
const workerCounts = (argument('--workers') ?? `${defaultWorkers}`).split(',').map(Number);
const rounds = Number(argument('--rounds') ?? 1);

interface Measured {
  mode: string;
  articles: number;
  quarantined: number;
  wallSeconds: number;
  cpuSeconds: number;
  articlesPerSecond: number;
  /** CPU seconds per wall second: how many cores were kept busy. */
  coresBusy: number;
}

async function measure(mode: string, run: () => Promise<Prepared[]>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const articles = results.filter((p) => p.ok).length;
  return {
    mode,
    articles,
    quarantined: results.length - articles,
    wallSeconds: round(wallSeconds),
    cpuSeconds: round(cpuSeconds),
    articlesPerSecond: Math.round(results.length / wallSeconds),
    coresBusy: round(cpuSeconds / wallSeconds),
  };
}

const round = (x: number) => Number(x.toFixed(2));

async function collect(results: AsyncIterable<Prepared>): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for await (const prepared of results) out.push(prepared);
  return out;
}

async function* documents(): AsyncGenerator<RawDocument> {
  for await (const item of readInputs([BBC])) if ('doc' in item) yield item.doc;
}

async function withPool<T>(workers: number, use: (pool: PreparePool) => Promise<T>): Promise<T> {
  const pool = new PreparePool({ workers });
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

const readStarted = performance.now();
const docs: RawDocument[] = [];
for await (const doc of documents()) docs.push(doc);
const readSeconds = round((performance.now() - readStarted) / 1000);

const results: Measured[] = [];
for (let r = 0; r < rounds; r++) {
  results.push(await measure('inline', async () => docs.map((raw) => prepareArticle(raw, { numPerm: 64 }))));
  for (const workers of workerCounts) {
    results.push(await measure(`pool ${workers}w`, () => withPool(workers, (pool) => collect(pool.prepareAll(docs)))));
  }
}
results.push(await measure(`pool ${defaultWorkers}w, streamed from readInputs`, () => withPool(defaultWorkers, (pool) => collect(pool.prepareAll(documents())))));

console.log(JSON.stringify({ corpus: 'bbc', documents: docs.length, readSeconds, cores: availableParallelism(), results }, null, 2));
for (const m of results) {
  console.log(`prepare ${m.mode}: ${m.articles} articles in ${m.wallSeconds}s wall, ${m.cpuSeconds}s CPU = ${m.articlesPerSecond} articles/s (${m.coresBusy} cores busy)`);
}
