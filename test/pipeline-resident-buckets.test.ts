import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ResidentBuckets } from '../src/pipeline/resident-buckets.js';
import type { Store } from '../src/store/store.js';

const sorted = (a: Int32Array) => Array.from(a).sort((x, y) => x - y);

// Keys shared by many articles (crowded buckets), by a few, and by one; negative keys too.
const keysOf = (seq: number) => Int32Array.from([7, -3, seq % 5, 1000 + (seq % 50), 5000 + seq]);

/** A store holding the buckets of articles 1-300, for `fn`; with `moving`, its entries move between its two bucket tables every 37. */
async function withBuckets(fn: (store: Store) => Promise<void>, moving: boolean): Promise<void> {
  const store = openSqliteStore(':memory:', moving ? { recentBuckets: { entries: 37, fromSeq: 0 } } : {});
  try {
    await store.transaction(async (tx) => {
      for (let seq = 1; seq <= 300; seq++) await tx.addBuckets(seq, keysOf(seq));
    });
    await fn(store);
  } finally {
    await store.close();
  }
}

/** `body` on such a store as it usually is, and on one whose entries moved between its bucket tables. */
function testBoth(name: string, body: (store: Store) => Promise<void>): void {
  test(name, () => withBuckets(body, false));
  test(`${name} (entries moving between the bucket tables)`, () => withBuckets(body, true));
}

testBoth('buckets held in memory answer every look-up as the store does, newest per key first, also after new rows', async (store) => {
  // Read in pages of 7 rows, so paging through the bucket rows is exercised too.
  const resident = await store.transaction((tx) => ResidentBuckets.load(tx, { page: 7 }));
  const probes = Int32Array.from([7, -3, 0, 4, 1001, 5123, 99999]);
  for (const perKey of [1, 5, 200, 1000]) {
    for (const key of probes) {
      const one = Int32Array.of(key);
      assert.deepEqual(sorted(await resident.lookup(store, one, perKey)), sorted(await store.lookupBuckets(one, perKey)), `key ${key}, ${perKey} per key`);
    }
  }
  for (let seq = 301; seq <= 320; seq++) {
    await store.addBuckets(seq, keysOf(seq));
    resident.add(seq, keysOf(seq));
  }
  assert.deepEqual(sorted(await resident.lookup(store, probes, 10)), sorted(await store.lookupBuckets(probes, 10)));
  assert.deepEqual(sorted(await resident.lookup(store, Int32Array.of(7), 3)), [318, 319, 320], 'the newest articles of a crowded bucket');
});

testBoth('with room for a few entries, the oldest leave memory and are looked up in the store: the same answers; a rollback forgets what it filed', async (store) => {
  const resident = await store.transaction((tx) => ResidentBuckets.load(tx, { page: 7, entries: 100 }));
  assert.ok(resident.held <= 100, `${resident.held} entries held`);
  const probes = Int32Array.from([7, -3, 0, 4, 1001, 1049, 5003, 5123, 5299, 99999]);
  const same = async (perKey: number) => {
    for (const key of probes) {
      const one = Int32Array.of(key);
      assert.deepEqual(sorted(await resident.lookup(store, one, perKey)), sorted(await store.lookupBuckets(one, perKey)), `key ${key}, ${perKey} per key`);
    }
  };
  for (const perKey of [1, 3, 10, 1000]) await same(perKey);
  for (let seq = 301; seq <= 400; seq++) {
    await store.addBuckets(seq, keysOf(seq));
    resident.add(seq, keysOf(seq));
    if (seq % 20 === 0) resident.settle();
  }
  assert.ok(resident.held <= 100, `${resident.held} entries held`);
  for (const perKey of [1, 3, 10, 1000]) await same(perKey);

  // A checkpoint's filings, rolled back in the store and in memory.
  resident.committed();
  await assert.rejects(
    store.transaction(async (tx) => {
      for (let seq = 401; seq <= 410; seq++) {
        await tx.addBuckets(seq, keysOf(seq));
        resident.add(seq, keysOf(seq));
      }
      throw new Error('lost');
    }),
    /lost/,
  );
  resident.rollback();
  for (const perKey of [1, 3, 10, 1000]) await same(perKey);
});

testBoth('answers about articles that left memory are kept and stay exact as more articles leave memory', async (store) => {
  const resident = await store.transaction((tx) => ResidentBuckets.load(tx, { page: 7, entries: 100, olderAnswers: 6 }));
  const probes = Int32Array.from([7, -3, 0, 4, 1001, 1049, 5003, 5123, 5299, 99999]);
  let asked = 0;
  const counting = new Proxy(store, {
    get: (target, name, receiver) => {
      if (name === 'lookupOlderBuckets') asked++;
      return Reflect.get(target, name, receiver);
    },
  });
  const same = async () => {
    for (const key of probes) {
      const one = Int32Array.of(key);
      assert.deepEqual(sorted(await resident.lookup(counting, one, 3)), sorted(await store.lookupBuckets(one, 3)), `key ${key}`);
    }
    assert.deepEqual(sorted(await resident.lookup(counting, probes, 3)), sorted(await store.lookupBuckets(probes, 3)), 'all keys at once');
  };
  await same();
  const first = asked;
  await same();
  assert.ok(asked < 2 * first, `answers kept: ${first} store look-ups, then ${asked - first} more for the same keys`);
  // New articles, so earlier ones leave memory (their entries join the answers kept) between look-ups.
  for (let seq = 301; seq <= 500; seq++) {
    await store.addBuckets(seq, keysOf(seq));
    resident.add(seq, keysOf(seq));
    if (seq % 10 === 0) {
      resident.settle();
      await same();
    }
  }
});
