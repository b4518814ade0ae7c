/**
 * Store contract, part four: quarantine, derived state as rows, LSH buckets, the analysis queue
 * and transactions. Not a test file itself.
 */
import assert from 'node:assert/strict';
import type { QuarantineRecord } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { budgetArticle, footballArticle, makeArticle, makeEvent, makeRelation, NATO_PARAGRAPHS, natoArticle, putAll, quotesIn } from './store-fixtures.js';
import { storeTest, type Harness } from './store-harness.js';

const emptyFile: QuarantineRecord = { origin: 'x.txt', code: 'EMPTY_FILE', message: 'x.txt: empty file', excerpt: '' };

export function stateContract(h: Harness): void {
  quarantineContract(h);
  outletContract(h);
  rowContract(h);
  analysisContract(h);
  transactionContract(h);
}

function quarantineContract(h: Harness): void {
  storeTest(h, 'quarantine keeps every record in arrival order', async (store) => {
    const records = [
      { origin: 'feeds/world.jsonl:17', code: 'MALFORMED_JSONL', message: 'feeds/world.jsonl:17: malformed JSON line (Unexpected token)', excerpt: '{"id": "a1", "text": ' },
      { origin: 'pages/empty.html', code: 'EMPTY_FILE', message: 'pages/empty.html: empty file', excerpt: '' },
      { origin: 'crawl.warc.gz', code: 'TRUNCATED_GZIP', message: 'crawl.warc.gz: truncated or corrupt gzip (unexpected end of file)', excerpt: '\u001f\u008b\b\u0000' },
    ];
    for (const r of records) await store.putQuarantine(r);
    assert.deepEqual(await store.listQuarantine(), records);
    assert.deepEqual(await store.listQuarantine({ offset: 1, limit: 1 }), [records[1]]);
    assert.equal(await store.countQuarantine(), 3);
  });

  storeTest(h, 'quarantine keeps the same record once when the same input is read again', async (store) => {
    const bad = { origin: 'news/empty.txt', code: 'EMPTY_FILE', message: 'news/empty.txt: empty file', excerpt: '' };
    const other = { origin: 'news/other.txt', code: 'EMPTY_FILE', message: 'news/other.txt: empty file', excerpt: '' };
    await store.putQuarantine(bad);
    await store.putQuarantine(other);
    await store.putQuarantine(bad);
    assert.deepEqual(await store.listQuarantine(), [bad, other]);
    assert.equal(await store.countQuarantine(), 2);
  });
}

function outletContract(h: Harness): void {
  storeTest(h, 'outlets are counted by article, most first, then by name; articles of no outlet are counted apart', async (store) => {
    const outlets = ['NPR', 'Reuters', 'NPR', 'AP', null, 'Reuters', 'NPR', null];
    await putAll(store, outlets.map((source, i) => makeArticle({ name: `n${i}.txt`, paragraphs: [`${NATO_PARAGRAPHS[0]} ${i}`], source })));
    assert.deepEqual(await store.listOutlets(), [
      { outlet: 'NPR', articles: 3 },
      { outlet: 'Reuters', articles: 2 },
      { outlet: 'AP', articles: 1 },
    ]);
    assert.deepEqual(await store.listOutlets({ offset: 1, limit: 1 }), [{ outlet: 'Reuters', articles: 2 }]);
    assert.deepEqual(await store.countOutlets(), { outlets: 3, unknown: 2 });
  });
}

function rowContract(h: Harness): void {
  storeTest(h, 'rows round-trip bytes per namespace; a missing key is absent; null deletes', async (store) => {
    const bytes = new Uint8Array([0, 1, 2, 127, 128, 254, 255, 0]);
    const words = new Uint32Array([0xdeadbeef, 7, 0xffffffff]);
    await store.putRows('sig', [['a', bytes], ['b', new Uint8Array(words.buffer)]]);
    await store.putRows('other', [['a', new Uint8Array([42])]]);
    const back = await store.getRows('sig', ['a', 'b', 'missing']);
    assert.deepEqual([...back.keys()].sort(), ['a', 'b']);
    assert.ok(back.get('a') instanceof Uint8Array);
    assert.deepEqual(back.get('a'), bytes);
    assert.deepEqual(new Uint32Array(back.get('b')!.slice().buffer), words);
    assert.deepEqual((await store.getRows('other', ['a'])).get('a'), new Uint8Array([42]), 'namespaces are apart');
    await store.putRows('sig', [['a', null], ['b', new Uint8Array([5])]]);
    const after = await store.getRows('sig', ['a', 'b']);
    assert.equal(after.has('a'), false);
    assert.deepEqual(after.get('b'), new Uint8Array([5]));
    assert.deepEqual(back.get('a'), bytes, 'values read earlier stay valid after later writes');
    assert.equal((await store.getRows('sig', [])).size, 0);
  });

  storeTest(h, 'a row stores only the bytes of a view, and an empty value is a value', async (store) => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await store.putRows('s', [['view', backing.subarray(2, 5)], ['empty', new Uint8Array(0)]]);
    const rows = await store.getRows('s', ['view', 'empty']);
    assert.deepEqual(rows.get('view'), new Uint8Array([1, 2, 3]));
    assert.ok(rows.has('empty'));
    assert.deepEqual(rows.get('empty'), new Uint8Array(0));
  });

  storeTest(h, 'a row key may hold any character, NUL included (keys join parts with it)', async (store) => {
    const keys = ['reuters\u00001234', 'reuters\u00001235', 'Économie \u{1F4F0}', 'back\\slash'];
    await store.putRows('k', keys.map((k, i) => [k, new Uint8Array([i])] as const));
    const rows = await store.getRows('k', [...keys, 'reuters']);
    assert.deepEqual([...rows.keys()].sort(), [...keys].sort());
    keys.forEach((k, i) => assert.deepEqual(rows.get(k), new Uint8Array([i]), k));
    await store.putRows('k', [[keys[0], null]]);
    assert.deepEqual([...(await store.getRows('k', keys)).keys()].sort(), keys.slice(1).sort());
  });

  storeTest(h, 'buckets file seqs under keys; lookup keeps the latest perKey of each key', async (store) => {
    await store.addBuckets(1, Int32Array.from([10, 20, -5]));
    await store.addBuckets(2, Int32Array.from([10, 30]));
    await store.addBuckets(3, Int32Array.from([10, 20]));
    await store.addBuckets(3, Int32Array.from([10]));
    const sorted = (xs: Int32Array) => [...xs].sort((x, y) => x - y);
    const found = await store.lookupBuckets(Int32Array.from([10, 20, -5, 99]), 10);
    assert.ok(found instanceof Int32Array);
    assert.deepEqual(sorted(found), [1, 1, 1, 2, 3, 3], 'one entry per (key, seq) match; filing twice is a no-op');
    assert.deepEqual(sorted(await store.lookupBuckets(Int32Array.from([10]), 2)), [2, 3], 'the latest two of a crowded key');
    assert.deepEqual(sorted(await store.lookupBuckets(Int32Array.from([10, 20]), 1)), [3, 3]);
    assert.equal((await store.lookupBuckets(new Int32Array(0), 5)).length, 0);

    const pairs = (xs: Int32Array) => Array.from({ length: xs.length / 2 }, (_, i) => `${xs[2 * i]}:${xs[2 * i + 1]}`).sort();
    assert.deepEqual(pairs(await store.lookupOlderBuckets(Int32Array.from([10, 20, -5, 30, 99]), 10, 3)), ['-5:1', '10:1', '10:2', '20:1', '30:2'], 'older look-ups say which key each seq is under');
    assert.deepEqual(pairs(await store.lookupOlderBuckets(Int32Array.from([10]), 1, 3)), ['10:2'], 'the latest below the bound');
    assert.equal((await store.lookupOlderBuckets(Int32Array.from([10, 20]), 5, 1)).length, 0, 'nothing is below the first seq');
  });
}

function analysisContract(h: Harness): void {
  storeTest(h, 'stored articles wait for analysis in store order until marked', async (store) => {
    const [nato, budget, football] = [natoArticle(), budgetArticle(), footballArticle()];
    await putAll(store, [nato, budget, football]);
    const pending = await store.pendingAnalysis(10);
    assert.deepEqual(pending.map((p) => p.article), [nato, budget, football]);
    assert.ok(pending[0].seq < pending[1].seq && pending[1].seq < pending[2].seq);
    assert.deepEqual((await store.pendingAnalysis(2)).map((p) => p.article.id), [nato.id, budget.id]);
    assert.equal(await store.countPendingAnalysis(), 3);
    const failure: QuarantineRecord = { origin: budget.name, code: 'INTERNAL', message: 'internal error: analysis failed', excerpt: '' };
    await store.markAnalysed([{ id: nato.id, ok: true }, { id: budget.id, ok: false, error: failure }]);
    assert.deepEqual((await store.pendingAnalysis(10)).map((p) => p.article.id), [football.id]);
    assert.equal(await store.countPendingAnalysis(), 1);
    assert.deepEqual(await store.listQuarantine(), [failure], 'a failed analysis is quarantined');
    assert.equal(await store.hasArticle(budget.id), true, 'and its article kept');
  });

  storeTest(h, 'a store alone on its database is granted the analysis claim, and keeps it', async (store) => {
    assert.equal(await store.claimAnalysis(), true);
    assert.equal(await store.claimAnalysis(), true);
  });

  storeTest(h, 'resetAnalysis drops everything derived and queues every article again', async (store) => {
    const [nato, budget] = [natoArticle(), budgetArticle()];
    await putAll(store, [nato, budget]);
    await store.putRelation(makeRelation(nato, budget));
    await store.putEvent(makeEvent('E1', [nato, budget], '2022-02-16'));
    await store.putStoryline({ id: 'S1', title: 'NATO', events: ['E1'], reasons: [] });
    const quotes = quotesIn(nato, ['war games']);
    await store.putQuotes(nato.id, quotes);
    await store.addQuoteVariant({ id: 'Q1', speaker: null }, { article: nato.id, quote: quotes[0]!.id, text: 'war games', span: quotes[0]!.span, speaker: null, name: nato.name, published: null });
    await store.putEntities(nato.id, [{ name: 'NATO', kind: 'organization', aliases: [], roles: [] }]);
    await store.putRows('sig', [['k', new Uint8Array([1])]]);
    await store.addBuckets(1, Int32Array.from([7]));
    await store.putQuarantine(emptyFile);
    await store.markAnalysed([{ id: nato.id, ok: true }, { id: budget.id, ok: true }]);
    assert.equal(await store.countPendingAnalysis(), 0);

    await store.resetAnalysis();
    const counts = [await store.countRelations(), await store.countEvents(), await store.countStorylines(), await store.countQuoteGroups()];
    assert.deepEqual(counts, [0, 0, 0, 0]);
    assert.equal(await store.eventOfArticle(nato.id), undefined);
    assert.equal((await store.getRows('sig', ['k'])).size, 0);
    assert.equal((await store.lookupBuckets(Int32Array.from([7]), 10)).length, 0);
    assert.equal(await store.countPendingAnalysis(), 2);
    assert.equal(await store.countArticles(), 2, 'articles stay');
    assert.deepEqual(await store.listQuotes(nato.id), quotes, 'quotes stay');
    assert.equal((await store.listEntities(nato.id)).length, 1, 'entities stay');
    assert.deepEqual(await store.listQuarantine(), [emptyFile], 'quarantine stays');
  });
}

function transactionContract(h: Harness): void {
  storeTest(h, 'a transaction resolves to its function’s value and commits what went through tx', async (store) => {
    const a = natoArticle();
    const result = await store.transaction(async (tx) => {
      await tx.putArticle(a);
      await tx.putRows('sig', [['k', new Uint8Array([1])]]);
      assert.equal(await tx.hasArticle(a.id), true, 'tx reads its own writes');
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(await store.hasArticle(a.id), true);
    assert.deepEqual((await store.getRows('sig', ['k'])).get('k'), new Uint8Array([1]));
  });

  storeTest(h, 'a throw inside a transaction rolls back every write through tx and rethrows', async (store) => {
    const kept = budgetArticle();
    await store.putArticle(kept);
    const a = natoArticle();
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.putArticle(a);
        await tx.putQuarantine(emptyFile);
        await tx.putRows('state', [['k', new Uint8Array([1, 2])]]);
        await tx.addBuckets(1, Int32Array.from([3]));
        await tx.putEvent(makeEvent('E1', [a], null));
        await tx.markAnalysed([{ id: kept.id, ok: true }]);
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await store.hasArticle(a.id), false);
    assert.equal(await store.countArticles(), 1);
    assert.deepEqual(await store.listQuarantine(), []);
    assert.equal((await store.getRows('state', ['k'])).size, 0);
    assert.equal((await store.lookupBuckets(Int32Array.from([3]), 5)).length, 0);
    assert.equal(await store.getEvent('E1'), undefined);
    assert.equal(await store.countPendingAnalysis(), 1);
    assert.deepEqual(await store.search('Stoltenberg'), [], 'the full-text index rolled back too');
  });

  storeTest(h, 'two transactions never interleave, and calls outside see none or all of one', async (store) => {
    const bump = (tx: Store) => async () => {
      const current = (await tx.getRows('n', ['count'])).get('count')?.[0] ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await tx.putRows('n', [['count', new Uint8Array([current + 1])]]);
    };
    const [a, b] = [natoArticle(), budgetArticle()];
    let outsideSaw = -1;
    await Promise.all([
      store.transaction(async (tx) => {
        await tx.putArticle(a);
        await bump(tx)();
        await tx.putArticle(b);
      }),
      // One read: two separate ones may fall either side of a commit on a server store.
      store.getArticles([a.id, b.id]).then((seen) => (outsideSaw = seen.length)),
      store.transaction(async (tx) => bump(tx)()),
    ]);
    assert.ok(outsideSaw === 0 || outsideSaw === 2, `a read made while a transaction was open saw ${outsideSaw} of its 2 articles`);
    assert.deepEqual((await store.getRows('n', ['count'])).get('count'), new Uint8Array([2]));
  });
}
