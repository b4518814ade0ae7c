/**
 * Distributed mode throughput on real services started here on loopback (nats-server with JetStream,
 * a throwaway PostgreSQL 15): synthetic streams published to the queue, then
 *   - per-article stages (decode, clean, entities, quotes, fingerprint, store): 1 and 2 `wiretrace worker --no-analysis`,
 *     alternated `--repeat` times, on a stream of `--count` articles;
 *   - the ordered step (link, cluster, storylines, quote groups) alone, over what one such worker stored, on
 *     PostgreSQL and on a SQLite file, on a stream of `--ordered-count` articles;
 *   - end to end on that stream: 1 and 2 workers on PostgreSQL (both analysing, or one `--no-analysis`), 1 worker on a
 *     SQLite file, the embedded `wiretrace ingest`.
 * Each run reports its wall time from the workers' start until the work is done, the start-up (until the
 * first article is stored or analysed; node start-up, connecting), the rate after it, and the CPU each
 * process took per article: the workers, the PostgreSQL server (every backend) and nats-server, read
 * from /proc, with the load average at the start. On a machine shared with other work the CPU times say
 * what a run costs; the wall rates say what the machine gave.
 * Run: npx tsc -p tsconfig.json && node dist/bench/distributed.js [--count 4000] [--ordered-count 1000] [--repeat 2] [--seed 3]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { connectQueue, queueStatus } from '../src/distributed/queue.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { startNats, type NatsServer } from '../test/nats-service.js';
import { startPostgres } from '../test/services.js';
import { generateCorpus } from './scale/corpus-files.js';
import { endedChildrenCpu, findProcess, loadAverage, serverCpu } from './scale/process-cpu.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '4000' },
    'ordered-count': { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '2' },
    seed: { type: 'string', default: '3' },
  },
});
const BIN = fileURLToPath(new URL('../../bin/wiretrace.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-bench-distributed-'));
const stagesCorpus = join(dir, 'stages');
const orderedCorpus = join(dir, 'ordered');
generateCorpus(stagesCorpus, Number(values.count), { seed: Number(values.seed), real: false });
generateCorpus(orderedCorpus, Number(values['ordered-count']), { seed: Number(values.seed), real: false });
const postgres = await startPostgres();
const postmaster = findProcess(new RegExp(`^\\S*/postgres .*-p ${postgres.port} `));

/** A wiretrace process; what it says on stderr (a worker's errors) is shown unless `quiet` (the embedded ingest's progress). */
function wiretrace(args: string[], quiet = false): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', quiet ? 'ignore' : 'inherit'] });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

interface Run {
  articles: number;
  seconds: number;
  /** Until the first article was stored (or analysed). */
  startup: number;
  /** Articles per second after the start-up. */
  steady: number;
  /** CPU ms per article: the workers (or the embedded ingest), the PostgreSQL server, nats-server. */
  cpu: { workers: number; postgres: number; nats: number };
  load: number;
}

interface Watch {
  /** Articles done so far (stored, or analysed). */
  progress: () => Promise<number>;
  finished: () => Promise<boolean>;
  /** Articles done at the end, when `progress` cannot say. */
  total?: () => Promise<number>;
}

/** Starts the processes, polls every 50 ms until `finished`, stops them and measures what they took. */
async function timed(start: () => ChildProcess[], watch: Watch, nats: NatsServer | null): Promise<Run> {
  const natsPid = nats && findProcess(new RegExp(`^\\S*nats-server .*-p ${new URL(nats.url).port} `));
  const before = { workers: endedChildrenCpu(), postgres: postmaster ? serverCpu(postmaster) : 0, nats: natsPid ? serverCpu(natsPid) : 0 };
  const load = loadAverage();
  const started = performance.now();
  const children = start();
  let first: { at: number; done: number } | null = null;
  while (!(await watch.finished())) {
    if (first === null) {
      const done = await watch.progress();
      if (done > 0) first = { at: performance.now(), done };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ended = performance.now();
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map(exited));
  const articles = await (watch.total ?? watch.progress)();
  first ??= { at: started, done: 0 };
  const per = (seconds: number) => (1000 * seconds) / articles;
  return {
    articles,
    seconds: (ended - started) / 1000,
    startup: (first.at - started) / 1000,
    steady: (articles - first.done) / Math.max(1e-3, (ended - first.at) / 1000),
    cpu: {
      workers: per(endedChildrenCpu() - before.workers),
      postgres: postmaster ? per(serverCpu(postmaster) - before.postgres) : 0,
      nats: natsPid ? per(serverCpu(natsPid) - before.nats) : 0,
    },
    load,
  };
}

function stored(store: Store): Watch['progress'] {
  return () => store.countArticles();
}

function analysed(store: Store, total: number): Watch['progress'] {
  return async () => total - (await store.countPendingAnalysis());
}

/**
 * Publishes `corpus` to a fresh queue and runs `workers` workers on it, the first `analysing` of them with the
 * ordered step (the others `--no-analysis`), until the queue is drained (and, with the ordered step, nothing is pending).
 */
async function workersRun(corpus: string, db: string, workers: number, analysing: number): Promise<Run> {
  const analysis = analysing > 0;
  const nats = await startNats();
  try {
    spawnSync(process.execPath, [BIN, 'ingest', '--queue', nats.url, corpus], { stdio: 'ignore' });
    const nc = await connectQueue(nats.url);
    const store = openStore(db);
    await store.countArticles();
    try {
      const args = (i: number) => ['worker', '--queue', nats.url, '--db', db, ...(i < analysing ? [] : ['--no-analysis'])];
      const progress = stored(store);
      return await timed(
        () => Array.from({ length: workers }, (_, i) => wiretrace(args(i))),
        {
          progress: analysis ? async () => (await progress()) - (await store.countPendingAnalysis()) : progress,
          finished: async () => {
            const s = await queueStatus(nc);
            return s.depth === 0 && s.inFlight === 0 && (!analysis || (await store.countPendingAnalysis()) === 0);
          },
        },
        nats,
      );
    } finally {
      await store.close();
      await nc.close();
    }
  } finally {
    await nats.stop();
  }
}

/** The ordered step alone: one worker on an empty queue analyses what is pending. */
async function orderedStep(db: string): Promise<Run> {
  const nats = await startNats();
  try {
    const store = openStore(db);
    const total = await store.countPendingAnalysis();
    try {
      return await timed(() => [wiretrace(['worker', '--queue', nats.url, '--db', db])], { progress: analysed(store, total), finished: async () => (await store.countPendingAnalysis()) === 0 }, nats);
    } finally {
      await store.close();
    }
  } finally {
    await nats.stop();
  }
}

/** The embedded pipeline (SQLite, its own worker threads) on the same stream; its progress is not polled (its start-up counts as 0). */
async function embedded(corpus: string, db: string): Promise<Run> {
  let child: ChildProcess | null = null;
  const count = async () => {
    const store = openStore(db);
    const n = await store.countArticles();
    await store.close();
    return n;
  };
  return timed(() => [(child = wiretrace(['ingest', '--db', db, corpus], true))], { progress: async () => 0, finished: async () => child!.exitCode !== null, total: count }, null);
}

const rows: Array<[string, Run]> = [];
function record(name: string, run: Run): Run {
  rows.push([name, run]);
  const c = run.cpu;
  process.stdout.write(
    `${name.padEnd(48)} ${String(run.articles).padStart(5)} art ${run.seconds.toFixed(1).padStart(6)} s ${(run.articles / run.seconds).toFixed(1).padStart(6)}/s` +
      `  start-up ${run.startup.toFixed(1)} s, then ${run.steady.toFixed(1).padStart(6)}/s` +
      `  cpu ms/article: workers ${c.workers.toFixed(2)}, postgres ${c.postgres.toFixed(2)}, nats ${c.nats.toFixed(2)}  load ${run.load.toFixed(1)}\n`,
  );
  return run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const one: Run[] = [];
  const two: Run[] = [];
  for (let i = 0; i < Number(values.repeat); i++) {
    one.push(record('per-article stages, 1 worker, PostgreSQL', await workersRun(stagesCorpus, await postgres.createDatabase('bench'), 1, 0)));
    two.push(record('per-article stages, 2 workers, PostgreSQL', await workersRun(stagesCorpus, await postgres.createDatabase('bench'), 2, 0)));
  }
  const pgStored = await postgres.createDatabase('bench');
  await workersRun(orderedCorpus, pgStored, 1, 0);
  record('ordered step alone, PostgreSQL', await orderedStep(pgStored));
  const sqliteStored = join(dir, 'stored.db');
  await workersRun(orderedCorpus, sqliteStored, 1, 0);
  record('ordered step alone, SQLite file', await orderedStep(sqliteStored));
  const e2e1 = record('end to end, 1 worker, PostgreSQL', await workersRun(orderedCorpus, await postgres.createDatabase('bench'), 1, 1));
  const e2e2 = record('end to end, 2 workers, PostgreSQL', await workersRun(orderedCorpus, await postgres.createDatabase('bench'), 2, 2));
  record('end to end, 2 workers (1 analysing), PostgreSQL', await workersRun(orderedCorpus, await postgres.createDatabase('bench'), 2, 1));
  record('end to end, 1 worker, SQLite file', await workersRun(orderedCorpus, join(dir, 'worker.db'), 1, 1));
  record('end to end, embedded `wiretrace ingest`, SQLite', await embedded(orderedCorpus, join(dir, 'embedded.db')));
  const rate = (r: Run) => r.articles / r.seconds;
  const ratio = (f: (r: Run) => number) => (median(two.map(f)) / median(one.map(f))).toFixed(2);
  const cpuOf = (r: Run) => r.cpu.workers + r.cpu.postgres + r.cpu.nats;
  process.stdout.write(
    `\nper-article stages, 2 workers / 1 worker (medians of ${one.length}): ${ratio(rate)}x wall, ${ratio((r) => r.steady)}x after start-up; ` +
      `CPU ms/article, all processes: ${median(one.map(cpuOf)).toFixed(2)} (1 worker), ${median(two.map(cpuOf)).toFixed(2)} (2 workers)\n` +
      `end to end on PostgreSQL, 2 workers / 1 worker: ${(rate(e2e2) / rate(e2e1)).toFixed(2)}x  (${cpus().length} cores)\n`,
  );
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
