import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { analyzePending } from '../src/pipeline/analyze.js';
import type { PreparedParts } from '../src/pipeline/analyze-article.js';
import { generateCorpus, writeJsonl } from './corpus-fixture.js';
import { scratchDir } from './scratch.js';

test('an article whose analysis throws is quarantined with its error; the others are analysed and later ingests go on', async () => {
  const dir = scratchDir('failure');
  const corpus = generateCorpus(6, 3);
  const store = openSqliteStore(join(dir, 'w.db'));
  try {
    await ingestPaths(store, [writeJsonl(join(dir, 'a.jsonl'), corpus)], { skipAnalysis: true });
    const [victim] = await store.pendingAnalysis(1);
    assert.ok(victim);
    // A fingerprint that throws when read stands for any stage failure on one article.
    const broken = new Proxy({}, { get: () => { throw new RangeError('Maximum call stack size exceeded'); } }) as PreparedParts['fingerprint'];
    const prepared = new Map<string, PreparedParts>([[victim.article.id, { entities: [], quotes: [], fingerprint: broken }]]);
    const summary = await analyzePending(store, { prepared });
    assert.equal(summary.failed.length, 1);
    assert.equal(summary.failed[0]!.code, 'ANALYSIS_FAILED');
    assert.match(summary.failed[0]!.message, /candidates.*RangeError: Maximum call stack/);
    assert.equal(summary.analysed, (await store.countArticles()) - 1);
    assert.equal(await store.countPendingAnalysis(), 0, 'the failed article is not pending again');
    const quarantined = await store.listQuarantine();
    assert.ok(quarantined.some((q) => q.origin === victim.article.name && q.code === 'ANALYSIS_FAILED'));
    assert.ok((await store.countEvents()) > 0);
    assert.equal(await store.eventOfArticle(victim.article.id), undefined);

    const more = await ingestPaths(store, [writeJsonl(join(dir, 'b.jsonl'), generateCorpus(2, 9))]);
    assert.ok(more.added > 0 && more.analysed === more.added, 'a later ingest analyses its own articles, not the failed one');
  } finally {
    await store.close();
  }
});
