/** Store contract, part two: what the link, cluster and extract stages persist. Not a test file itself. */
import assert from 'node:assert/strict';
import type { Article, Entity, QuoteGroup, Storyline } from '../src/core/types.js';
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

function seed(store: Store): { nato: Article; spun: Article; budget: Article; football: Article } {
  const nato = natoArticle();
  const spun = natoArticle('002_spun.txt');
  const budget = budgetArticle();
  const football = footballArticle();
  store.transaction(() => {
    for (const a of [nato, spun, budget, football]) store.putArticle(a);
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
  storeTest(h, 'a relation round-trips passages, spans and word diffs exactly', (store) => {
    const { nato, spun } = seed(store);
    const r = makeRelation(nato, spun);
    store.putRelation(r);
    assert.deepEqual(store.listRelations(), [r]);
    assert.deepEqual(store.listRelations(nato.id), [r]);
    assert.deepEqual(store.listRelations(spun.id), [r]);
  });

  storeTest(h, 'putRelation replaces the relation of the same pair, in either order', (store) => {
    const { nato, spun } = seed(store);
    store.putRelation(makeRelation(nato, spun, 'paraphrase', 0.5));
    const reversed = { ...makeRelation(spun, nato, 'spin', 0.91), source: null, evidence: [] };
    store.putRelation(reversed);
    assert.deepEqual(store.listRelations(), [reversed]);
    assert.deepEqual(store.listRelations(nato.id), [reversed]);
  });

  storeTest(h, 'listRelations by article returns the relations touching it, strongest first', (store) => {
    const { nato, spun, budget, football } = seed(store);
    const r1 = makeRelation(nato, spun, 'spin', 0.9);
    const r2 = makeRelation(budget, nato, 'shared-passage', 0.2);
    const r3 = makeRelation(budget, football, 'excerpt', 0.4);
    for (const r of [r2, r1, r3]) store.putRelation(r);
    assert.deepEqual(store.listRelations(nato.id), [r1, r2]);
    assert.deepEqual(store.listRelations(football.id), [r3]);
    assert.deepEqual(store.listRelations(), [r1, r3, r2]);
    assert.deepEqual(store.listRelations(undefined, { offset: 1, limit: 1 }), [r3]);
    assert.deepEqual(store.listRelations(nato.id, { limit: 1 }), [r1]);
    assert.deepEqual(store.listRelations('ffffffffffffffff'), []);
  });

  storeTest(h, 'a relation to an article that is not stored is refused', (store) => {
    const { nato } = seed(store);
    const ghost = natoArticle('never-ingested.txt');
    assert.throws(() => store.putRelation(makeRelation(nato, ghost)));
    assert.deepEqual(store.listRelations(), []);
  });
}

function eventContract(h: Harness): void {
  storeTest(h, 'an event round-trips with its articles in order and its join reasons', (store) => {
    const { nato, spun } = seed(store);
    const e = makeEvent('E1', [spun, nato], '2022-02-16');
    store.putEvent(e);
    assert.deepEqual(store.getEvent('E1'), e);
    assert.deepEqual(store.listEvents(), [e]);
    assert.equal(store.getEvent('E2'), undefined);
  });

  storeTest(h, 'putEvent upserts by id: title, dates and members are replaced', (store) => {
    const { nato, spun, budget } = seed(store);
    store.putEvent(makeEvent('E1', [nato, spun], '2022-02-16'));
    const updated = { ...makeEvent('E1', [budget], null, 'Budget day'), entities: [] };
    store.putEvent(updated);
    assert.deepEqual(store.getEvent('E1'), updated);
    assert.deepEqual(store.listEvents(), [updated]);
  });

  storeTest(h, 'deleteEvent removes it and leaves the others; unknown ids are ignored', (store) => {
    const { nato, budget } = seed(store);
    const e1 = makeEvent('E1', [nato], '2022-02-16');
    const e2 = makeEvent('E2', [budget], '2021-10-27', 'Budget day');
    store.putEvent(e1);
    store.putEvent(e2);
    store.deleteEvent('E1');
    store.deleteEvent('E404');
    assert.equal(store.getEvent('E1'), undefined);
    assert.deepEqual(store.listEvents(), [e2]);
  });

  storeTest(h, 'eventOfArticle finds the event holding an article, and forgets it when the event goes', (store) => {
    const { nato, spun, budget, football } = seed(store);
    store.putEvent(makeEvent('E1', [nato, spun], '2022-02-16'));
    store.putEvent(makeEvent('E2', [budget], '2021-10-27', 'Budget day'));
    assert.equal(store.eventOfArticle(spun.id), 'E1');
    assert.equal(store.eventOfArticle(budget.id), 'E2');
    assert.equal(store.eventOfArticle(football.id), undefined);
    store.deleteEvent('E1');
    assert.equal(store.eventOfArticle(spun.id), undefined);
  });

  storeTest(h, 'listEvents is in date order, undated last, and pages', (store) => {
    const { nato, spun, budget, football } = seed(store);
    const undated = makeEvent('E1', [football], null, 'Arsenal beat Chelsea');
    const late = makeEvent('E2', [nato, spun], '2022-02-16');
    const early = makeEvent('E3', [budget], '2021-10-27', 'Budget day');
    for (const e of [undated, late, early]) store.putEvent(e);
    assert.deepEqual(
      store.listEvents().map((e) => e.id),
      ['E3', 'E2', 'E1'],
    );
    assert.deepEqual(store.listEvents({ offset: 1, limit: 1 }), [late]);
  });

  storeTest(h, 'replaceStorylines swaps the whole set and keeps its order', (store) => {
    const first: Storyline[] = [
      { id: 'S1', title: 'NATO and Russia', events: ['E3', 'E1', 'E2'], reasons: ['E1 → E2: 4 shared entities, 6 days apart'] },
      { id: 'S2', title: 'UK budget', events: ['E4'], reasons: [] },
    ];
    store.replaceStorylines(first);
    assert.deepEqual(store.listStorylines(), first);
    assert.deepEqual(store.getStoryline('S2'), first[1]);
    assert.equal(store.getStoryline('S9'), undefined);
    const second: Storyline[] = [{ id: 'S3', title: 'Premier League', events: ['E5'], reasons: ['single event'] }, first[0]];
    store.replaceStorylines(second);
    assert.deepEqual(store.listStorylines(), second);
    assert.deepEqual(store.listStorylines({ offset: 1 }), [first[0]]);
    store.replaceStorylines([]);
    assert.deepEqual(store.listStorylines(), []);
  });

  storeTest(h, 'putStoryline upserts in place and deleteStoryline removes one', (store) => {
    const nato: Storyline = { id: 'S1', title: 'NATO and Russia', events: ['E1'], reasons: ['E1 starts the storyline'] };
    const budget: Storyline = { id: 'S2', title: 'UK budget', events: ['E4'], reasons: [] };
    store.putStoryline(nato);
    store.putStoryline(budget);
    const grown: Storyline = { ...nato, events: ['E3', 'E1'], reasons: [...nato.reasons, 'E3 follows E1'] };
    store.putStoryline(grown);
    assert.deepEqual(store.listStorylines(), [grown, budget]);
    assert.deepEqual(store.getStoryline('S1'), grown);
    store.deleteStoryline('S1');
    store.deleteStoryline('S9');
    const football: Storyline = { id: 'S3', title: 'Premier League', events: ['E5'], reasons: [] };
    store.putStoryline(football);
    assert.deepEqual(store.listStorylines(), [budget, football]);
    assert.equal(store.getStoryline('S1'), undefined);
  });
}

function quoteContract(h: Harness): void {
  const words = ['We are ready for dialogue, but we are also ready to defend every inch of allied territory,'];

  storeTest(h, 'quotes round-trip per article, in text order', (store) => {
    const { nato, budget } = seed(store);
    const natoQuotes = quotesIn(nato, [words[0], 'war games']);
    const budgetQuotes = quotesIn(budget, ['This is a budget for working people,'], 'Rishi Sunak');
    store.putQuotes(nato.id, [natoQuotes[1], natoQuotes[0]]);
    store.putQuotes(budget.id, budgetQuotes);
    const sorted = [...natoQuotes].sort((x, y) => x.span[0] - y.span[0]);
    assert.deepEqual(store.listQuotes(nato.id), sorted);
    assert.deepEqual(store.listQuotes(budget.id), budgetQuotes);
    assert.deepEqual(
      new Set(store.listQuotes().map((q) => q.id)),
      new Set([...natoQuotes, ...budgetQuotes].map((q) => q.id)),
    );
    assert.deepEqual(store.listQuotes('ffffffffffffffff'), []);
  });

  storeTest(h, 'putQuotes replaces only that article’s quotes', (store) => {
    const { nato, budget } = seed(store);
    store.putQuotes(nato.id, quotesIn(nato, [words[0], 'war games']));
    const budgetQuotes = quotesIn(budget, ['This is a budget for working people,'], 'Rishi Sunak');
    store.putQuotes(budget.id, budgetQuotes);
    const fewer = quotesIn(nato, [words[0]]);
    store.putQuotes(nato.id, fewer);
    assert.deepEqual(store.listQuotes(nato.id), fewer);
    store.putQuotes(nato.id, []);
    assert.deepEqual(store.listQuotes(nato.id), []);
    assert.deepEqual(store.listQuotes(), budgetQuotes);
  });

  storeTest(h, 'a quote filed under another article is refused', (store) => {
    const { nato, budget } = seed(store);
    assert.throws(() => store.putQuotes(budget.id, quotesIn(nato, [words[0]])));
    assert.deepEqual(store.listQuotes(), []);
  });

  storeTest(h, 'replaceQuoteGroups swaps all groups and keeps variants and drift', (store) => {
    const { nato, spun } = seed(store);
    const group: QuoteGroup = {
      id: 'Q1',
      speaker: 'Jens Stoltenberg',
      variants: [
        { article: nato.id, quote: `${nato.id}:400`, text: 'ready to defend every inch', span: [400, 426], speaker: 'Jens Stoltenberg', drift: [], flags: [] },
        {
          article: spun.id,
          quote: `${spun.id}:410`,
          text: 'prepared to protect every inch',
          span: [410, 440],
          speaker: null,
          drift: [
            { op: 'swap', a: 'ready', b: 'prepared', synonym: true },
            { op: 'swap', a: 'defend', b: 'protect', synonym: true },
            { op: 'same', a: 'every inch', b: 'every inch' },
          ],
          flags: ['speaker-changed'],
        },
      ],
    };
    const lone: QuoteGroup = { id: 'Q2', speaker: null, variants: [group.variants[0]] };
    store.replaceQuoteGroups([group, lone]);
    assert.deepEqual(store.listQuoteGroups(), [group, lone]);
    assert.deepEqual(store.listQuoteGroups({ offset: 1, limit: 5 }), [lone]);
    store.replaceQuoteGroups([lone]);
    assert.deepEqual(store.listQuoteGroups(), [lone]);
  });

  storeTest(h, 'putQuoteGroup upserts by id: a grown group keeps its place, a new one goes last', (store) => {
    const { nato, spun } = seed(store);
    const variant = (article: string, at: number, text: string) =>
      ({ article, quote: `${article}:${at}`, text, span: [at, at + text.length] as [number, number], speaker: 'Jens Stoltenberg', drift: [], flags: [] });
    const first: QuoteGroup = { id: 'Q1', speaker: 'Stoltenberg', variants: [variant(nato.id, 400, 'ready to defend every inch')] };
    const second: QuoteGroup = { id: 'Q2', speaker: null, variants: [variant(nato.id, 900, 'war games')] };
    store.putQuoteGroup(first);
    store.putQuoteGroup(second);
    const grown: QuoteGroup = { ...first, speaker: 'Jens Stoltenberg', variants: [...first.variants, variant(spun.id, 410, 'ready to defend every inch')] };
    store.putQuoteGroup(grown);
    assert.deepEqual(store.listQuoteGroups(), [grown, second]);
    const third: QuoteGroup = { id: 'Q3', speaker: null, variants: [variant(spun.id, 50, 'conflict video games')] };
    store.putQuoteGroup(third);
    assert.deepEqual(store.listQuoteGroups({ offset: 2 }), [third]);
  });

  storeTest(h, 'listQuoteGroups can keep only the quotes seen in several articles, in the same order', (store) => {
    const { nato, spun } = seed(store);
    const variant = (article: string, at: number, text: string) =>
      ({ article, quote: `${article}:${at}`, text, span: [at, at + text.length] as [number, number], speaker: null, drift: [], flags: [] });
    const lone: QuoteGroup = { id: 'Q1', speaker: null, variants: [variant(nato.id, 10, 'war games')] };
    const pair: QuoteGroup = { id: 'Q2', speaker: null, variants: [variant(nato.id, 90, 'completely unacceptable'), variant(spun.id, 95, 'utterly unacceptable')] };
    store.replaceQuoteGroups([lone, pair]);
    assert.deepEqual(store.listQuoteGroups(undefined, { minVariants: 2 }), [pair]);
    const grown: QuoteGroup = { ...lone, variants: [...lone.variants, variant(spun.id, 12, 'conflict video games')] };
    store.putQuoteGroup(grown);
    assert.deepEqual(store.listQuoteGroups(undefined, { minVariants: 2 }), [grown, pair]);
    assert.deepEqual(store.listQuoteGroups({ offset: 1 }, { minVariants: 2 }), [pair]);
    assert.deepEqual(store.listQuoteGroups(undefined, { minVariants: 3 }), []);
  });
}

function entityContract(h: Harness): void {
  const stoltenberg: Entity = { name: 'Jens Stoltenberg', kind: 'person', aliases: ['Stoltenberg'], roles: ['NATO Secretary General'] };
  const nato: Entity = { name: 'North Atlantic Treaty Organization', kind: 'organization', aliases: ['NATO', 'the alliance'], roles: [] };
  const brussels: Entity = { name: 'Brussels', kind: 'place', aliases: [], roles: [] };

  storeTest(h, 'entities round-trip per article, in the order given, and are replaced', (store) => {
    const { nato: a, spun } = seed(store);
    store.putEntities(a.id, [stoltenberg, nato, brussels]);
    assert.deepEqual(store.listEntities(a.id), [stoltenberg, nato, brussels]);
    store.putEntities(spun.id, [nato]);
    store.putEntities(a.id, [brussels]);
    assert.deepEqual(store.listEntities(a.id), [brussels]);
    assert.deepEqual(store.listEntities(spun.id), [nato]);
    assert.deepEqual(store.listEntities('ffffffffffffffff'), []);
  });

  storeTest(h, 'listEntities without an article merges each entity across articles, sorted', (store) => {
    const { nato: a, spun, budget } = seed(store);
    store.putEntities(a.id, [stoltenberg, nato]);
    store.putEntities(spun.id, [
      { ...stoltenberg, aliases: ['Jens Stoltenberg', 'Stoltenberg'], roles: ['former Norwegian prime minister'] },
      brussels,
    ]);
    store.putEntities(budget.id, []);
    assert.deepEqual(store.listEntities(), [
      brussels,
      { ...stoltenberg, aliases: ['Jens Stoltenberg', 'Stoltenberg'], roles: ['NATO Secretary General', 'former Norwegian prime minister'] },
      nato,
    ]);
  });
}
