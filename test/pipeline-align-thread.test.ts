import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePending } from '../src/pipeline/analyze.js';
import { AlignThread } from '../src/pipeline/align-thread.js';
import { generateCorpus, withStoredCorpus, writeJsonl } from './corpus-fixture.js';
import { snapshot } from './store-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'wiretrace-align-thread-'));
const file = writeJsonl(join(dir, 'corpus.jsonl'), generateCorpus(12));
let serial = 0;

/** Stores the corpus, then runs the ordered step with or without an alignment thread; returns what was derived. */
async function analysed(align?: AlignThread) {
  return withStoredCorpus(join(dir, `run-${++serial}.db`), file, async (store) => {
    await analyzePending(store, { align });
    return snapshot(store);
  });
}

test('candidates aligned on a second thread while the next articles are linked give what aligning inline gives', async () => {
  const inline = await analysed();
  assert.ok(inline.relations.length >= 8, `${inline.relations.length} relations`);
  const thread = new AlignThread();
  try {
    assert.deepEqual(await analysed(thread), inline);
    assert.ok(thread.jobs >= inline.relations.length / 8, `${thread.jobs} alignment jobs ran on the thread`);
  } finally {
    await thread.close();
  }
});

test('when the alignment thread is gone, the ordered step aligns inline and loses nothing', async () => {
  const inline = await analysed();
  const thread = new AlignThread();
  await thread.close();
  assert.deepEqual(await analysed(thread), inline);
});
