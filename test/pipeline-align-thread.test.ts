import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzePending } from '../src/pipeline/analyze.js';
import { AlignThread } from '../src/pipeline/align-thread.js';
import { relate } from '../src/align/relate.js';
import { generateCorpus, withStoredCorpus, writeJsonl } from './corpus-fixture.js';
import { natoArticle } from './store-fixtures.js';
import { snapshot } from './store-snapshot.js';
import { scratchDir } from './scratch.js';

const dir = scratchDir('align-thread');
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
    // A story's later copies are aligned with its earlier articles again and again: those go as ids.
    assert.ok(thread.idsSent > 0, 'articles the thread already held were sent as ids');
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

test('an article the thread holds is sent as its id, and one whose text changed under the same id is sent and aligned anew', async () => {
  const source = natoArticle();
  const copy = { ...natoArticle('copy.txt'), id: 'copy' };
  const edited = { ...copy, text: copy.text.replace('defense ministers', 'defence chiefs') };
  const thread = new AlignThread();
  try {
    const first = await thread.relateAll(copy, [source], []);
    assert.equal(thread.idsSent, 0);
    assert.deepEqual(await thread.relateAll(copy, [source], []), first);
    assert.equal(thread.idsSent, 2, 'both articles went as ids the second time');
    assert.deepEqual(await thread.relateAll(edited, [source], []), [relate(source, edited, {})]);
    assert.equal(thread.idsSent, 3, 'the edited text went whole');
  } finally {
    await thread.close();
  }
});
