import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { IngestJobs } from '../src/server/jobs.js';
import { generateCorpus, writeJsonl } from './corpus-fixture.js';
import { snapshot } from './store-snapshot.js';
import { scratchDir } from './scratch.js';

const run = promisify(execFile);
const corpus = generateCorpus(16);
const dir = scratchDir('checkpoints');
const KILLER = fileURLToPath(new URL('./ingest-and-die.js', import.meta.url));

async function ingestInto(db: string, files: string[][], workers?: number) {
  const store = openSqliteStore(db);
  try {
    for (const batch of files) await ingestPaths(store, batch, { workers });
    return await snapshot(store);
  } finally {
    await store.close();
  }
}

test('the same articles in one batch or in several give identical relations, events, storylines and quote groups', async () => {
  const all = writeJsonl(join(dir, 'all.jsonl'), corpus);
  const whole = await ingestInto(join(dir, 'one.db'), [[all]], 0);
  assert.ok(whole.relations.length >= 10, `${whole.relations.length} relations`);
  assert.ok(whole.events.length >= 8 && whole.events.length < corpus.length, `${whole.events.length} events for ${corpus.length} articles`);
  assert.ok(whole.quoteGroups.some((g) => g.variants.length >= 2), 'a quote seen in several articles');
  const cuts = [0, 3, 11, 12, 25, corpus.length];
  const parts = cuts.slice(1).map((end, i) => [writeJsonl(join(dir, `part${i}.jsonl`), corpus.slice(cuts[i], end))]);
  const batched = await ingestInto(join(dir, 'batched.db'), parts);
  assert.deepEqual(batched, whole);
});

test('server uploads, analysed one after another with the rows earlier ones loaded, give what one ingest gives, also when another writer ingests between them', async () => {
  const whole = await ingestInto(join(dir, 'whole-for-server.db'), [[writeJsonl(join(dir, 'all-for-server.jsonl'), corpus)]], 0);
  const db = join(dir, 'server.db');
  const server = openSqliteStore(db);
  const otherWriter = openSqliteStore(db);
  try {
    const jobs = new IngestJobs(server);
    const cuts = [0, 1, 2, 9, 16, 20, 21, corpus.length];
    for (let i = 1; i < cuts.length; i++) {
      const file = writeJsonl(join(dir, `upload${i}.jsonl`), corpus.slice(cuts[i - 1], cuts[i]));
      // The fourth part comes from another writer: the rows the server holds are stale afterwards.
      if (i === 4) await ingestPaths(otherWriter, [file], { workers: 0 });
      else {
        const job = jobs.submit([{ name: `upload${i}.jsonl`, bytes: readFileSync(file) }]);
        await jobs.idle();
        assert.equal(jobs.get(job.id)?.state, 'done', JSON.stringify(jobs.get(job.id)?.error));
      }
    }
    assert.deepEqual(await snapshot(server), whole);
  } finally {
    await otherWriter.close();
    await server.close();
  }
});

test('killed mid-analysis (kill -9), the next ingest resumes and ends as an uninterrupted one', async () => {
  const all = writeJsonl(join(dir, 'kill.jsonl'), corpus);
  const whole = await ingestInto(join(dir, 'uninterrupted.db'), [[all]], 0);
  for (const after of [1, 9, 23]) {
    const db = join(dir, `killed-${after}.db`);
    const died = await run(process.execPath, [KILLER, db, all, String(after)]).then(
      () => null,
      (error: { signal?: string }) => error.signal ?? null,
    );
    assert.equal(died, 'SIGKILL', 'the ingest died at once, as kill -9 leaves it');
    const store = openSqliteStore(db);
    try {
      const [stored, pending] = [await store.countArticles(), await store.countPendingAnalysis()];
      assert.equal(stored - pending, after - 1, `every checkpoint before the kill was kept, the one in flight lost (${pending} of ${stored} pending)`);
    } finally {
      await store.close();
    }
    assert.deepEqual(await ingestInto(db, [[all]]), whole, `killed after ${after} analysed`);
  }
});
