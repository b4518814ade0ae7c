import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRowStore, RowSet, jsonCodec } from '../src/core/rows.js';

/** A row source over a memory store that counts the keys it is asked for. */
function countingSource(stored: MemoryRowStore) {
  const asked: string[] = [];
  const source = async (ns: string, keys: readonly string[]) => {
    asked.push(...keys);
    return stored.source(ns, keys);
  };
  return { source, asked };
}

test('a full row cache drops the rows loaded least recently, so a row in steady use is not read again', async () => {
  const stored = new MemoryRowStore();
  const seed = new RowSet();
  const terms = seed.table<number>('t', jsonCodec<number>());
  for (let i = 0; i < 40; i++) terms.set(`k${i}`, i);
  stored.write(seed.drain());

  const { source, asked } = countingSource(stored);
  const table = new RowSet(source).table<number>('t', jsonCodec<number>(), 16);
  // "k0" is needed by every article; the others come once each.
  for (let i = 1; i < 40; i++) {
    await table.load(['k0', `k${i}`]);
    assert.equal(table.get('k0'), 0);
    table.drain();
  }
  assert.equal(asked.filter((k) => k === 'k0').length, 1, 'the steadily used row was read from the store once');
  assert.ok(table.size <= 16, `the cache keeps its bound (${table.size} rows held)`);
});
