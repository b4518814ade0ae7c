/** Store contract, part two: what the link, cluster and extract stages persist. Not a test file itself. */
import assert from 'node:assert/strict';
import type { Article, Entity, QuoteVariantRecord, Storyline } from '../src/core/types.js';
import { assembleQuoteGroup } from '../src/extract/quote-groups.js';
import type { Store } from '../src/store/store.js';
import {
  budgetArticle,
  footballArticle,
  makeEvent,
  makeRelation,
  natoArticle,
  quotesIn,
} from './store-fixtures.js';
import { storeTest, type Harness } from './store-harness.js';

async function seed(store: Store): Promise<{ nato: Article; spun: Article; budget: Article; football: Article }> {
  const nato = natoArticle();
  const spun = natoArticle('002_spun.txt');
  const budget = budgetArticle();
  const football = footballArticle();
  await store.transaction(async (tx) => {
    for (const a of [nato, spun, budget, football]) await tx.putArticle(a);
  });
  return { nato, spun, budget, football };
}

export function linkContract(h: Harness): void {
  relationContract(h);
  eventContract(h);
  quoteContract(h);
  entityContract(h);
}

function relationContract(h: Harness): void {
  storeTest(h, 'a relation round-trips passages, spans and word diffs exactly', async (store) => {
    const { nato, spun } = await seed(store);
    const r = makeRelation(nato, spun);
    await store.putRelation(r);
    assert.deepEqual(await store.listRelations(), [r]);
    assert.deepEqual(await store.listRelations(nato.id), [r]);
    assert.deepEqual(await store.listRelations(spun.id), [r]);
  });

  storeTest(h, 'putRelation replaces the relation of the same pair, in either order', async (store) => {
    const { nato, spun } = await seed(store);
    await store.putRelation(makeRelation(nato, spun, 'paraphrase', 0.5));
    const reversed = { ...makeRelation(spun, nato, 'spin', 0.91), source: null, evidence: [] };
    await store.putRelation(reversed);
    assert.deepEqual(await store.listRelations(), [reversed]);
    assert.deepEqual(await store.listRelations(nato.id), [reversed]);
  });

  /** Three relations among the seeded articles, stored out of order. */
  async function threeRelations(store: Store) {
    const articles = await seed(store);
    const { nato, spun, budget, football } = articles;
    const r1 = makeRelation(nato, spun, 'spin', 0.9);
    const r2 = makeRelation(budget, nato, 'shared-passage', 0.2);
    const r3 = makeRelation(budget, football, 'excerpt', 0.4);
    for (const r of [r2, r1, r3]) await store.putRelation(r);
    return { ...articles, r1, r2, r3 };
  }

  storeTest(h, 'listRelations by article returns the relations touching it, strongest first', async (store) => {
    const { nato, football, r1, r2, r3 } = await threeRelations(store);
    assert.deepEqual(await store.listRelations(nato.id), [r1, r2]);
    assert.deepEqual(await store.listRelations(football.id), [r3]);
    assert.deepEqual(await store.listRelations(), [r1, r3, r2]);
    assert.deepEqual(await store.listRelations(undefined, { offset: 1, limit: 1 }), [r3]);
    assert.deepEqual(await store.listRelations(nato.id, { limit: 1 }), [r1]);
    assert.deepEqual(await store.listRelations('ffffffffffffffff'), []);
  });

  storeTest(h, 'relationsAmong gives the relations with both sides in a set of articles, strongest first, without passages', async (store) => {
    const { nato, spun, budget, football, r1, r2, r3 } = await threeRelations(store);
    const ends = (r: typeof r1) => ({ a: r.a, b: r.b, kind: r.kind, score: r.score, source: r.source });
    assert.deepEqual(await store.relationsAmong([nato.id, spun.id, budget.id]), [ends(r1), ends(r2)]);
    assert.deepEqual(await store.relationsAmong([football.id, budget.id]), [ends(r3)]);
    assert.deepEqual(await store.relationsAmong([football.id, nato.id]), [], 'one side inside is not enough');
    assert.deepEqual(await store.relationsAmong([]), []);
  });

  storeTest(h, 'a relation to an article that is not stored is refused', async (store) => {
    const { nato } = await seed(store);
    const ghost = natoArticle('never-ingested.txt');
    await assert.rejects(() => store.putRelation(makeRelation(nato, ghost)));
    assert.deepEqual(await store.listRelations(), []);
  });
}

function eventContract(h: Harness): void {
  storeTest(h, 'an event round-trips with its articles in order and its join reasons', async (store) => {
    const { nato, spun } = await seed(store);
    const e = makeEvent('E1', [spun, nato], '2022-02-16');
    await store.putEvent(e);
    assert.deepEqual(await store.getEvent('E1'), e);
    assert.deepEqual(await store.listEvents(), [e]);
    assert.equal(await store.getEvent('E2'), undefined);
  });

  storeTest(h, 'putEvent upserts by id: title, dates and members are replaced', async (store) => {
    const { nato, spun, budget } = await seed(store);
    await store.putEvent(makeEvent('E1', [nato, spun], '2022-02-16'));
    const updated = { ...makeEvent('E1', [budget], null, 'Budget day'), entities: [] };
    await store.putEvent(updated);
    assert.deepEqual(await store.getEvent('E1'), updated);
    assert.deepEqual(await store.listEvents(), [updated]);
  });

  storeTest(h, 'deleteEvent removes it and leaves the others; unknown ids are ignored', async (store) => {
    const { nato, budget } = await seed(store);
    const e1 = makeEvent('E1', [nato], '2022-02-16');
    const e2 = makeEvent('E2', [budget], '2021-10-27', 'Budget day');
    await store.putEvent(e1);
    await store.putEvent(e2);
    await store.deleteEvent('E1');
    await store.deleteEvent('E404');
    assert.equal(await store.getEvent('E1'), undefined);
    assert.deepEqual(await store.listEvents(), [e2]);
  });

  storeTest(h, 'eventOfArticle finds the event holding an article, and forgets it when the event goes', async (store) => {
    const { nato, spun, budget, football } = await seed(store);
    await store.putEvent(makeEvent('E1', [nato, spun], '2022-02-16'));
    await store.putEvent(makeEvent('E2', [budget], '2021-10-27', 'Budget day'));
    assert.equal(await store.eventOfArticle(spun.id), 'E1');
    assert.equal(await store.eventOfArticle(budget.id), 'E2');
    assert.equal(await store.eventOfArticle(football.id), undefined);
    await store.deleteEvent('E1');
    assert.equal(await store.eventOfArticle(spun.id), undefined);
  });

  storeTest(h, 'listEvents is in date order, undated last, and pages', async (store) => {
    const { nato, spun, budget, football } = await seed(store);
    const undated = makeEvent('E1', [football], null, 'Arsenal beat Chelsea');
    const late = makeEvent('E2', [nato, spun], '2022-02-16');
    const early = makeEvent('E3', [budget], '2021-10-27', 'Budget day');
    for (const e of [undated, late, early]) await store.putEvent(e);
    assert.deepEqual(
      (await store.listEvents()).map((e) => e.id),
      ['E3', 'E2', 'E1'],
    );
    assert.deepEqual(await store.listEvents({ offset: 1, limit: 1 }), [late]);
  });

  storeTest(h, 'storylines list in the order they were started, and page', async (store) => {
    const first: Storyline[] = [
      { id: 'S1', title: 'NATO and Russia', events: ['E3', 'E1', 'E2'], reasons: ['E1 → E2: 4 shared entities, 6 days apart'] },
      { id: 'S2', title: 'UK budget', events: ['E4'], reasons: [] },
    ];
    for (const s of first) await store.putStoryline(s);
    assert.deepEqual(await store.listStorylines(), first);
    assert.deepEqual(await store.getStoryline('S2'), first[1]);
    assert.equal(await store.getStoryline('S9'), undefined);
    const third: Storyline = { id: 'S3', title: 'Premier League', events: ['E5'], reasons: ['single event'] };
    await store.putStoryline(third);
    assert.deepEqual(await store.listStorylines({ offset: 1 }), [first[1], third]);
    for (const s of [...first, third]) await store.deleteStoryline(s.id);
    assert.deepEqual(await store.listStorylines(), []);
  });

  storeTest(h, 'putStoryline upserts in place and deleteStoryline removes one', async (store) => {
    const nato: Storyline = { id: 'S1', title: 'NATO and Russia', events: ['E1'], reasons: ['E1 starts the storyline'] };
    const budget: Storyline = { id: 'S2', title: 'UK budget', events: ['E4'], reasons: [] };
    await store.putStoryline(nato);
    await store.putStoryline(budget);
    const grown: Storyline = { ...nato, events: ['E3', 'E1'], reasons: [...nato.reasons, 'E3 follows E1'] };
    await store.putStoryline(grown);
    assert.deepEqual(await store.listStorylines(), [grown, budget]);
    assert.deepEqual(await store.getStoryline('S1'), grown);
    await store.deleteStoryline('S1');
    await store.deleteStoryline('S9');
    const football: Storyline = { id: 'S3', title: 'Premier League', events: ['E5'], reasons: [] };
    await store.putStoryline(football);
    assert.deepEqual(await store.listStorylines(), [budget, football]);
    assert.equal(await store.getStoryline('S1'), undefined);
  });
}

function quoteContract(h: Harness): void {
  const words = ['We are ready for dialogue, but we are also ready to defend every inch of allied territory,'];

  storeTest(h, 'quotes round-trip per article, in text order', async (store) => {
    const { nato, budget } = await seed(store);
    const natoQuotes = quotesIn(nato, [words[0], 'war games']);
    const budgetQuotes = quotesIn(budget, ['This is a budget for working people,'], 'Rishi Sunak');
    await store.putQuotes(nato.id, [natoQuotes[1], natoQuotes[0]]);
    await store.putQuotes(budget.id, budgetQuotes);
    const sorted = [...natoQuotes].sort((x, y) => x.span[0] - y.span[0]);
    assert.deepEqual(await store.listQuotes(nato.id), sorted);
    assert.deepEqual(await store.listQuotes(budget.id), budgetQuotes);
    assert.deepEqual(
      new Set((await store.listQuotes()).map((q) => q.id)),
      new Set([...natoQuotes, ...budgetQuotes].map((q) => q.id)),
    );
    assert.deepEqual(await store.listQuotes('ffffffffffffffff'), []);
  });

  storeTest(h, 'putQuotes replaces only that article’s quotes', async (store) => {
    const { nato, budget } = await seed(store);
    await store.putQuotes(nato.id, quotesIn(nato, [words[0], 'war games']));
    const budgetQuotes = quotesIn(budget, ['This is a budget for working people,'], 'Rishi Sunak');
    await store.putQuotes(budget.id, budgetQuotes);
    const fewer = quotesIn(nato, [words[0]]);
    await store.putQuotes(nato.id, fewer);
    assert.deepEqual(await store.listQuotes(nato.id), fewer);
    await store.putQuotes(nato.id, []);
    assert.deepEqual(await store.listQuotes(nato.id), []);
    assert.deepEqual(await store.listQuotes(), budgetQuotes);
  });

  storeTest(h, 'a quote filed under another article is refused', async (store) => {
    const { nato, budget } = await seed(store);
    await assert.rejects(() => store.putQuotes(budget.id, quotesIn(nato, [words[0]])));
    assert.deepEqual(await store.listQuotes(), []);
  });

  storeTest(h, 'quote groups list their variants in publication order, with drift from the earliest, in the order groups were started', async (store) => {
    const { nato, spun } = await seed(store);
    const stoltenberg = { id: 'Q1', speaker: 'Jens Stoltenberg' };
    const late: QuoteVariantRecord = { article: spun.id, quote: `${spun.id}:410`, text: 'prepared to protect every inch', span: [410, 440], speaker: null, name: 'spun.txt', published: '2022-02-17' };
    const early: QuoteVariantRecord = { article: nato.id, quote: `${nato.id}:400`, text: 'ready to defend every inch', span: [400, 426], speaker: 'Jens Stoltenberg', name: 'nato.txt', published: '2022-02-16' };
    // The later copy arrives first: the group lists the earlier one first and takes drift from it.
    await store.addQuoteVariant({ id: 'Q1', speaker: null }, late);
    await store.addQuoteVariant({ id: 'Q2', speaker: null }, { ...early, quote: `${nato.id}:900`, text: 'war games', span: [900, 909], speaker: null });
    await store.addQuoteVariant(stoltenberg, early);
    const [group, lone] = await store.listQuoteGroups();
    assert.deepEqual(group, assembleQuoteGroup(stoltenberg, [early, late]));
    assert.deepEqual(group!.variants.map((v) => v.article), [nato.id, spun.id]);
    assert.deepEqual(group!.variants[0]!.flags, []);
    assert.ok(group!.variants[1]!.drift.some((op) => op.op === 'swap' && op.a === 'defend' && op.b === 'protect'), JSON.stringify(group!.variants[1]!.drift));
    assert.ok(group!.variants[1]!.flags.includes('speaker-changed'));
    assert.equal(lone!.id, 'Q2');
    assert.deepEqual(await store.listQuoteGroups({ offset: 1, limit: 5 }), [lone]);
  });

  storeTest(h, 'a group that gains a variant keeps its place and takes its new header; a new one goes last', async (store) => {
    const { nato, spun } = await seed(store);
    const variant = (article: string, at: number, text: string): QuoteVariantRecord =>
      ({ article, quote: `${article}:${at}`, text, span: [at, at + text.length], speaker: 'Jens Stoltenberg', name: article, published: '2022-02-16' });
    await store.addQuoteVariant({ id: 'Q1', speaker: 'Stoltenberg' }, variant(nato.id, 400, 'ready to defend every inch'));
    await store.addQuoteVariant({ id: 'Q2', speaker: null }, variant(nato.id, 900, 'war games'));
    await store.addQuoteVariant({ id: 'Q1', speaker: 'Jens Stoltenberg' }, variant(spun.id, 410, 'ready to defend every inch'));
    const groups = await store.listQuoteGroups();
    assert.deepEqual(groups.map((g) => [g.id, g.speaker, g.variants.length]), [['Q1', 'Jens Stoltenberg', 2], ['Q2', null, 1]]);
    await store.addQuoteVariant({ id: 'Q3', speaker: null }, variant(spun.id, 50, 'conflict video games'));
    assert.deepEqual((await store.listQuoteGroups({ offset: 2 })).map((g) => g.id), ['Q3']);
  });

  storeTest(h, 'listQuoteGroups can keep only the quotes seen in several articles, in the same order', async (store) => {
    const { nato, spun } = await seed(store);
    const variant = (article: string, at: number, text: string): QuoteVariantRecord =>
      ({ article, quote: `${article}:${at}`, text, span: [at, at + text.length], speaker: null, name: article, published: null });
    await store.addQuoteVariant({ id: 'Q1', speaker: null }, variant(nato.id, 10, 'war games'));
    await store.addQuoteVariant({ id: 'Q2', speaker: null }, variant(nato.id, 90, 'completely unacceptable'));
    await store.addQuoteVariant({ id: 'Q2', speaker: null }, variant(spun.id, 95, 'utterly unacceptable'));
    assert.deepEqual((await store.listQuoteGroups(undefined, { minVariants: 2 })).map((g) => g.id), ['Q2']);
    assert.equal(await store.countQuoteGroups({ minVariants: 2 }), 1);
    await store.addQuoteVariant({ id: 'Q1', speaker: null }, variant(spun.id, 12, 'conflict video games'));
    assert.deepEqual((await store.listQuoteGroups(undefined, { minVariants: 2 })).map((g) => g.id), ['Q1', 'Q2']);
    assert.deepEqual((await store.listQuoteGroups({ offset: 1 }, { minVariants: 2 })).map((g) => g.id), ['Q2']);
    assert.deepEqual(await store.listQuoteGroups(undefined, { minVariants: 3 }), []);
  });
}

function entityContract(h: Harness): void {
  const stoltenberg: Entity = { name: 'Jens Stoltenberg', kind: 'person', aliases: ['Stoltenberg'], roles: ['NATO Secretary General'] };
  const nato: Entity = { name: 'North Atlantic Treaty Organization', kind: 'organization', aliases: ['NATO', 'the alliance'], roles: [] };
  const brussels: Entity = { name: 'Brussels', kind: 'place', aliases: [], roles: [] };

  storeTest(h, 'entities round-trip per article, in the order given, and are replaced', async (store) => {
    const { nato: a, spun } = await seed(store);
    await store.putEntities(a.id, [stoltenberg, nato, brussels]);
    assert.deepEqual(await store.listEntities(a.id), [stoltenberg, nato, brussels]);
    await store.putEntities(spun.id, [nato]);
    await store.putEntities(a.id, [brussels]);
    assert.deepEqual(await store.listEntities(a.id), [brussels]);
    assert.deepEqual(await store.listEntities(spun.id), [nato]);
    assert.deepEqual(await store.listEntities('ffffffffffffffff'), []);
  });

  storeTest(h, 'listEntities without an article merges each entity across articles, sorted', async (store) => {
    const { nato: a, spun, budget } = await seed(store);
    await store.putEntities(a.id, [stoltenberg, nato]);
    await store.putEntities(spun.id, [
      { ...stoltenberg, aliases: ['Jens Stoltenberg', 'Stoltenberg'], roles: ['former Norwegian prime minister'] },
      brussels,
    ]);
    await store.putEntities(budget.id, []);
    assert.deepEqual(await store.listEntities(), [
      brussels,
      { ...stoltenberg, aliases: ['Jens Stoltenberg', 'Stoltenberg'], roles: ['NATO Secretary General', 'former Norwegian prime minister'] },
      nato,
    ]);
  });
}
