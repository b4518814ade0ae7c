import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ResidentBuckets } from '../src/pipeline/resident-buckets.js';

const sorted = (a: Int32Array) => Array.from(a).sort((x, y) => x - y);

test('buckets held in memory answer every look-up as the store does, newest per key first, also after new rows', async () => {
  const store = openSqliteStore(':memory:');
  try {
    // Keys shared by many articles (crowded buckets), by a few, and by one; negative keys too.
    const keysOf = (seq: number) => Int32Array.from([7, -3, seq % 5, 1000 + (seq % 50), 5000 + seq]);
    await store.transaction(async (tx) => {
      for (let seq = 1; seq <= 300; seq++) await tx.addBuckets(seq, keysOf(seq));
    });
    // Read in pages of 7 rows, so paging through the bucket rows is exercised too.
    const resident = await store.transaction((tx) => ResidentBuckets.load(tx, 7));
    const probes = Int32Array.from([7, -3, 0, 4, 1001, 5123, 99999]);
    for (const perKey of [1, 5, 200, 1000]) {
      for (const key of probes) {
        const one = Int32Array.of(key);
        assert.deepEqual(sorted(resident.lookup(one, perKey)), sorted(await store.lookupBuckets(one, perKey)), `key ${key}, ${perKey} per key`);
      }
    }
    for (let seq = 301; seq <= 320; seq++) {
      await store.addBuckets(seq, keysOf(seq));
      resident.add(seq, keysOf(seq));
    }
    assert.deepEqual(sorted(resident.lookup(probes, 10)), sorted(await store.lookupBuckets(probes, 10)));
    assert.deepEqual(sorted(resident.lookup(Int32Array.of(7), 3)), [318, 319, 320], 'the newest articles of a crowded bucket');
  } finally {
    await store.close();
  }
});
