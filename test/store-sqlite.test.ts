import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isWiretraceError } from '../src/core/errors.js';
import { openSqliteStore, SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from '../src/store/sqlite/migrations.js';
import { storeContract } from './store-contract.js';
import { budgetArticle, makeEvent, makeRelation, manyArticles, natoArticle, putAll } from './store-fixtures.js';
import type { Store } from '../src/store/store.js';
import type { Relation } from '../src/core/types.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const freshFile = () => path.join(dir, `store-${++serial}.db`);

storeContract('sqlite file', () => openSqliteStore(freshFile()));
storeContract('sqlite :memory:', () => openSqliteStore(':memory:'));
storeContract('sqlite, bucket entries moving to the large table every few', () => openSqliteStore(':memory:', { recentBuckets: { entries: 3, fromSeq: 0 } }));

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all() as string[]).filter(
    (name) => !name.startsWith('sqlite_') && !name.startsWith('articles_fts_'),
  );
}

async function rejectionCode(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    return isWiretraceError(error) ? error.code : `not a WiretraceError: ${String(error)}`;
  }
  return undefined;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isWiretraceError(error) ? error.code : `not a WiretraceError: ${String(error)}`;
  }
  return undefined;
}

test('a store file is in WAL mode with synchronous=NORMAL, foreign keys on and a 60 s busy timeout', async () => {
  const store = openSqliteStore(freshFile());
  try {
    assert.equal(store.db.pragma('busy_timeout', { simple: true }), 60000);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('synchronous', { simple: true }), 1);
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
  } finally {
    await store.close();
  }
});

test('data survives closing and reopening the file', async () => {
  const file = freshFile();
  const nato = natoArticle();
  const budget = budgetArticle();
  const first = openSqliteStore(file);
  await first.putArticle(nato);
  await first.putArticle(budget);
  await first.putRelation(makeRelation(nato, budget, 'shared-passage', 0.3));
  await first.putRows('lsh', [['state', new Uint8Array([3, 1, 4, 1, 5])]]);
  await first.close();

  const second = openSqliteStore(file);
  try {
    assert.deepEqual(await second.resolveArticle('000'), { found: nato });
    assert.equal(await second.countArticles(), 2);
    assert.equal((await second.listRelations(budget.id)).length, 1);
    assert.deepEqual((await second.getRows('lsh', ['state'])).get('state'), new Uint8Array([3, 1, 4, 1, 5]));
    assert.equal((await second.search('Stoltenberg'))[0].article.id, nato.id);
    assert.equal(await second.putArticle(nato), false, 'the content hash is remembered across runs');
  } finally {
    await second.close();
  }
});

test('a read-only store reads but refuses writes', async () => {
  const file = freshFile();
  const writer = openSqliteStore(file);
  await writer.putArticle(natoArticle());
  await writer.close();
  const reader = openSqliteStore(file, { readonly: true });
  try {
    assert.equal(await reader.countArticles(), 1);
    await assert.rejects(() => reader.putArticle(budgetArticle()));
  } finally {
    await reader.close();
  }
  assert.throws(() => openSqliteStore(path.join(dir, 'no-such.db'), { readonly: true }));
});

test('a fresh database gets every migration, in order', async () => {
  assert.deepEqual(
    MIGRATIONS.map((m) => m.version),
    MIGRATIONS.map((_, i) => i + 1),
  );
  const store = openSqliteStore(freshFile());
  try {
    assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
    for (const table of ['articles', 'articles_fts', 'quarantine', 'relations', 'events', 'event_articles', 'storylines', 'quotes', 'quote_groups', 'entities', 'state_rows', 'lsh_buckets', 'lsh_recent']) {
      assert.ok(tables(store.db).includes(table), `table ${table}`);
    }
  } finally {
    await store.close();
  }
});

test('a database created at version 1 is upgraded on open and keeps its articles', async () => {
  const file = freshFile();
  const old = new Database(file);
  assert.deepEqual(migrate(old, file, 1), [1]);
  const nato = natoArticle();
  const budget = budgetArticle();
  const v1 = new SqliteStore(old);
  await v1.putArticle(nato);
  await v1.putArticle(budget);
  assert.ok(!tables(old).includes('relations'));
  await v1.close();

  const store = openSqliteStore(file);
  try {
    assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
    assert.deepEqual(await store.getArticle(nato.id), nato);
    assert.equal((await store.search('lawmakers'))[0].article.id, budget.id);
    await store.putRelation(makeRelation(nato, budget));
    assert.equal((await store.listRelations(nato.id)).length, 1);
    assert.deepEqual(migrate(store.db, file), [], 'nothing left to apply');
  } finally {
    await store.close();
  }
});

test('a database from a newer wiretrace is refused with a clear error', async () => {
  const file = freshFile();
  const db = new Database(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
  db.close();
  assert.equal(codeOf(() => openSqliteStore(file)), 'DB_TOO_NEW');
  assert.throws(() => openSqliteStore(file), (error: Error) => error.message.includes(file) && error.message.includes(String(SCHEMA_VERSION + 7)));
  assert.equal(codeOf(() => openSqliteStore(file, { readonly: true })), 'DB_TOO_NEW');
});

test('an older database opened read-only asks to be upgraded first', async () => {
  const file = freshFile();
  const db = new Database(file);
  migrate(db, file, 1);
  db.close();
  assert.equal(codeOf(() => openSqliteStore(file, { readonly: true })), 'DB_TOO_OLD');
});

test('the full-text index stays consistent with the articles', async () => {
  const store = openSqliteStore(freshFile());
  try {
    await store.putArticle(natoArticle());
    await store.putArticle(budgetArticle());
    await assert.rejects(() => store.transaction(async (tx) => {
      await tx.putArticle(natoArticle('rolled-back.txt'));
      throw new Error('abort');
    }));
    assert.doesNotThrow(() => store.db.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"));
  } finally {
    await store.close();
  }
});

test('writes naming an unknown article fail with NOT_FOUND', async () => {
  const store = openSqliteStore(':memory:');
  try {
    const nato = natoArticle();
    await store.putArticle(nato);
    assert.equal(await rejectionCode(() => store.putRelation(makeRelation(nato, budgetArticle()))), 'NOT_FOUND');
    assert.equal(await rejectionCode(() => store.putEntities('ffffffffffffffff', [{ name: 'NATO', kind: 'organization', aliases: [], roles: [] }])), 'NOT_FOUND');
  } finally {
    await store.close();
  }
});

test('a version 3 database loses its blobs and derived data on upgrade, and queues its articles for analysis', async () => {
  const file = freshFile();
  const old = new Database(file);
  migrate(old, file, 3);
  const nato = natoArticle();
  const budget = budgetArticle();
  const insert = old.prepare(
    `INSERT INTO articles (id, name, format, title, source, url, byline, dateline, published, wire, language, based_on, text,
       paragraphs, captions, contributors, words, source_map, ingested_at)
     VALUES (@id, @name, @format, @title, @source, @url, @byline, @dateline, @published, @wire, @language, @basedOn, @text,
       @paragraphs, @captions, @contributors, @words, @sourceMap, 'then')`,
  );
  for (const a of [nato, budget]) {
    const json = (v: unknown) => JSON.stringify(v);
    insert.run({ ...a, wire: json(a.wire), paragraphs: json(a.paragraphs), captions: json(a.captions), contributors: json(a.contributors), sourceMap: json(a.sourceMap) });
  }
  old.prepare("INSERT INTO blobs (key, value) VALUES ('index/reuse', x'0102')").run();
  old.prepare(`INSERT INTO relations (a, b, kind, score, source, evidence, passages) VALUES (?, ?, 'spin', 0.5, NULL, '[]', '[]')`).run(nato.id, budget.id);
  old.prepare(`INSERT INTO storylines (id, title, events, reasons, position) VALUES ('S1', 't', '[]', '[]', 0)`).run();
  old.close();

  const store = openSqliteStore(file);
  try {
    assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
    assert.ok(!tables(store.db).includes('blobs'));
    assert.equal(await store.countRelations(), 0);
    assert.equal(await store.countStorylines(), 0);
    assert.deepEqual((await store.pendingAnalysis(10)).map((p) => p.article), [nato, budget]);
  } finally {
    await store.close();
  }
});

test('inside a transaction, calling the store itself fails fast instead of waiting forever', async () => {
  const store = openSqliteStore(':memory:');
  try {
    const nato = natoArticle();
    await assert.rejects(
      store.transaction(async () => {
        await store.putArticle(nato);
      }),
      (error: unknown) => isWiretraceError(error) && error.code === 'BAD_USAGE',
    );
    await assert.rejects(store.transaction(async (tx) => tx.transaction(async () => 1)), /do not nest/);
    let leaked: Store | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await assert.rejects(leaked!.putArticle(nato), /after its transaction ended/);
    assert.equal(await store.countArticles(), 0);
  } finally {
    await store.close();
  }
});

test('a keyset page deep in the article list is an index seek, not a scan', async () => {
  const store = openSqliteStore(':memory:');
  try {
    await putAll(store, manyArticles(3000));
    const summaries = await store.listArticles({ offset: 2500, limit: 1000 });
    const dated = summaries.find((s) => s.published !== null)!;
    const undated = summaries.find((s) => s.published === null)!;
    const plans: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      if (sql.includes('INDEXED BY articles_published')) plans.push(...(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...placeholders(sql)) as Array<{ detail: string }>).map((r) => r.detail));
      return prepare(sql);
    }) as typeof store.db.prepare;
    await store.listArticles({ after: dated.id, limit: 5 });
    await store.listArticles({ after: undated.id, limit: 5 });
    store.db.prepare = prepare;
    assert.ok(plans.length >= 2);
    for (const plan of plans) assert.match(plan, /^SEARCH articles USING INDEX articles_published/, plan);
    assert.ok(plans.every((plan) => !plan.includes('TEMP B-TREE')), plans.join(' | '));
  } finally {
    await store.close();
  }
});

/** Null arguments for each `?` of a statement, enough to ask SQLite for its plan. */
function placeholders(sql: string): null[] {
  return Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
}

test('LSH bucket entries move from the recent table to the large one a few at a time, in key order, and read the same before and after', async () => {
  const keysOf = (seq: number) => Int32Array.from({ length: 6 }, (_, i) => ((seq * 7 + i * 13) % 11) - 5);
  // Articles 1-14 filed straight into the large table, the rest through the small one.
  const moving = openSqliteStore(':memory:', { recentBuckets: { entries: 10, fromSeq: 15 } });
  const direct = openSqliteStore(':memory:');
  const count = (store: SqliteStore, table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const scanAll = async (store: SqliteStore, page: number) => {
    const out: string[] = [];
    let after: [number, number] | null = null;
    for (;;) {
      const rows = await store.scanBuckets(after, page);
      for (let i = 0; i < rows.length; i += 2) out.push(`${rows[i]}:${rows[i + 1]}`);
      if (rows.length < 2 * page) return out;
      after = [rows[rows.length - 2]!, rows[rows.length - 1]!];
    }
  };
  try {
    // Up to 39: the small table then holds 8 entries, so the out-of-order article below stays in it.
    for (let seq = 1; seq <= 39; seq++) for (const store of [moving, direct]) await store.addBuckets(seq, keysOf(seq));
    // An article's entries added again after they moved are still read once.
    await moving.addBuckets(3, keysOf(3));
    // An article analysed again out of order (20, under the floor of 32), with a key of its own, lowers the floor the look-ups trust.
    for (const store of [moving, direct]) await store.addBuckets(20, Int32Array.from([-77]));
    assert.ok(count(moving, 'lsh_buckets') > 0 && count(moving, 'lsh_recent') <= 10, 'entries moved to the large table');
    assert.equal(count(direct, 'lsh_recent'), 0, 'small stores file every entry straight into the large table');
    const everything = await scanAll(direct, 1000);
    assert.equal(new Set(everything).size, everything.length);
    for (const page of [1, 3, 7, 1000]) assert.deepEqual(await scanAll(moving, page), everything, `pages of ${page}`);
    const keys = Int32Array.from([-77, -5, 0, 3, 5, 99]);
    // Every bound, those under the floor the small table's sweeps keep (where it is skipped) and those above it.
    for (const perKey of [2, 4, 50]) {
      for (let below = 1; below <= 42; below++) {
        assert.deepEqual([...(await moving.lookupOlderBuckets(keys, perKey, below))], [...(await direct.lookupOlderBuckets(keys, perKey, below))], `${perKey} below ${below}`);
      }
    }
  } finally {
    await moving.close();
    await direct.close();
  }
});

test('relations are counted by kind: an upgraded database counts those it holds, and a kind or the kind facet is read by index, never by a scan of every relation', async () => {
  const file = freshFile();
  const articles = manyArticles(40);
  const kinds: Array<Relation['kind']> = ['spin', 'excerpt', 'excerpt', 'update'];
  let store = openSqliteStore(file);
  await putAll(store, articles);
  for (let i = 0; i + 1 < articles.length; i++) await store.putRelation(makeRelation(articles[i]!, articles[i + 1]!, kinds[i % kinds.length], 0.2 + (i % 10) / 20));
  await store.putEvent(makeEvent('E1', articles.slice(0, 4), '2022-03-01'));
  // As a database written before the counts by kind (version 10) was: what versions 11 and 12 added, taken out.
  store.db.exec(
    `DROP TRIGGER relations_kind_counted_insert; DROP TRIGGER relations_kind_counted_delete; DROP INDEX relations_kind; DELETE FROM row_counts WHERE name LIKE 'relations:%';
     DROP TRIGGER event_articles_counted_insert; DROP TRIGGER event_articles_counted_delete; DROP TRIGGER event_articles_counted_move; ALTER TABLE events DROP COLUMN size;`,
  );
  store.db.pragma('user_version = 10');
  await store.close();

  store = openSqliteStore(file);
  try {
    assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
    assert.deepEqual((await store.queryEvents({})).items.map((e) => e.size), [4], 'the upgrade counted the events\u2019 articles');
    const truth = (minScore: number) =>
      store.db.prepare('SELECT kind AS value, count(*) AS count FROM relations WHERE score >= ? GROUP BY kind ORDER BY count DESC, kind').all(minScore) as Array<{ value: string; count: number }>;
    const [everyKind, strongKinds] = [truth(0), truth(0.4)];
    const plans: string[] = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = ((sql: string) => {
      if (/\bFROM relations\b/.test(sql)) plans.push(...(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...explainArgs(sql)) as Array<{ detail: string }>).map((r) => `${r.detail} ← ${sql}`));
      return prepare(sql);
    }) as typeof store.db.prepare;
    const all = await store.queryRelations({ limit: 5 });
    const spins = await store.queryRelations({ kind: 'spin', minScore: 0.4, limit: 5 });
    store.db.prepare = prepare;
    assert.deepEqual(all.facets!.kind, everyKind, 'the upgrade counted every kind');
    assert.equal(all.total, articles.length - 1);
    assert.deepEqual(spins.facets!.kind, strongKinds);
    assert.equal(spins.total, strongKinds.find((k) => k.value === 'spin')?.count);
    assert.ok(spins.items.length > 0 && spins.items.every((r) => r.kind === 'spin' && r.score >= 0.4));
    assert.ok(plans.some((p) => /^SEARCH r USING INDEX relations_kind/.test(p)), plans.join('\n'));
    // The one scan allowed is the strongest-first page: the score index read in order, up to its limit.
    const scans = plans.filter((p) => /^SCAN /.test(p));
    assert.ok(scans.every((p) => /^SCAN r USING INDEX relations_score ← .* LIMIT @limit/.test(p)), scans.join('\n'));

    await store.resetAnalysis();
    assert.deepEqual((await store.queryRelations({ limit: 5 })).facets!.kind, [], 'dropping the relations drops their counts');
  } finally {
    await store.close();
  }
});

/** Null arguments for a statement's `?` or `@name` parameters, enough to ask SQLite for its plan. */
function explainArgs(sql: string): unknown[] {
  const named = sql.match(/@\w+/g);
  return named ? [Object.fromEntries(named.map((n) => [n.slice(1), null]))] : placeholders(sql);
}

test("an event's kept number of articles follows every write of its members: adds, a whole-event write, a merge, a deletion, a reset", async () => {
  const store = openSqliteStore(':memory:');
  try {
    const articles = manyArticles(12);
    await putAll(store, articles);
    const counted = () =>
      store.db.prepare('SELECT id, size, (SELECT count(*) FROM event_articles ea WHERE ea.event_id = e.id) AS members FROM events e ORDER BY id').all() as Array<{ id: string; size: number; members: number }>;
    const expectKept = (what: string) => {
      const rows = counted();
      assert.ok(rows.every((r) => r.size === r.members), `${what}: ${JSON.stringify(rows)}`);
      return rows.map((r) => [r.id, r.size]);
    };
    await store.putEvent(makeEvent('E1', articles.slice(0, 3), '2022-03-01'));
    await store.putEvent(makeEvent('E2', articles.slice(3, 5), '2022-03-02'));
    const header = { id: 'E3', title: 'a third', dateBegin: '2022-03-03', dateEnd: '2022-03-03', entities: [] };
    await store.putEventHeader(header);
    for (const a of articles.slice(5, 9)) await store.addEventMember('E3', { article: a.id, action: 'joined', score: 0.7, parts: { text: 0.5, entities: 0.5, time: 1 }, note: '' });
    assert.deepEqual(expectKept('after adds'), [['E1', 3], ['E2', 2], ['E3', 4]]);
    await store.putEvent(makeEvent('E1', articles.slice(0, 2), '2022-03-01'));
    assert.deepEqual(expectKept('after a whole-event write'), [['E1', 2], ['E2', 2], ['E3', 4]]);
    await store.mergeEvent('E2', 'E3', 'merged', 0.8);
    assert.deepEqual(expectKept('after a merge'), [['E1', 2], ['E3', 6]]);
    assert.deepEqual((await store.queryEvents({ sort: 'size' })).items.map((e) => [e.id, e.size]), [['E3', 6], ['E1', 2]]);
    await store.deleteEvent('E1');
    assert.deepEqual(expectKept('after a deletion'), [['E3', 6]]);
    await store.resetAnalysis();
    assert.deepEqual(expectKept('after a reset'), []);
  } finally {
    await store.close();
  }
});
