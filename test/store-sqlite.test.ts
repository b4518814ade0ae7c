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
import { budgetArticle, makeRelation, natoArticle } from './store-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let serial = 0;
const freshFile = () => path.join(dir, `store-${++serial}.db`);

storeContract('sqlite file', () => openSqliteStore(freshFile()));
storeContract('sqlite :memory:', () => openSqliteStore(':memory:'));

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all() as string[]).filter(
    (name) => !name.startsWith('sqlite_') && !name.startsWith('articles_fts_'),
  );
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isWiretraceError(error) ? error.code : `not a WiretraceError: ${String(error)}`;
  }
  return undefined;
}

test('a store file is in WAL mode with synchronous=NORMAL and foreign keys on', () => {
  const store = openSqliteStore(freshFile());
  try {
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('synchronous', { simple: true }), 1);
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
  } finally {
    store.close();
  }
});

test('data survives closing and reopening the file', () => {
  const file = freshFile();
  const nato = natoArticle();
  const budget = budgetArticle();
  const first = openSqliteStore(file);
  first.putArticle(nato);
  first.putArticle(budget);
  first.putRelation(makeRelation(nato, budget, 'shared-passage', 0.3));
  first.putBlob('lsh/state', new Uint8Array([3, 1, 4, 1, 5]));
  first.close();

  const second = openSqliteStore(file);
  try {
    assert.deepEqual(second.getArticle('000'), nato);
    assert.equal(second.countArticles(), 2);
    assert.equal(second.listRelations(budget.id).length, 1);
    assert.deepEqual(second.getBlob('lsh/state'), new Uint8Array([3, 1, 4, 1, 5]));
    assert.equal(second.search('Stoltenberg')[0].article.id, nato.id);
    assert.equal(second.putArticle(nato), false, 'the content hash is remembered across runs');
  } finally {
    second.close();
  }
});

test('a read-only store reads but refuses writes', () => {
  const file = freshFile();
  const writer = openSqliteStore(file);
  writer.putArticle(natoArticle());
  writer.close();
  const reader = openSqliteStore(file, { readonly: true });
  try {
    assert.equal(reader.countArticles(), 1);
    assert.throws(() => reader.putArticle(budgetArticle()));
  } finally {
    reader.close();
  }
  assert.throws(() => openSqliteStore(path.join(dir, 'no-such.db'), { readonly: true }));
});

test('a fresh database gets every migration, in order', () => {
  assert.deepEqual(
    MIGRATIONS.map((m) => m.version),
    MIGRATIONS.map((_, i) => i + 1),
  );
  const store = openSqliteStore(freshFile());
  try {
    assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
    for (const table of ['articles', 'articles_fts', 'quarantine', 'relations', 'events', 'event_articles', 'storylines', 'quotes', 'quote_groups', 'entities', 'blobs']) {
      assert.ok(tables(store.db).includes(table), `table ${table}`);
    }
  } finally {
    store.close();
  }
});

test('a database created at version 1 is upgraded on open and keeps its articles', () => {
  const file = freshFile();
  const old = new Database(file);
  assert.deepEqual(migrate(old, file, 1), [1]);
  const nato = natoArticle();
  const budget = budgetArticle();
  const v1 = new SqliteStore(old);
  v1.putArticle(nato);
  v1.putArticle(budget);
  assert.ok(!tables(old).includes('relations'));
  v1.close();

  const store = openSqliteStore(file);
  try {
    assert.equal(schemaVersion(store.db), SCHEMA_VERSION);
    assert.deepEqual(store.getArticle(nato.id), nato);
    assert.equal(store.search('lawmakers')[0].article.id, budget.id);
    store.putRelation(makeRelation(nato, budget));
    assert.equal(store.listRelations(nato.id).length, 1);
    assert.deepEqual(migrate(store.db, file), [], 'nothing left to apply');
  } finally {
    store.close();
  }
});

test('a database from a newer wiretrace is refused with a clear error', () => {
  const file = freshFile();
  const db = new Database(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
  db.close();
  assert.equal(codeOf(() => openSqliteStore(file)), 'DB_TOO_NEW');
  assert.throws(() => openSqliteStore(file), (error: Error) => error.message.includes(file) && error.message.includes(String(SCHEMA_VERSION + 7)));
  assert.equal(codeOf(() => openSqliteStore(file, { readonly: true })), 'DB_TOO_NEW');
});

test('an older database opened read-only asks to be upgraded first', () => {
  const file = freshFile();
  const db = new Database(file);
  migrate(db, file, 1);
  db.close();
  assert.equal(codeOf(() => openSqliteStore(file, { readonly: true })), 'DB_TOO_OLD');
});

test('the full-text index stays consistent with the articles', () => {
  const store = openSqliteStore(freshFile());
  try {
    store.putArticle(natoArticle());
    store.putArticle(budgetArticle());
    assert.throws(() => store.transaction(() => {
      store.putArticle(natoArticle('rolled-back.txt'));
      throw new Error('abort');
    }));
    assert.doesNotThrow(() => store.db.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"));
  } finally {
    store.close();
  }
});

test('writes naming an unknown article fail with NOT_FOUND', () => {
  const store = openSqliteStore(':memory:');
  try {
    const nato = natoArticle();
    store.putArticle(nato);
    assert.equal(codeOf(() => store.putRelation(makeRelation(nato, budgetArticle()))), 'NOT_FOUND');
    assert.equal(codeOf(() => store.putEntities('ffffffffffffffff', [{ name: 'NATO', kind: 'organization', aliases: [], roles: [] }])), 'NOT_FOUND');
  } finally {
    store.close();
  }
});
