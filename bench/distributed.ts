/**
 * Distributed mode throughput on real services started here on loopback (nats-server with JetStream,
 * a throwaway PostgreSQL 15): one synthetic stream published to the queue, then
 *   - per-article stages (decode, clean, entities, quotes, fingerprint, store): 1 and 2 `wiretrace worker --no-analysis`
 *   - the ordered step (link, cluster, storylines, quote groups) over what they stored: 1 worker
 *   - end to end: 1 and 2 workers on PostgreSQL, 1 worker on a SQLite file, and the embedded `wiretrace ingest` into SQLite.
 * Each figure is articles per second of wall time from the workers' start (node start-up included) until the queue
 * is drained (and, where the ordered step runs, nothing is pending).
 * Run: npx tsc -p tsconfig.json && node dist/bench/distributed.js [--count 800] [--seed 3]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { connectQueue, queueStatus } from '../src/distributed/queue.js';
import { openStore } from '../src/store/open.js';
import { startNats } from '../test/nats-service.js';
import { startPostgres } from '../test/services.js';
import { generateCorpus } from './scale/corpus-files.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '800' }, seed: { type: 'string', default: '3' } } });
const count = Number(values.count);
const BIN = fileURLToPath(new URL('../../bin/wiretrace.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-bench-distributed-'));
const corpus = join(dir, 'corpus');
generateCorpus(corpus, count, { seed: Number(values.seed), real: false });
const postgres = await startPostgres();

function wiretrace(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Polls `done` every 50 ms; resolves with the seconds since `started`. */
async function until(started: number, done: () => Promise<boolean>): Promise<number> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
  return (performance.now() - started) / 1000;
}

interface Run {
  stored: number;
  seconds: number;
}

/** Publishes the corpus to a fresh queue, starts `workers` workers and times them until the work is done. */
async function workersRun(db: string, workers: number, analysis: boolean): Promise<Run> {
  const nats = await startNats();
  try {
    spawnSync(process.execPath, [BIN, 'ingest', '--queue', nats.url, corpus], { stdio: 'ignore' });
    const nc = await connectQueue(nats.url);
    const store = openStore(db);
    await store.countArticles();
    const started = performance.now();
    const children = Array.from({ length: workers }, () => wiretrace(['worker', '--queue', nats.url, '--db', db, ...(analysis ? [] : ['--no-analysis'])]));
    const seconds = await until(started, async () => {
      const s = await queueStatus(nc);
      return s.depth === 0 && s.inFlight === 0 && (!analysis || (await store.countPendingAnalysis()) === 0);
    });
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    const stored = await store.countArticles();
    await store.close();
    await nc.close();
    return { stored, seconds };
  } finally {
    await nats.stop();
  }
}

/** The ordered step alone: one worker on an empty queue analyses what is pending. */
async function orderedStep(db: string): Promise<Run> {
  const nats = await startNats();
  try {
    const store = openStore(db);
    const stored = await store.countArticles();
    const started = performance.now();
    const child = wiretrace(['worker', '--queue', nats.url, '--db', db]);
    const seconds = await until(started, async () => (await store.countPendingAnalysis()) === 0);
    child.kill('SIGTERM');
    await exited(child);
    await store.close();
    return { stored, seconds };
  } finally {
    await nats.stop();
  }
}

function embedded(db: string): Run {
  const started = performance.now();
  spawnSync(process.execPath, [BIN, 'ingest', '--db', db, corpus], { stdio: 'ignore' });
  const seconds = (performance.now() - started) / 1000;
  return { stored: count, seconds };
}

const rows: Array<[string, Run]> = [];
const record = (name: string, run: Run) => {
  rows.push([name, run]);
  process.stdout.write(`${name.padEnd(58)} ${run.stored} articles  ${run.seconds.toFixed(1).padStart(6)} s  ${(run.stored / run.seconds).toFixed(1).padStart(6)} articles/s\n`);
};

try {
  const stages1 = await postgres.createDatabase('bench');
  record('per-article stages, 1 worker, PostgreSQL', await workersRun(stages1, 1, false));
  const stages2 = await postgres.createDatabase('bench');
  record('per-article stages, 2 workers, PostgreSQL', await workersRun(stages2, 2, false));
  record('ordered step, PostgreSQL (serialised)', await orderedStep(stages2));
  record('end to end, 1 worker, PostgreSQL', await workersRun(await postgres.createDatabase('bench'), 1, true));
  record('end to end, 2 workers, PostgreSQL', await workersRun(await postgres.createDatabase('bench'), 2, true));
  record('end to end, 1 worker, SQLite file', await workersRun(join(dir, 'worker.db'), 1, true));
  record('end to end, embedded `wiretrace ingest`, SQLite file', embedded(join(dir, 'embedded.db')));
  const rate = (i: number) => rows[i]![1].stored / rows[i]![1].seconds;
  process.stdout.write(`\nper-article stages, 2 workers / 1 worker: ${(rate(1) / rate(0)).toFixed(2)}x; end to end: ${(rate(4) / rate(3)).toFixed(2)}x  (${cpus().length} cores)\n`);
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
