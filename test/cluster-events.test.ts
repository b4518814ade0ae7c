import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Relation } from '../src/core/types.js';
import { type ClusterDecision, type ClusterDoc, type RelatedLink, EventClusterer } from '../src/cluster/events.js';
import { EventLog } from '../src/cluster/event-log.js';
import { MemoryRowStore, RowSet } from '../src/core/rows.js';
import { eventCoverage } from '../src/cluster/coverage.js';
import { MemoryThreads } from './storyline-fixtures.js';
import { pick, sampleDocs } from './cluster-fixtures.js';

const docs = sampleDocs();
const [d000, d001, d002, d003, d004] = ['000', '001', '002', '003', '004'].map((p) => pick(docs, p)) as [
  ClusterDoc,
  ClusterDoc,
  ClusterDoc,
  ClusterDoc,
  ClusterDoc,
];

/** Relations the linker reports (B's output), with 000 as the wire source. */
const relations: Relation[] = [
  { a: d000.id, b: d001.id, kind: 'paraphrase', score: 0.8, similarity: 0.8, reuse: 0.8, source: d000.id, evidence: [], passages: [] },
  { a: d000.id, b: d002.id, kind: 'spin', score: 0.7, similarity: 0.7, reuse: 0.7, source: d000.id, evidence: [], passages: [] },
  { a: d001.id, b: d002.id, kind: 'paraphrase', score: 0.5, similarity: 0.5, reuse: 0.5, source: null, evidence: [], passages: [] },
  { a: d003.id, b: d000.id, kind: 'shared-passage', score: 0.3, similarity: 0.3, reuse: 0.3, source: d003.id, evidence: [], passages: [] },
  { a: d004.id, b: d003.id, kind: 'shared-passage', score: 0.2, similarity: 0.2, reuse: 0.2, source: d004.id, evidence: [], passages: [] },
];

function linksOf(id: string, clustered: Set<string>): RelatedLink[] {
  return relations
    .filter((r) => (r.a === id && clustered.has(r.b)) || (r.b === id && clustered.has(r.a)))
    .map((r) => ({ id: r.a === id ? r.b : r.a, kind: r.kind, score: r.score }));
}

/** Feeds the sample in publication order (001 and 002 are undated and come after 000). */
async function clusterSample(withRelations: boolean, clusterer = new EventClusterer()): Promise<EventClusterer> {
  const clustered = new Set<string>();
  for (const d of [d004, d003, d000, d001, d002]) {
    await clusterer.add(d, withRelations ? linksOf(d.id, clustered) : []);
    clustered.add(d.id);
  }
  return clusterer;
}

test('the sample clusters into its three gold events, in date order', async () => {
  const c = await clusterSample(true);
  const events = c.events();
  assert.deepEqual(
    events.map((e) => [e.id, e.articles.slice().sort(), e.dateBegin]),
    [
      ['E1', [d004.id], '2021-12-17'],
      ['E2', [d003.id], '2022-01-07'],
      ['E3', [d000.id, d001.id, d002.id], '2022-01-12'],
    ],
  );
  const e3 = events[2]!;
  const why001 = e3.reasons.find((r) => r.article === d001.id)!;
  assert.equal(why001.action, 'joined');
  assert.ok(why001.parts.relation! > 0, 'the paraphrase relation is recorded as the reason');
  assert.match(why001.note, /paraphrase of 000/);
  assert.match(why001.note, /runner-up E\d/);
  const why000 = e3.reasons.find((r) => r.article === d000.id)!;
  assert.equal(why000.action, 'started', 'a shared background passage with 003 is not a reason to join its event');
  assert.ok(e3.entities.includes('NATO'), `key entities from capitalised names: ${e3.entities.join(', ')}`);
  assert.ok(e3.title.length > 0 && e3.title.length < 200);
});

test('without relations, the paraphrase and the spun copy still join the wire story by content', async () => {
  const c = await clusterSample(false);
  assert.equal(c.eventOf(d001.id), c.eventOf(d000.id));
  assert.equal(c.eventOf(d002.id), c.eventOf(d000.id));
  assert.equal(c.events().length, 3);
});

test('coverage: the wire original is original reporting, the rewrites are copies', async () => {
  const c = await clusterSample(true);
  const e3 = c.events().find((e) => e.articles.includes(d000.id))!;
  const articles = new Map([...docs.values()].map((d) => [d.id, { id: d.id, name: d.id, source: null, published: d.published }]));
  const coverage = eventCoverage(e3, articles, relations);
  const originals = coverage.flatMap((c) => c.original);
  const copies = coverage.flatMap((c) => c.copies).sort();
  assert.deepEqual(originals, [d000.id]);
  assert.deepEqual(copies, [d001.id, d002.id]);
  assert.deepEqual(coverage.map((c) => c.source), [null], 'articles of unknown outlet are one row, never an "outlet" per file');
});

test('coverage groups articles by outlet', async () => {
  const event = { id: 'E1', title: 't', dateBegin: null, dateEnd: null, articles: ['a', 'b', 'c'], entities: [], reasons: [] };
  const articles = new Map([
    ['a', { id: 'a', name: 'a.html', source: 'AP', published: '2022-01-01' }],
    ['b', { id: 'b', name: 'b.html', source: 'Daily', published: '2022-01-02' }],
    ['c', { id: 'c', name: 'c.html', source: 'AP', published: '2022-01-03' }],
  ]);
  const rel: Relation[] = [{ a: 'a', b: 'b', kind: 'duplicate', score: 1, similarity: 1, reuse: 1, source: null, evidence: [], passages: [] }];
  assert.deepEqual(eventCoverage(event, articles, rel), [
    { source: 'AP', copies: [], original: ['a', 'c'] },
    { source: 'Daily', copies: ['b'], original: [] },
  ]);
});

/** Feeds the sample as clusterSample does, threading storylines as the pipeline does. */
async function threadSample(extra: ClusterDoc[] = []): Promise<MemoryThreads> {
  const threads = new MemoryThreads();
  const clustered = new Set<string>();
  for (const d of [d004, d003, d000, d001, d002, ...extra]) {
    await threads.add(d, linksOf(d.id, clustered));
    clustered.add(d.id);
  }
  return threads;
}

test('the three events form one storyline in timeline order', async () => {
  const lines = (await threadSample()).lines();
  assert.equal(lines.length, 1, JSON.stringify(lines, null, 1));
  assert.deepEqual(lines[0]!.events, ['E1', 'E2', 'E3']);
  assert.equal(lines[0]!.id, 'S1');
  assert.equal(lines[0]!.reasons.length, 3);
  assert.match(lines[0]!.reasons[1]!, /E2 follows E1/);
});

test('an unrelated event starts its own storyline', async () => {
  const sport: ClusterDoc = {
    id: 'sport',
    title: 'Liverpool beat Arsenal in league thriller',
    text: 'Mohamed Salah scored twice as Liverpool came from behind to beat Arsenal 3-2 at Anfield on Sunday, keeping pace with the leaders in the Premier League title race. Jurgen Klopp praised his side.',
    published: '2022-01-09',
    entities: [],
  };
  const lines = (await threadSample([sport])).lines();
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((l) => l.events), [['E1', 'E2', 'E3'], ['E4']]);
});

test('resuming from stored rows gives the same events as one uninterrupted run', async () => {
  const whole = (await clusterSample(true)).events();
  for (let cut = 0; cut <= 5; cut++) {
    const order = [d004, d003, d000, d001, d002];
    const clustered = new Set<string>();
    const stored = new MemoryRowStore();
    let rows = new RowSet(stored.source);
    let c = new EventClusterer({}, rows);
    const log = new EventLog();
    for (const [i, d] of order.entries()) {
      if (i === cut) {
        stored.write(rows.drain());
        rows = new RowSet(stored.source);
        c = new EventClusterer({}, rows);
      }
      log.apply(await c.add(d, linksOf(d.id, clustered)));
      clustered.add(d.id);
    }
    assert.deepEqual(log.events(), whole, `cut at ${cut}`);
  }
});

test('adding an article twice is a no-op that returns its event', async () => {
  const stored = new MemoryRowStore();
  const rows = new RowSet(stored.source);
  const c = new EventClusterer({}, rows);
  const clustered = new Set<string>();
  for (const d of [d004, d003, d000, d001, d002]) {
    await c.add(d, linksOf(d.id, clustered));
    clustered.add(d.id);
  }
  stored.write(rows.drain());
  const again: ClusterDecision = await c.add(d001);
  assert.equal(again.eventId, 'E3');
  assert.deepEqual(rows.drain(), [], 'nothing changed');
});

test('a chain of near-identical reports stops growing once its event spans maxSpanDays', async () => {
  const c = new EventClusterer({ daySigma: 3, maxSpanDays: 10 });
  const day = (i: number) => new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 40; i++) {
    await c.add({
      id: `q${i}`,
      title: `Acme Corp quarterly earnings report ${i}`,
      text: `Acme Corp reported quarterly net profit and revenue; shares of Acme Corp rose on the earnings report. Dividend unchanged. Item ${i}.`,
      published: day(i),
      entities: [],
    });
  }
  const events = c.events();
  assert.ok(events.length >= 3, `${events.length} events for 40 days of daily reports`);
  for (const e of events) {
    const span = (Date.parse(e.dateEnd!) - Date.parse(e.dateBegin!)) / 86_400_000;
    assert.ok(span <= 10, `${e.id} spans ${span} days`);
  }
  const uncapped = new EventClusterer({ daySigma: 3, maxSpanDays: 0 });
  for (let i = 0; i < 40; i++) await uncapped.add({ id: `q${i}`, title: `Acme Corp quarterly earnings report ${i}`, text: `Acme Corp reported quarterly net profit and revenue; shares of Acme Corp rose on the earnings report. Dividend unchanged. Item ${i}.`, published: day(i), entities: [] });
  assert.equal(uncapped.events().length, 1, 'without the cap the chain is one event');
});

test('a rewrite still joins its source event after the event stopped growing', async () => {
  const c = new EventClusterer({ daySigma: 1, maxSpanDays: 2 });
  const text = 'Acme Corp reported quarterly net profit and revenue; shares of Acme Corp rose on the earnings report.';
  for (const [i, d] of ['2021-01-01', '2021-01-02', '2021-01-03'].entries()) await c.add({ id: `a${i}`, title: null, text, published: d, entities: [] });
  const late = await c.add({ id: 'copy', title: null, text: 'Something else entirely about Acme.', published: '2021-01-04', entities: [] }, [{ id: 'a0', kind: 'duplicate', score: 0.9 }]);
  assert.equal(late.eventId, c.eventOf('a0'));
});
