import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { analyzePending } from '../src/pipeline/analyze.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { DeferredRows, decodeRedo, encodeRedo } from '../src/pipeline/deferred-rows.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { resolveOptions } from '../src/core/config.js';
import type { Store } from '../src/store/store.js';
import { generateCorpus, withStoredCorpus, writeJsonl } from './corpus-fixture.js';
import { snapshot } from './store-snapshot.js';
import { scratchDir } from './scratch.js';

const dir = scratchDir('deferred-rows');
const file = writeJsonl(join(dir, 'corpus.jsonl'), generateCorpus(40));
const bytes = (...values: number[]) => new Uint8Array(values);
let serial = 0;

/** The redo rows a store holds: [first, next). */
async function redoRange(store: Store): Promise<[number, number]> {
  const range = (await store.getRows('redo', ['range'])).get('range');
  if (!range) return [0, 0];
  const view = new DataView(range.buffer, range.byteOffset, 8);
  return [view.getInt32(0, true), view.getInt32(4, true)];
}

test('a redo row gives back every namespace, key, value and deletion it was made of', () => {
  const changes = [
    { ns: 'ev.df', rows: [['00000a', bytes(1, 2, 3)], ['00000b', null], ['ü-key', bytes()]] as const },
    { ns: 'sl.key', rows: [['gaza', bytes(255, 0, 7, 9)]] as const },
  ];
  const decoded = decodeRedo(encodeRedo(changes.map((c) => ({ ns: c.ns, rows: [...c.rows] }))));
  assert.deepEqual(decoded, changes.map((c) => ({ ns: c.ns, rows: [...c.rows] })));
  assert.throws(() => decodeRedo(encodeRedo(decoded).subarray(0, 20)), /ends early/);
});

test('rows held back are read before the stored ones, survive a new process through the redo rows, and reach their places when flushed', async () => {
  const store = openSqliteStore(join(dir, `unit-${++serial}.db`));
  try {
    await store.putRows('sl.key', [['kept', bytes(1)], ['changed', bytes(2)], ['deleted', bytes(3)]]);
    const first = new DeferredRows((ns) => ns === 'meta');
    await store.transaction(async (tx) => {
      await first.load(tx);
      first.stage('sl.key', [['changed', bytes(20)], ['deleted', null], ['new', bytes(40)]]);
      assert.equal(await first.commit(tx), false, 'under the limit: a redo row, no flush');
    });
    const source = (ns: string, keys: readonly string[]) => store.getRows(ns, keys);
    const seen = async (rows: DeferredRows) => Object.fromEntries([...(await rows.read('sl.key', ['kept', 'changed', 'deleted', 'new'], source))].map(([k, v]) => [k, [...v]]));
    const expected = { kept: [1], changed: [20], new: [40] };
    assert.deepEqual(await seen(first), expected);
    assert.deepEqual([...(await store.getRows('sl.key', ['changed'])).get('changed')!], [2], 'the stored row is not written yet');

    const restarted = new DeferredRows((ns) => ns === 'meta');
    await store.transaction((tx) => restarted.load(tx));
    assert.deepEqual(await seen(restarted), expected, 'another process reads the rows held back from the redo rows');
    assert.deepEqual(await redoRange(store), [0, 1]);

    await store.transaction((tx) => restarted.flush(tx));
    assert.deepEqual(await redoRange(store), [1, 1], 'no redo row is left');
    const stored = await store.getRows('sl.key', ['kept', 'changed', 'deleted', 'new']);
    assert.deepEqual(Object.fromEntries([...stored].map(([k, v]) => [k, [...v]])), expected);
    assert.equal(restarted.pendingBytes, 0);
  } finally {
    await store.close();
  }
});

test('a row changed by several checkpoints is read, reloaded and flushed as its last change', async () => {
  const store = openSqliteStore(join(dir, `unit-${++serial}.db`));
  try {
    await store.putRows('ev.df', [['a', bytes(1)]]);
    const rows = new DeferredRows((ns) => ns === 'meta');
    const source = (ns: string, keys: readonly string[]) => store.getRows(ns, keys);
    const value = async (held: DeferredRows) => [...((await held.read('ev.df', ['a'], source)).get('a') ?? [])];
    await store.transaction(async (tx) => {
      await rows.load(tx);
      rows.stage('ev.df', [['a', bytes(2, 2)]]);
      rows.stage('sl.key', [['x', bytes(9)]]);
      await rows.commit(tx);
    });
    await store.transaction(async (tx) => {
      rows.stage('ev.df', [['a', bytes(3, 3, 3)]]);
      await rows.commit(tx);
    });
    assert.deepEqual(await value(rows), [3, 3, 3]);
    const copy = (await rows.read('ev.df', ['a'], source)).get('a')!;
    copy[0] = 99;
    assert.deepEqual(await value(rows), [3, 3, 3], 'a row read is a copy: changing it leaves the held row as it was');
    await store.transaction(async (tx) => {
      rows.stage('ev.df', [['a', null]]);
      await rows.commit(tx);
    });
    assert.deepEqual(await value(rows), [], 'deleted while held back');
    const restarted = new DeferredRows((ns) => ns === 'meta');
    await store.transaction((tx) => restarted.load(tx));
    assert.deepEqual(await value(restarted), []);
    assert.deepEqual([...(await restarted.read('sl.key', ['x'], source)).get('x')!], [9]);
    await store.transaction((tx) => restarted.flush(tx));
    assert.equal((await store.getRows('ev.df', ['a'])).has('a'), false, 'the deletion reached the stored row');
    assert.deepEqual([...(await store.getRows('sl.key', ['x'])).get('x')!], [9]);
  } finally {
    await store.close();
  }
});

/** The ordered step over the corpus in short checkpoints, holding back at most `deferredBytes`. */
async function analysed(deferredBytes: number) {
  return withStoredCorpus(join(dir, `run-${++serial}.db`), file, async (store) => {
    const state = new AnalysisState(store, resolveOptions(), { deferredBytes });
    const summary = await analyzePending(store, { state, checkpointMs: 5 });
    const heldBack = state.holdsDeferred;
    return { failed: summary.failed.map((f) => f.message), derived: await snapshot(store), heldBack, redo: await redoRange(store) };
  });
}

test('holding back no rows, some, or all of them gives the same relations, events, storylines and quote groups', async () => {
  const flushedEveryCheckpoint = await analysed(0);
  const flushedOften = await analysed(20_000);
  const neverFlushed = await analysed(1e12);
  assert.deepEqual(flushedEveryCheckpoint.failed, []);
  assert.ok(flushedEveryCheckpoint.derived.events.length >= 30, `${flushedEveryCheckpoint.derived.events.length} events`);
  assert.equal(flushedEveryCheckpoint.heldBack, false);
  assert.ok(flushedOften.redo[0] > 0, `flushed on the way (${flushedOften.redo})`);
  assert.ok(neverFlushed.heldBack && neverFlushed.redo[1] > 5, `every checkpoint's rows held back (${neverFlushed.redo})`);
  assert.deepEqual(flushedOften.derived, flushedEveryCheckpoint.derived);
  assert.deepEqual(neverFlushed.derived, flushedEveryCheckpoint.derived);
});

test('an ingest leaves no rows held back: the database holds every derived row in its place when it ends', async () => {
  const store = openSqliteStore(join(dir, `ingest-${++serial}.db`));
  try {
    await ingestPaths(store, [file], { workers: 0 });
    const [first, next] = await redoRange(store);
    assert.ok(next > 0, 'checkpoints wrote redo rows on the way');
    assert.equal(first, next, 'and the end of the ingest wrote them to their places');
  } finally {
    await store.close();
  }
});
