/** The same corpus through the same pipeline into SQLite and into PostgreSQL gives the same analysis. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/open.js';
import { generateCorpus, writeJsonl } from './corpus-fixture.js';
import { snapshot, userView } from './store-snapshot.js';
import { pgMissing, startPostgres, type PostgresServer } from './services.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/wiretrace.js', import.meta.url));
const skip = pgMissing();
const dir = mkdtempSync(join(tmpdir(), 'wiretrace-equivalence-'));
let server: PostgresServer;

before(async () => {
  if (!skip) server = await startPostgres();
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  return run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24 });
}

async function analysis(location: string) {
  const store = openStore(location);
  try {
    return { exact: await snapshot(store), user: await userView(store) };
  } finally {
    await store.close();
  }
}

test('one corpus ingested through the CLI into SQLite and into PostgreSQL: the same relations, events, storylines and quote groups', { skip }, async () => {
  const corpus = writeJsonl(join(dir, 'corpus.jsonl'), generateCorpus(14, 7));
  const sqlite = join(dir, 'equivalence.db');
  const postgres = await server.createDatabase();
  await cli('ingest', '--db', sqlite, corpus);
  // WIRETRACE_DB chooses the store as --db does.
  await run(process.execPath, [BIN, 'ingest', corpus], { env: { ...process.env, WIRETRACE_DB: postgres }, maxBuffer: 1 << 24 });

  const [expected, actual] = [await analysis(sqlite), await analysis(postgres)];
  assert.equal(expected.user.pending, 0);
  assert.ok(expected.user.relations.length >= 10, 'the corpus has rewrites to find');
  assert.ok(expected.user.events.some((e) => e.includes(' + ')), 'and events of several articles');
  assert.ok(expected.user.quoteGroups.some((g) => g.includes(' | ')), 'and quotes seen in several articles');
  assert.deepEqual(actual.user, expected.user);
  assert.deepEqual(actual.exact, expected.exact, 'scores, ids, titles and dates too');

  const stories = async (db: string) => JSON.parse((await cli('stories', '--db', db, '--json')).stdout) as unknown;
  assert.deepEqual(await stories(postgres), await stories(sqlite));
  const search = async (db: string) => JSON.parse((await cli('search', 'harbour cranes', '--db', db, '--json')).stdout) as Array<{ name: string }>;
  const [pgHits, sqliteHits] = [await search(postgres), await search(sqlite)];
  assert.ok(sqliteHits.length > 0);
  assert.deepEqual(new Set(pgHits.map((h) => h.name)), new Set(sqliteHits.map((h) => h.name)), 'search finds the same articles');
});
