import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-checkpoints-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Rows of namespace `ns` in the database file alone, as it would be read without its WAL (null: copied in the middle of a checkpoint). */
function rowsInFileAlone(file: string, ns: string): number | null {
  const copy = path.join(dir, `copy-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(file, copy);
  let db: Database.Database;
  try {
    db = new Database(copy);
  } catch {
    return null;
  }
  try {
    return db.prepare('SELECT count(*) FROM state_rows WHERE ns = ?').pluck().get(ns) as number;
  } catch {
    return null;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  }
}

async function commitRows(store: ReturnType<typeof openSqliteStore>, ns: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.transaction((tx) => tx.putRows(ns, [[`k${i}`, new Uint8Array([i % 256, 1, 2, 3])]]));
  }
}

test('a store kept open through many commits has its WAL copied into the database file while it stays open', async () => {
  const file = path.join(dir, 'kept.db');
  const store = openSqliteStore(file);
  try {
    await commitRows(store, 'kept', 40);
    // Far fewer pages than the writer's own auto-checkpoint waits for: only the checkpoint thread copies them.
    let copied = rowsInFileAlone(file, 'kept');
    for (let tries = 0; copied !== 40 && tries < 400; tries++) {
      await sleep(50);
      copied = rowsInFileAlone(file, 'kept');
    }
    assert.equal(copied, 40);
    assert.equal(store.db.prepare('SELECT count(*) FROM state_rows WHERE ns = ?').pluck().get('kept'), 40);
  } finally {
    await store.close();
  }
});

test('a store closes with its checkpoint thread running, and reopened it holds every commit, before and after', async () => {
  const file = path.join(dir, 'reopened.db');
  const first = openSqliteStore(file);
  await commitRows(first, 'a', 30);
  await first.close();
  const second = openSqliteStore(file);
  await commitRows(second, 'b', 30);
  await second.close();
  assert.equal(rowsInFileAlone(file, 'a'), 30);
  assert.equal(rowsInFileAlone(file, 'b'), 30);
});
