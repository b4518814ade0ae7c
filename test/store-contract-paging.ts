/** Store contract, part three: keyset paging gives the pages offset paging gives, and the counts. Not a test file itself. */
import assert from 'node:assert/strict';
import type { StoryEvent } from '../src/core/types.js';
import type { Page, Store } from '../src/store/store.js';
import { expectedOrder, makeEvent, makeRelation, manyArticles, putAll } from './store-fixtures.js';
import { storeTest, type Harness } from './store-harness.js';

/** Every row, once by offset pages and once by keyset pages of `size`; both must agree. */
async function bothWays<T>(list: (page: Page) => Promise<T[]>, keyOf: (row: T) => string, size: number): Promise<{ byOffset: T[]; byKey: T[] }> {
  const byOffset: T[] = [];
  for (let offset = 0; ; offset += size) {
    const rows = await list({ offset, limit: size });
    byOffset.push(...rows);
    if (rows.length < size) break;
  }
  const byKey: T[] = [];
  let page: Page = { limit: size };
  for (;;) {
    const rows = await list(page);
    byKey.push(...rows);
    if (rows.length < size) break;
    page = { after: keyOf(rows[rows.length - 1]), limit: size, offset: 999 };
  }
  return { byOffset, byKey };
}

export function pagingContract(h: Harness): void {
  storeTest(h, 'keyset pages of articles equal offset pages, across the dated/undated border', async (store) => {
    const articles = manyArticles(253);
    await putAll(store, articles);
    for (const size of [1, 7, 100]) {
      const { byOffset, byKey } = await bothWays((p) => store.listArticles(p), (s) => s.id, size);
      assert.deepEqual(byKey, byOffset, `pages of ${size}`);
      assert.deepEqual(byKey.map((s) => s.name), expectedOrder(articles));
    }
    const last = (await store.listArticles({ offset: 252 }))[0];
    assert.deepEqual(await store.listArticles({ after: last.id }), []);
    await assert.rejects(() => store.listArticles({ after: 'no-such-id' }), 'an unknown key is an error, not an empty page');
  });

  storeTest(h, 'keyset pages of relations equal offset pages, all and per article; the key is a|b', async (store) => {
    const articles = manyArticles(12);
    await putAll(store, articles);
    const hub = articles[0];
    for (let i = 1; i < articles.length; i++) {
      await store.putRelation(makeRelation(hub, articles[i], 'spin', [0.9, 0.5, 0.5, 0.7][i % 4]));
      if (i > 1) await store.putRelation(makeRelation(articles[i - 1], articles[i], 'duplicate', 0.5));
    }
    const key = (r: { a: string; b: string }) => `${r.a}|${r.b}`;
    for (const size of [1, 3, 50]) {
      const all = await bothWays((p) => store.listRelations(undefined, p), key, size);
      assert.deepEqual(all.byKey, all.byOffset);
      assert.equal(all.byKey.length, 21);
      const some = await bothWays((p) => store.listRelations(hub.id, p), key, size);
      assert.deepEqual(some.byKey, some.byOffset);
      assert.equal(some.byKey.length, 11);
    }
    const [first, second] = await store.listRelations(undefined, { limit: 2 });
    assert.deepEqual(await store.listRelations(undefined, { after: `${first.b}|${first.a}`, limit: 1 }), [second], 'either order names the pair');
    assert.equal(await store.countRelations(), 21);
  });

  storeTest(h, 'keyset pages of events equal offset pages, with unknown dates on either end', async (store) => {
    const articles = manyArticles(3);
    await putAll(store, articles);
    const dates: Array<[string | null, string | null]> = [
      ['2022-02-16', '2022-02-17'], ['2022-02-16', null], ['2022-02-16', '2022-02-17'], [null, null], ['2022-02-10', '2022-02-20'],
      [null, '2022-03-01'], ['2022-02-16', '2022-02-16'], [null, null], ['2022-02-18', null],
    ];
    const events: StoryEvent[] = dates.map(([dateBegin, dateEnd], i) => ({ ...makeEvent(`E${i}`, [articles[i % 3]], dateBegin), dateEnd }));
    for (const event of events) await store.putEvent(event);
    for (const size of [1, 2, 4]) {
      const { byOffset, byKey } = await bothWays((p) => store.listEvents(p), (e) => e.id, size);
      assert.deepEqual(byKey, byOffset, `pages of ${size}`);
      assert.equal(byKey.length, events.length);
    }
    assert.equal(await store.countEvents(), events.length);
  });

  storeTest(h, 'keyset pages of storylines and quote groups equal offset pages; counts follow filters', async (store) => {
    const articles = manyArticles(2);
    await putAll(store, articles);
    for (let i = 0; i < 9; i++) await store.putStoryline({ id: `S${i}`, title: `story ${i}`, events: [], reasons: [] });
    const variant = (article: string, at: number) => ({ article, quote: `${article}:${at}`, text: 'war games', span: [at, at + 9] as [number, number], speaker: null, name: article, published: null });
    for (let i = 0; i < 10; i++) {
      const variants = i % 3 === 0 ? [variant(articles[0].id, i), variant(articles[1].id, i)] : [variant(articles[0].id, i)];
      for (const v of variants) await store.addQuoteVariant({ id: `Q${i}`, speaker: null }, v);
    }
    for (const size of [1, 4]) {
      const lines = await bothWays((p) => store.listStorylines(p), (s) => s.id, size);
      assert.deepEqual(lines.byKey, lines.byOffset);
      const groups = await bothWays((p) => store.listQuoteGroups(p), (g) => g.id, size);
      assert.deepEqual(groups.byKey, groups.byOffset);
      const shared = await bothWays((p) => store.listQuoteGroups(p, { minVariants: 2 }), (g) => g.id, size);
      assert.deepEqual(shared.byKey.map((g) => g.id), ['Q0', 'Q3', 'Q6', 'Q9']);
      assert.deepEqual(shared.byKey, shared.byOffset);
    }
    assert.equal(await store.countStorylines(), 9);
    assert.equal(await store.countQuoteGroups(), 10);
    assert.equal(await store.countQuoteGroups({ minVariants: 2 }), 4);
    assert.equal(await store.countQuoteGroups({ minVariants: 3 }), 0);
    await assert.rejects(() => store.listStorylines({ after: 'S99' }));
  });

  storeTest(h, 'counts stay exact when relations, events and storylines are replaced, merged and reset', async (store: Store) => {
    const articles = manyArticles(4);
    await putAll(store, articles);
    const [a, b, c, d] = articles;
    await store.putRelation(makeRelation(a, b, 'spin', 0.9));
    await store.putRelation(makeRelation(b, a, 'duplicate', 0.8));
    await store.putRelation(makeRelation(c, d, 'excerpt', 0.5));
    for (const [i, article] of [a, b, c].entries()) await store.putEvent(makeEvent(`E${i}`, [article], '2022-02-16'));
    await store.putEvent(makeEvent('E0', [a], '2022-02-17'));
    await store.putStoryline({ id: 'S0', title: 'one', events: [], reasons: [] });
    await store.putStoryline({ id: 'S0', title: 'one again', events: [], reasons: [] });
    await store.putStoryline({ id: 'S1', title: 'two', events: [], reasons: [] });
    assert.deepEqual([await store.countRelations(), await store.countEvents(), await store.countStorylines()], [2, 3, 2], 'a replaced row counts once');
    await store.mergeEvent('E2', 'E1', 'merged', 0.5);
    assert.equal(await store.countEvents(), 2, 'a merged event is gone');
    await store.resetAnalysis();
    assert.deepEqual([await store.countRelations(), await store.countEvents(), await store.countStorylines()], [0, 0, 0]);
    await store.putRelation(makeRelation(a, c, 'spin', 0.7));
    assert.equal(await store.countRelations(), 1);
  });

  storeTest(h, 'an empty store counts zero everywhere', async (store: Store) => {
    const counts = await Promise.all([
      store.countArticles(), store.countQuarantine(), store.countRelations(), store.countEvents(),
      store.countStorylines(), store.countQuoteGroups(), store.countPendingAnalysis(),
    ]);
    assert.deepEqual(counts, [0, 0, 0, 0, 0, 0, 0]);
  });
}
