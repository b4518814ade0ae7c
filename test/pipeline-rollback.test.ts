import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzePending } from '../src/pipeline/analyze.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { resolveOptions } from '../src/core/config.js';
import type { Store } from '../src/store/store.js';
import { StoreUnavailable } from '../src/store/unavailable.js';
import { generateCorpus, withStoredCorpus, writeJsonl } from './corpus-fixture.js';
import { snapshot } from './store-snapshot.js';
import { scratchDir } from './scratch.js';

const dir = scratchDir('rollback');
const file = writeJsonl(join(dir, 'corpus.jsonl'), generateCorpus(12));
let serial = 0;

/** A store whose transactions lose their connection at the `failAt`-th read of quote-group rows. */
function losingConnection(store: Store, failAt: number): Store {
  let reads = 0;
  const flaky = (tx: Store): Store =>
    new Proxy(tx, {
      get(target, key, receiver) {
        if (key !== 'getRows') return Reflect.get(target, key, receiver);
        return async (ns: string, keys: readonly string[]) => {
          if (ns.startsWith('qg.') && ++reads === failAt) throw new StoreUnavailable('terminating connection due to administrator command');
          return target.getRows(ns, keys);
        };
      },
    });
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'transaction') return Reflect.get(target, key, receiver);
      return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(flaky(tx)));
    },
  });
}

/** The ordered step, after a first try that loses its connection at `failAt`; `held`: with the LSH buckets in memory, most of them looked up in the store. */
async function analysedAfterFailure(failAt: number | null, held = false) {
  return withStoredCorpus(join(dir, `run-${++serial}.db`), file, async (store) => {
    const state = new AnalysisState(store, resolveOptions(), { resident: { entries: 60 } });
    const opts = { state, holdBuckets: held, checkpointMs: 5 };
    if (failAt !== null) await assert.rejects(analyzePending(losingConnection(store, failAt), opts), /terminating connection/);
    await analyzePending(store, opts);
    return snapshot(store);
  });
}

test('a checkpoint rolled back in the middle of an article, then retried with the same state, stores each quote variant and storyline change once', async () => {
  const clean = await analysedAfterFailure(null);
  assert.ok(clean.quoteGroups.some((g) => g.variants.length >= 2), 'quotes seen in several articles');
  for (const failAt of [2, 5, 9, 14, 20]) assert.deepEqual(await analysedAfterFailure(failAt), clean, `connection lost at quote-row read ${failAt}`);
});

test('with the LSH buckets held in memory, a rolled-back checkpoint undoes its filings there too: the retry finds the same candidates', async () => {
  const clean = await analysedAfterFailure(null);
  assert.deepEqual(await analysedAfterFailure(null, true), clean, 'held buckets, no failure');
  for (const failAt of [3, 9, 20]) assert.deepEqual(await analysedAfterFailure(failAt, true), clean, `connection lost at quote-row read ${failAt}`);
});
