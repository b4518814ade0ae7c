import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzePending } from '../src/pipeline/analyze.js';
import { AnalysisState } from '../src/pipeline/analysis-state.js';
import { resolveOptions } from '../src/core/config.js';
import { generateCorpus, withStoredCorpus, writeJsonl } from './corpus-fixture.js';
import { snapshot } from './store-snapshot.js';
import { scratchDir } from './scratch.js';

const dir = scratchDir('eviction');
const file = writeJsonl(join(dir, 'corpus.jsonl'), generateCorpus(40));
let serial = 0;

/** The ordered step over the corpus, with every stage's row cache scaled by `scale` (and, when tight, a few LSH bucket entries held in memory). */
async function analysed(scale: number) {
  return withStoredCorpus(join(dir, `run-${++serial}.db`), file, async (store) => {
    const limits = { rowCacheScale: scale, resident: { entries: Math.ceil(scale * 1e6), page: 7 } };
    const summary = await analyzePending(store, { state: new AnalysisState(store, resolveOptions(), limits), checkpointMs: 5, holdBuckets: scale < 1 });
    return { failed: summary.failed.map((f) => f.message), derived: await snapshot(store) };
  });
}

test('row caches and held LSH buckets far smaller than the state (rows dropped and read again, old buckets looked up in the store) give the same results, and no article fails', async () => {
  const roomy = await analysed(1);
  assert.deepEqual(roomy.failed, []);
  assert.ok(roomy.derived.events.length >= 30, `${roomy.derived.events.length} events`);
  const tight = await analysed(0.0001);
  assert.deepEqual(tight.failed, []);
  assert.deepEqual(tight.derived, roomy.derived);
});
