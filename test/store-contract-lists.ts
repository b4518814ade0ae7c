/** Store contract, part four: filtered, sorted lists with totals and facets. Not a test file itself. */
import assert from 'node:assert/strict';
import type { Article, Relation } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { makeArticle, makeEvent, makeRelation } from './store-fixtures.js';
import { storeTest, type Harness } from './store-harness.js';

const OUTLETS = ['Reuters', 'BBC', 'NPR'];

/** 30 articles: outlet by i % 3, published 2022-03-(1 + i % 10), every fifth about the harbour strike. */
function outletArticles(): Article[] {
  return Array.from({ length: 30 }, (_, i) =>
    makeArticle({
      name: `list-${String(i).padStart(2, '0')}.txt`,
      paragraphs: [i % 5 === 0 ? `Dock workers began a harbour strike, item ${i}, stopping ships.` : `Ministers met to discuss farm subsidies, item ${i}.`],
      title: `Item ${String(i).padStart(2, '0')}`,
      source: OUTLETS[i % 3],
      published: `2022-03-${String(1 + (i % 10)).padStart(2, '0')}`,
    }),
  );
}

async function seedArticles(store: Store): Promise<Article[]> {
  const articles = outletArticles();
  await store.transaction(async (tx) => {
    for (const a of articles) await tx.putArticle(a);
  });
  return articles;
}

/** A quote group of `texts` (one wording per article), added variant by variant as the pipeline does. */
async function addGroup(store: Store, id: string, speaker: string, texts: string[]): Promise<void> {
  for (const [i, text] of texts.entries()) {
    await store.addQuoteVariant({ id, speaker }, { article: `art-${i}`, quote: `q-${id}-${i}`, text, span: [0, text.length], speaker, name: `art-${i}`, published: null });
  }
}

export function listContract(h: Harness): void {
  storeTest(h, 'queryArticles filters by date range, outlet and words, with the total and an outlet facet', async (store) => {
    const articles = await seedArticles(store);
    const all = await store.queryArticles({ limit: 5 });
    assert.equal(all.total, 30);
    assert.equal(all.items.length, 5);
    assert.deepEqual(all.facets?.outlet?.map((f) => f.count), [10, 10, 10]);

    const ranged = await store.queryArticles({ from: '2022-03-03', to: '2022-03-04', limit: 100 });
    assert.equal(ranged.total, 6);
    assert.ok(ranged.items.every((a) => a.published! >= '2022-03-03' && a.published! <= '2022-03-04'));

    const bbc = await store.queryArticles({ outlet: 'BBC', limit: 100 });
    assert.equal(bbc.total, 10);
    assert.ok(bbc.items.every((a) => a.source === 'BBC'));
    assert.deepEqual(bbc.facets?.outlet?.map((f) => f.value).sort(), [...OUTLETS].sort(), 'the outlet facet ignores the outlet filter');

    const strike = await store.queryArticles({ q: 'harbour strike', limit: 100 });
    assert.deepEqual(strike.items.map((a) => a.name).sort(), articles.filter((_, i) => i % 5 === 0).map((a) => a.name));
    const strikeOnReuters = await store.queryArticles({ q: 'harbour', outlet: 'Reuters', limit: 100 });
    assert.equal(strikeOnReuters.total, 2, 'items 0 and 15');
  });

  storeTest(h, 'queryArticles sorts both ways and pages by offset', async (store) => {
    await seedArticles(store);
    const newest = await store.queryArticles({ sort: 'published', order: 'desc', limit: 3 });
    assert.deepEqual(newest.items.map((a) => a.published), ['2022-03-10', '2022-03-10', '2022-03-10']);
    const byTitle = await store.queryArticles({ sort: 'title', order: 'asc', limit: 30 });
    assert.deepEqual(byTitle.items.map((a) => a.title), [...byTitle.items.map((a) => a.title!)].sort());
    const second = await store.queryArticles({ sort: 'title', offset: 10, limit: 10 });
    assert.deepEqual(second.items.map((a) => a.title), byTitle.items.slice(10, 20).map((a) => a.title));
    assert.equal(second.total, 30);
  });

  storeTest(h, 'queryRelations filters by kind and minimum score; the kind facet lists every stored kind', async (store) => {
    const articles = await seedArticles(store);
    const relations: Relation[] = [];
    for (let i = 0; i + 1 < 12; i++) relations.push(makeRelation(articles[i], articles[i + 1], i % 2 ? 'spin' : 'excerpt', 0.3 + i * 0.05));
    for (const r of relations) await store.putRelation(r);
    const spins = await store.queryRelations({ kind: 'spin', limit: 100 });
    assert.equal(spins.total, 5);
    assert.ok(spins.items.every((r) => r.kind === 'spin'));
    assert.deepEqual(Object.fromEntries(spins.facets!.kind!.map((f) => [f.value, f.count])), { excerpt: 6, spin: 5 });
    const strong = await store.queryRelations({ minScore: 0.6, limit: 100 });
    assert.deepEqual(strong.items.map((r) => r.score), relations.map((r) => r.score).filter((s) => s >= 0.6).sort((x, y) => y - x));
    assert.equal(strong.total, 5);
    assert.deepEqual(strong.facets!.kind, [{ value: 'excerpt', count: 3 }, { value: 'spin', count: 2 }], 'the facet counts under the minimum score');
    const strongSpins = await store.queryRelations({ kind: 'spin', minScore: 0.6, limit: 100 });
    assert.equal(strongSpins.total, 2);
    const touching = await store.queryRelations({ article: articles[3].id, limit: 100 });
    assert.equal(touching.total, 2);
    await store.putRelation({ ...relations[0]!, kind: 'spin' });
    const after = await store.queryRelations({ limit: 100 });
    assert.equal(after.total, 11, 'a relation stored again replaces itself');
    assert.deepEqual(after.facets!.kind, [{ value: 'spin', count: 6 }, { value: 'excerpt', count: 5 }], 'and counts under its new kind only');
  });

  storeTest(h, 'queryEvents sorts by size, recency and span and filters by date overlap and title words', async (store) => {
    const articles = await seedArticles(store);
    await store.putEvent({ ...makeEvent('E1', articles.slice(0, 2), '2022-03-01', 'Harbour strike begins'), dateEnd: '2022-03-02' });
    await store.putEvent({ ...makeEvent('E2', articles.slice(2, 7), '2022-03-05', 'Farm subsidies debated'), dateEnd: '2022-03-20' });
    await store.putEvent({ ...makeEvent('E3', articles.slice(7, 10), '2022-03-08', 'Harbour strike ends'), dateEnd: '2022-03-09' });
    const ids = async (q: Parameters<Store['queryEvents']>[0]) => (await store.queryEvents(q)).items.map((e) => e.id);
    assert.deepEqual(await ids({ sort: 'size' }), ['E2', 'E3', 'E1']);
    assert.deepEqual(await ids({ sort: 'size', order: 'asc' }), ['E1', 'E3', 'E2']);
    assert.deepEqual(await ids({ sort: 'recency' }), ['E2', 'E3', 'E1']);
    assert.deepEqual(await ids({ sort: 'span' }), ['E2', 'E3', 'E1'], 'E1 and E3 both span a day: the bigger first');
    assert.deepEqual(await ids({}), ['E1', 'E2', 'E3']);
    assert.deepEqual(await ids({ q: 'harbour STRIKE' }), ['E1', 'E3']);
    assert.deepEqual(await ids({ from: '2022-03-03', to: '2022-03-06' }), ['E2']);
    const first = (await store.queryEvents({ sort: 'size', limit: 1 }));
    assert.equal(first.total, 3);
    assert.equal(first.items[0].size, 5);
  });

  storeTest(h, 'queryStorylines knows each storyline\u2019s events, articles and dates, and sorts by them', async (store) => {
    const articles = await seedArticles(store);
    await store.putEvent({ ...makeEvent('E1', articles.slice(0, 2), '2022-03-01', 'a'), dateEnd: '2022-03-01' });
    await store.putEvent({ ...makeEvent('E2', articles.slice(2, 8), '2022-03-04', 'b'), dateEnd: '2022-03-04' });
    await store.putEvent({ ...makeEvent('E3', articles.slice(8, 9), '2022-03-09', 'c'), dateEnd: '2022-03-09' });
    await store.putStoryline({ id: 'S1', title: 'Harbour strike', events: ['E1', 'E3'], reasons: ['', 'same port'] });
    await store.putStoryline({ id: 'S2', title: 'Farm subsidies', events: ['E2'], reasons: [''] });
    const all = await store.queryStorylines({});
    assert.equal(all.total, 2);
    assert.deepEqual(all.items, [
      { id: 'S1', title: 'Harbour strike', events: 2, articles: 3, dateBegin: '2022-03-01', dateEnd: '2022-03-09' },
      { id: 'S2', title: 'Farm subsidies', events: 1, articles: 6, dateBegin: '2022-03-04', dateEnd: '2022-03-04' },
    ]);
    const ids = async (q: Parameters<Store['queryStorylines']>[0]) => (await store.queryStorylines(q)).items.map((s) => s.id);
    assert.deepEqual(await ids({ sort: 'size' }), ['S2', 'S1']);
    assert.deepEqual(await ids({ sort: 'span' }), ['S1', 'S2']);
    assert.deepEqual(await ids({ sort: 'events' }), ['S1', 'S2']);
    assert.deepEqual(await ids({ sort: 'recency' }), ['S1', 'S2']);
    assert.deepEqual(await ids({ from: '2022-03-02', to: '2022-03-05' }), ['S1', 'S2']);
    assert.deepEqual(await ids({ to: '2022-03-03', sort: 'created', order: 'desc' }), ['S1']);
    assert.deepEqual(await ids({ q: 'farm' }), ['S2']);
    await store.putStoryline({ id: 'S3', title: 'Empty for now', events: [], reasons: [] });
    const latest = await store.queryStorylines({ order: 'desc', limit: 2 });
    assert.equal(latest.total, 3);
    assert.deepEqual(latest.items, [{ id: 'S3', title: 'Empty for now', events: 0, articles: 0, dateBegin: null, dateEnd: null }, all.items[1]], 'the latest first, each with its own totals');
    assert.deepEqual((await store.queryStorylines({ sort: 'size', limit: 5 })).items.at(-1), latest.items[0]);
  });

  storeTest(h, 'queryQuoteGroups searches wording, filters by speaker and sorts by drift (the most distinct wordings first)', async (store) => {
    await addGroup(store, 'g1', 'Kalle Laanet', ['completely unacceptable proposals', 'totally unacceptable proposals', 'totally unacceptable proposals']);
    await addGroup(store, 'g2', 'Jens Stoltenberg', ['ready for dialogue', 'prepared for talks', 'set for talks']);
    await addGroup(store, 'g3', 'Kalle Laanet', ['a permanent presence']);
    const ids = async (q: Parameters<Store['queryQuoteGroups']>[0]) => (await store.queryQuoteGroups(q)).items.map((g) => g.id);
    assert.deepEqual(await ids({}), ['g1', 'g2', 'g3']);
    assert.deepEqual(await ids({ sort: 'drift' }), ['g2', 'g1', 'g3']);
    assert.deepEqual(await ids({ speaker: 'Kalle Laanet' }), ['g1', 'g3']);
    assert.deepEqual(await ids({ q: 'TOTALLY unacceptable' }), ['g1']);
    assert.deepEqual(await ids({ minVariants: 2, sort: 'variants' }), ['g1', 'g2']);
    assert.deepEqual(await ids({ minVariants: 4 }), []);
    assert.equal((await store.queryQuoteGroups({ speaker: 'Kalle Laanet', limit: 1 })).total, 2);
  });

  storeTest(h, 'a listed quote group of many variants carries the first of each of its earliest wordings and its totals; the full list keeps every variant', async (store) => {
    const wording = (i: number) => `we find these proposals unacceptable, version ${i % 15}`;
    const day = (i: number) => new Date(Date.UTC(2022, 0, 1 + i)).toISOString().slice(0, 10);
    // 40 variants over 40 days, 15 wordings in turn, added out of order (17 is coprime with 40).
    for (let k = 0; k < 40; k++) {
      const i = (k * 17) % 40;
      await store.addQuoteVariant({ id: 'big', speaker: 'Kalle Laanet' }, { article: `art-${i}`, quote: `q-${i}`, text: wording(i), span: [0, 40], speaker: 'Kalle Laanet', name: `art-${i}`, published: day(i) });
    }
    await addGroup(store, 'small', 'Jens Stoltenberg', ['ready for dialogue', 'prepared for talks', 'ready for dialogue']);
    const [big, small] = (await store.queryQuoteGroups({ sort: 'variants' })).items;
    assert.equal(big!.id, 'big');
    assert.deepEqual([big!.variantCount, big!.wordings], [40, 15]);
    assert.deepEqual(big!.variants.map((v) => v.article), Array.from({ length: 12 }, (_, i) => `art-${i}`), 'the earliest article of each of the first 12 wordings, in publication order');
    assert.deepEqual(big!.variants.map((v) => v.text), Array.from({ length: 12 }, (_, i) => wording(i)));
    assert.ok(big!.variants[0]!.drift.every((d) => d.op === 'same') && big!.variants[1]!.drift.some((d) => d.op !== 'same'), 'drift from the earliest');
    assert.deepEqual([small!.variants.length, small!.variantCount, small!.wordings], [3, 3, 2], 'a small group keeps every variant');
    const full = (await store.listQuoteGroups()).find((g) => g.id === 'big')!;
    assert.equal(full.variants.length, 40);
  });

  storeTest(h, 'articles and events can be listed by an entity found in them', async (store) => {
    const articles = await seedArticles(store);
    await store.putEntities(articles[4].id, [{ name: 'Kalle Laanet', kind: 'person', aliases: [], roles: [] }]);
    await store.putEntities(articles[9].id, [{ name: 'Kalle Laanet', kind: 'person', aliases: ['Laanet'], roles: [] }]);
    await store.putEvent(makeEvent('E1', articles.slice(0, 5), '2022-03-01', 'a'));
    await store.putEvent(makeEvent('E2', articles.slice(5, 8), '2022-03-04', 'b'));
    const mentioning = await store.queryArticles({ entity: 'Kalle Laanet', limit: 10 });
    assert.deepEqual(mentioning.items.map((a) => a.id).sort(), [articles[4].id, articles[9].id].sort());
    assert.deepEqual((await store.queryEvents({ entity: 'Kalle Laanet' })).items.map((e) => e.id), ['E1']);
  });
}
