import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { writeUiDatabase, type UiDatabase } from '../bench/ui-database.js';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

let store: Store;
let app: Hono;
let db: UiDatabase;

before(async () => {
  store = openSqliteStore(':memory:');
  db = await writeUiDatabase(store, { articles: 400, bigEvent: 60, seed: 3 });
  app = createApp(store);
});

after(() => store.close());

async function get(url: string): Promise<{ status: number; body: any }> {
  const response = await app.request(url);
  return { status: response.status, body: await response.json() };
}

async function expectBad(url: string, naming: string): Promise<void> {
  const { status, body } = await get(url);
  assert.equal(status, 400, `${url} → ${status}`);
  assert.equal(body.error.code, 'BAD_REQUEST');
  assert.match(body.error.message, new RegExp(naming));
}

test('GET /api/articles filters by outlet and dates, with a total and an outlet facet', async () => {
  const all = await get('/api/articles?limit=1');
  assert.equal(all.body.total, db.articles);
  const facet = all.body.facets.outlet as Array<{ value: string; count: number }>;
  assert.equal(facet.reduce((n, f) => n + f.count, 0), db.articles);
  const outlet = facet[0]!;
  const only = await get(`/api/articles?outlet=${encodeURIComponent(outlet.value)}&limit=200`);
  assert.equal(only.body.total, outlet.count);
  assert.ok(only.body.items.every((a: { source: string }) => a.source === outlet.value));
  const ranged = await get('/api/articles?from=2022-01-03&to=2022-01-20&sort=published&order=desc&limit=200');
  assert.ok(ranged.body.total > 0 && ranged.body.total < db.articles);
  const dates = ranged.body.items.map((a: { published: string }) => a.published);
  assert.ok(dates.every((d: string) => d >= '2022-01-03' && d <= '2022-01-20'));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  assert.equal(ranged.body.more, ranged.body.total > 200);
});

test('bad filters are 400s naming the parameter', async () => {
  await expectBad('/api/articles?from=yesterday', 'from');
  await expectBad('/api/articles?from=2022-03-01&to=2022-02-01', 'after');
  await expectBad('/api/articles?sort=colour', 'sort');
  await expectBad('/api/relations?minScore=2', 'minScore');
  await expectBad('/api/events?order=sideways', 'order');
});

test('GET /api/articles?after= still pages the unfiltered list by key', async () => {
  const first = await get('/api/articles?limit=3');
  const after = await get(`/api/articles?after=${first.body.items[0].id}&limit=2`);
  assert.deepEqual(after.body.items, first.body.items.slice(1, 3));
});

test('GET /api/relations filters by any stored kind and minimum score; the kinds come from the data', async () => {
  const all = await get('/api/relations?limit=1');
  const kinds = (all.body.facets.kind as Array<{ value: string }>).map((f) => f.value);
  assert.ok(kinds.includes('update'), 'a kind this build does not name is still listed and filterable');
  const updates = await get('/api/relations?kind=update&limit=200');
  assert.ok(updates.body.total > 0);
  assert.ok(updates.body.items.every((r: { kind: string }) => r.kind === 'update'));
  const strong = await get('/api/relations?minScore=0.8&limit=200');
  assert.ok(strong.body.items.every((r: { score: number }) => r.score >= 0.8));
  assert.ok(strong.body.total < all.body.total);
});

test('GET /api/events and /api/storylines sort by size and recency', async () => {
  const events = await get('/api/events?sort=size&limit=5');
  assert.equal(events.body.items[0].id, db.bigEvent);
  assert.equal(events.body.total, db.events);
  const sizes = events.body.items.map((e: { size: number }) => e.size);
  assert.deepEqual(sizes, [...sizes].sort((x: number, y: number) => y - x));
  const lines = await get('/api/storylines?sort=recency&limit=100');
  assert.equal(lines.body.total, db.storylines);
  const ends = lines.body.items.map((s: { dateEnd: string }) => s.dateEnd);
  assert.deepEqual(ends, [...ends].sort().reverse());
});

test('GET /api/quotes: speaker, words and drift; every variant says whether it is indirect', async () => {
  const laanet = await get('/api/quotes?speaker=Kalle%20Laanet&limit=200');
  assert.ok(laanet.body.total > 0);
  assert.ok(laanet.body.items.every((g: { speaker: string }) => g.speaker === 'Kalle Laanet'));
  const drift = await get('/api/quotes?sort=drift&limit=1');
  assert.ok(drift.body.items[0].variants.some((v: { drift: unknown[] }) => v.drift.length > 0));
  const all = await get('/api/quotes?limit=200');
  const variants = all.body.items.flatMap((g: { variants: Array<{ indirect: unknown }> }) => g.variants);
  assert.ok(variants.every((v: { indirect: unknown }) => typeof v.indirect === 'boolean'));
  assert.ok(variants.some((v: { indirect: boolean }) => v.indirect) && variants.some((v: { indirect: boolean }) => !v.indirect));
});

test('GET /api/entities/:name lists that entity\u2019s articles, events and quotes; an unknown one is a 404', async () => {
  const entity = await get('/api/entities/Kalle%20Laanet');
  assert.equal(entity.status, 200);
  assert.equal(entity.body.kind, 'person');
  assert.ok(entity.body.articles.total > 0 && entity.body.events.total > 0 && entity.body.quotes.total > 0);
  assert.equal((await get('/api/entities/Nobody%20Atall')).status, 404);
});

test('GET /api/coverage counts an event\u2019s articles per day by outlet and names the first', async () => {
  const timeline = await get(`/api/coverage?event=${db.bigEvent}`);
  const counted = timeline.body.outlets.reduce((n: number, o: { original: number[]; copies: number[] }) => n + [...o.original, ...o.copies].reduce((x, y) => x + y, 0), 0);
  assert.equal(counted + timeline.body.undated, 60);
  assert.equal(timeline.body.days[0], timeline.body.first.published);
  assert.ok(timeline.body.outlets.some((o: { copies: number[] }) => o.copies.some((n) => n > 0)), 'copies are counted apart');
  assert.deepEqual((await get(`/api/events/${db.bigEvent}`)).body.timeline, timeline.body, 'the event view carries the same timeline');
  assert.equal((await get('/api/coverage')).status, 400);
  assert.equal((await get('/api/coverage?storyline=S1')).status, 200);
  assert.equal((await get('/api/coverage?event=E999999')).status, 404);
});

test('a storyline is read a window of its events at a time: its page and its coverage chart alike', async () => {
  const lines = (await get('/api/stories?limit=100')).body.items as Array<{ id: string; events: Array<{ id: string; articleIds: string[] }>; eventCount: number }>;
  const line = lines.reduce((best, s) => (s.eventCount > best.eventCount ? s : best));
  assert.ok(line.eventCount >= 4, `${line.eventCount} events`);
  const window = (await get(`/api/stories/${line.id}?offset=1&limit=2`)).body;
  assert.deepEqual(window.events.map((e: { id: string }) => e.id), line.events.slice(1, 3).map((e) => e.id));
  assert.deepEqual([window.eventCount, window.offset], [line.eventCount, 1]);
  const chart = (await get(`/api/coverage?storyline=${line.id}&offset=1&limit=2`)).body;
  assert.equal(chart.total, line.events.slice(1, 3).reduce((n, e) => n + e.articleIds.length, 0), 'the chart covers the same events');
  assert.equal((await get(`/api/coverage?storyline=${line.id}`)).body.total, line.events.reduce((n, e) => n + e.articleIds.length, 0));
  assert.equal((await get(`/api/stories/${line.id}?limit=0`)).status, 400);
});

test('POST /api/compare aligns two pasted texts; a side without words is a 400', async () => {
  const a = 'RIGA — The Latvian parliament approved a new budget on Thursday after a late-night session, officials said.\n\nThe budget raises spending on schools and roads by 40 million euros.';
  const b = 'RIGA — The Latvian parliament approved a new budget on Thursday after a late-night session, officials said.\n\nThe budget raises spending on schools and roads by 45 million euros.';
  const response = await app.request('/api/compare', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ a, b }) });
  assert.equal(response.status, 200);
  const view = await response.json();
  assert.ok(view.passages.length >= 1);
  assert.ok(view.similarity > 0 && view.kind !== null);
  assert.ok(view.passages.some((p: { diff: Array<{ a?: string; b?: string }> }) => p.diff.some((d) => d.a === '40' && d.b === '45')), 'the changed figure is in the passage diff');
  assert.equal(view.a.text, a);
  const empty = await app.request('/api/compare', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ a, b: '   ' }) });
  assert.equal(empty.status, 400);
});

test('the UI\u2019s libraries are served from the installed packages', async () => {
  for (const url of ['/vendor/cytoscape.js', '/vendor/uplot.js']) {
    const response = await app.request(url);
    assert.equal(response.status, 200, url);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.match(await response.text(), /export\s*\{/);
  }
  assert.match((await app.request('/vendor/uplot.css')).headers.get('content-type') ?? '', /text\/css/);
});
