/**
 * Distributed mode with real services on loopback: nats-server (JetStream) and PostgreSQL 15, started
 * here. Two `wiretrace worker` processes must give what the embedded SQLite pipeline gives, and keep
 * giving it when a worker is killed, nats-server restarts, or PostgreSQL drops their connections.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { openStore } from '../src/store/open.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { generateCorpus, writeJsonl } from './corpus-fixture.js';
import { natsMissing, startNats, type NatsServer } from './nats-service.js';
import { pgMissing, startPostgres, waitUntil, type PostgresServer } from './services.js';
import { userView } from './store-snapshot.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/wiretrace.js', import.meta.url));
const skip = pgMissing() ?? natsMissing();
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-distributed-'));
const corpus = writeJsonl(join(dir, 'corpus.jsonl'), generateCorpus(12, 5));
let postgres: PostgresServer;
let expected: Awaited<ReturnType<typeof userView>>;

before(async () => {
  if (skip) return;
  postgres = await startPostgres();
  const embedded = openSqliteStore(':memory:');
  await ingestPaths(embedded, [corpus], { workers: 0 });
  expected = await userView(embedded);
  await embedded.close();
});
after(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  return run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24 });
}

/** A worker process; small batches and a short ack wait so a test sees redeliveries quickly. */
function worker(queue: string, db: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', queue, '--db', db, '--batch', '3', '--ack-wait', '3000', '--exit-when-idle', '1500', '--json'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, done: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

/** `wiretrace serve` on a free port. */
async function serve(db: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /UI at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function withStore<T>(db: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function status(queue: string) {
  return JSON.parse((await cli('status', '--queue', queue, '--json')).stdout) as { depth: number; inFlight: number; redelivered: number; failed: number };
}

/** Counts a user would notice if anything were stored twice. */
async function noDuplicates(db: string): Promise<void> {
  await withStore(db, async (store) => {
    const quotes = await store.listQuotes();
    assert.equal(new Set(quotes.map((q) => q.id)).size, quotes.length, 'no quote stored twice');
    const groups = await store.listQuoteGroups({ limit: 1000 });
    for (const g of groups) assert.equal(new Set(g.variants.map((v) => v.quote)).size, g.variants.length, `quote group ${g.id} lists each quote once`);
    const events = await store.listEvents({ limit: 1000 });
    const members = events.flatMap((e) => e.articles);
    assert.equal(new Set(members).size, members.length, 'every article in one event, once');
    assert.equal(members.length, await store.countArticles(), 'every article analysed into an event');
  });
}

async function distributedRun(disturb?: (ctx: { queue: NatsServer; db: string; workers: ReturnType<typeof worker>[] }) => Promise<void>) {
  const queue = await startNats();
  try {
    const db = await postgres.createDatabase();
    await withStore(db, async (store) => {
      await store.countArticles(); // migrate before the workers start
    });
    const published = JSON.parse((await cli('ingest', '--queue', queue.url, '--json', corpus)).stdout) as { read: number; published: number };
    assert.equal(published.published, published.read);
    const workers = [worker(queue.url, db), worker(queue.url, db)];
    await disturb?.({ queue, db, workers });
    const codes = await Promise.all(workers.map((w) => w.done));
    return { db, queue, codes, view: await withStore(db, userView), status: await status(queue.url) };
  } finally {
    await queue.stop();
  }
}

test('two workers on PostgreSQL give the embedded SQLite pipeline’s relations, events, storylines and quote groups; re-publishing adds nothing', { skip }, async () => {
  const queue = await startNats();
  try {
    const db = await postgres.createDatabase();
    const first = JSON.parse((await cli('ingest', '--queue', queue.url, '--json', corpus)).stdout) as { read: number; published: number; duplicates: number };
    const again = JSON.parse((await cli('ingest', '--queue', queue.url, '--json', corpus)).stdout) as { published: number; duplicates: number };
    assert.ok(first.read > 20 && first.published === first.read);
    assert.deepEqual([again.published, again.duplicates], [0, first.read], 'the content hash deduplicates a second publish');
    assert.equal((await status(queue.url)).depth, first.read);
    // `serve` on the same database reads while the workers write, unchanged.
    const server = await serve(db);
    try {
      const workers = [worker(queue.url, db), worker(queue.url, db)];
      const totals: number[] = [];
      const exited = Promise.all(workers.map((w) => w.done));
      let finished = false;
      void exited.then(() => (finished = true));
      while (!finished) {
        const response = await fetch(`${server.url}/api/articles?limit=5`);
        assert.equal(response.status, 200);
        totals.push(((await response.json()) as { total: number }).total);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(await exited, [0, 0]);
      assert.ok(totals.some((n) => n > 0 && n < first.read), `the server saw the articles arrive: ${totals.join(' ')}`);
      const stories = (await (await fetch(`${server.url}/api/stories?limit=100`)).json()) as { items: unknown[]; more: boolean };
      assert.equal(stories.items.length, expected.storylines.length, 'and serves what they wrote');
    } finally {
      await server.stop();
    }
    assert.ok(expected.relations.length >= 10 && expected.events.some((e) => e.includes(' + ')));
    assert.deepEqual(await withStore(db, userView), expected);
    assert.deepEqual(await status(queue.url), { depth: 0, inFlight: 0, waiting: 0, redelivered: 0, failed: 0 });
    await noDuplicates(db);
  } finally {
    await queue.stop();
  }
});

test('kill -9 one of two workers mid-batch: every article analysed exactly once, nothing stored twice, nothing lost', { skip }, async () => {
  const result = await distributedRun(async ({ db, workers }) => {
    // Kill the first worker once articles are being stored: it holds a batch it has not acknowledged.
    await withStore(db, (store) => waitUntil(async () => (await store.countArticles()) >= 3, 60_000));
    workers[0].child.kill('SIGKILL');
  });
  assert.equal(result.codes[1], 0);
  assert.deepEqual(result.view, expected);
  assert.equal(result.status.depth, 0);
  await noDuplicates(result.db);
});

test('nats-server restarting and PostgreSQL dropping every connection mid-run: the run completes with the same result', { skip }, async () => {
  const result = await distributedRun(async ({ queue, db }) => {
    await withStore(db, (store) => waitUntil(async () => (await store.countArticles()) >= 3, 60_000));
    await queue.restart();
    await withStore(db, (store) => waitUntil(async () => (await store.countArticles()) >= 10, 60_000));
    const dropped = await postgres.admin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [new URL(db).pathname.slice(1)],
    );
    assert.ok(dropped.rows.length > 0, 'the workers had connections to drop');
  });
  assert.deepEqual(result.codes, [0, 0]);
  assert.deepEqual(result.view, expected);
  assert.equal(result.status.depth, 0);
  await noDuplicates(result.db);
});

test('a record the store keeps refusing is quarantined with its error after its last delivery; the records batched with it are stored', { skip }, async () => {
  const queue = await startNats();
  try {
    const db = await postgres.createDatabase();
    await withStore(db, (store) => store.countArticles());
    // The database refuses one article (a real constraint on the real server), every time it is offered.
    const poisonName = 'refused-by-the-database';
    await withClient(db, `ALTER TABLE articles ADD CONSTRAINT refuse_one CHECK (name <> '${poisonName}')`);
    const poison = writeJsonl(join(dir, 'poison.jsonl'), [{ id: poisonName, title: 'Refused', text: 'Officials at the port authority announced plans on cranes and shipping. '.repeat(8), published: '2022-01-05', source: 'Nordic Wire' }]);
    await cli('ingest', '--queue', queue.url, corpus, poison);
    const child = spawn(process.execPath, [BIN, 'worker', '--queue', queue.url, '--db', db, '--batch', '5', '--max-deliver', '2', '--ack-wait', '2000', '--exit-when-idle', '2000', '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0);
    assert.equal((JSON.parse(out) as { failed: number }).failed, 1);
    const s = await status(queue.url);
    assert.deepEqual([s.depth, s.failed], [0, 1], 'the queue is drained and the record kept on the failed stream');
    await withStore(db, async (store) => {
      const quarantined = await store.listQuarantine();
      assert.equal(quarantined.length, 1);
      assert.match(quarantined[0].message, /poison\.jsonl:1: failed 2 deliveries .*refuse_one/);
      assert.equal(await store.hasArticle(poisonName), false);
    });
    assert.deepEqual(await withStore(db, userView), expected, 'every other record was stored and analysed');
  } finally {
    await queue.stop();
  }
});

async function withClient(url: string, sql: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
