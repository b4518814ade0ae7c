import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ClusterDoc, EventClusterer } from '../src/cluster/events.js';
import { isTemplateText } from '../src/cluster/template.js';
import { MemoryThreads } from './storyline-fixtures.js';

const COMPANIES = ['Acme Holdings', 'Borealis Mining', 'Cobalt Savings', 'Delta Freight', 'Ember Foods', 'Fjord Shipping', 'Granite Bancorp',
  'Harbor Textiles', 'Ironwood Energy', 'Juniper Health', 'Kestrel Air', 'Lumen Optics', 'Marble Insurance', 'Nimbus Software', 'Orchid Retail',
  'Pioneer Steel', 'Quarry Cement', 'Ridge Tools', 'Summit Paper', 'Tundra Oil'];

function day(offset: number): string {
  return new Date(Date.UTC(1987, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A Reuters-style earnings note: the same form, other company and figures. */
export function earnings(i: number, copy = 0): ClusterDoc {
  const name = COMPANIES[i % COMPANIES.length]!;
  const ticker = name.slice(0, 3).toUpperCase() + String.fromCharCode(65 + (i % 26));
  const n = (k: number) => ((i * 37 + k * 11) % 90) + 10;
  return {
    id: `note${i}${copy ? `-copy${copy}` : ''}`,
    title: `${name.toUpperCase()} <${ticker}> 4TH QTR NET`,
    text: [`Shr ${n(1)} cts vs ${n(2)} cts`, `Net ${n(3)},${n(4)}0,000 vs ${n(5)},${n(6)}0,000`, `Revs ${n(7)}.${n(8) % 10} mln vs ${n(9)}.${n(1) % 10} mln`, 'Year', `Shr ${n(2)}.${n(3)} dlrs vs ${n(4)} cts`, `Net ${n(5)}.${n(6) % 10} mln vs ${n(7)}.${n(8) % 10} mln`].join('\n\n'),
    published: day(Math.floor(i / 2)),
    entities: [],
  };
}

test('template texts: forms filled with figures are told from reports that cite figures', () => {
  assert.equal(isTemplateText(earnings(3).text), true);
  assert.equal(isTemplateText('2/26  2/27\n\nDue: 27    35\n\nScheduled to Transit: 35    41\n\nEnd-Day Backlog: 31    25'), true);
  const report = [
    'The company said its fourth-quarter profit rose to 12.6 million dollars, helped by strong sales of its new spirits brands in Europe and Asia.',
    'Chairman Owsley Brown said the results showed that the strategy of buying smaller distillers had paid off, and that 1987 would be better.',
    'Analysts had expected a profit of about 11 million dollars. Shares rose 1-1/4 to 48 in heavy trading on the New York Stock Exchange.',
  ].join('\n\n');
  assert.equal(isTemplateText(report), false);
});

test('earnings notes of twenty companies are not lumped into one event by their form; a copy of a note joins its note', async () => {
  const c = new EventClusterer();
  for (let i = 0; i < 20; i++) await c.add(earnings(i));
  // A wire copy of note 4 under another outlet: the same figures, related as a duplicate.
  const copy = await c.add(earnings(4, 1), [{ id: 'note4', kind: 'duplicate', score: 0.95 }]);
  assert.equal(copy.eventId, c.eventOf('note4'));
  // Another filling of the form, related as a rewrite by a relation kind that cannot tell forms apart: still not joined.
  const other = await c.add({ ...earnings(25), id: 'spun' }, [{ id: 'note7', kind: 'spin', score: 0.9 }]);
  assert.notEqual(other.eventId, c.eventOf('note7'));
  assert.match(other.reason.note, /template/);
  const largest = Math.max(...c.events().map((e) => e.articles.length));
  assert.ok(largest <= 2, `largest event holds ${largest} notes`);
});

test('a rewrite months later does not stretch its source event', async () => {
  const c = new EventClusterer();
  const text = 'Harbour cranes at the port of Tallinn stopped for a second day as dock workers walked out over pay, the port authority said on Monday.';
  await c.add({ id: 'first', title: 'Tallinn dock strike', text, published: '2022-01-03', entities: [] });
  const late = await c.add({ id: 'late', title: 'Tallinn dock strike', text, published: '2022-05-03', entities: [] }, [{ id: 'first', kind: 'duplicate', score: 0.99 }]);
  assert.notEqual(late.eventId, c.eventOf('first'));
  const soon = await c.add({ id: 'soon', title: 'Tallinn dock strike', text, published: '2022-01-05', entities: [] }, [{ id: 'first', kind: 'duplicate', score: 0.99 }]);
  assert.equal(soon.eventId, c.eventOf('first'));
});

/** A report of a distinct happening that names the UK, as most articles of a British corpus do. */
function ukReport(id: string, topic: string, names: string[], published: string | null): ClusterDoc {
  return {
    id,
    title: `${topic} news`,
    text: `The UK ${topic} sector saw changes this week. ${names.join(' and ')} spoke about ${topic} plans at length. Officials in the UK said more ${topic} details would follow.`,
    published,
    entities: ['UK', ...names],
  };
}

const TOPICS = ['fishing', 'railway', 'hospital', 'schools', 'housing', 'tariffs', 'airport', 'reservoir', 'census', 'patrols', 'theatre', 'vineyard'];

test('events sharing only a common name ("UK") are not one storyline; several distinctive shared names link them, and the link says why', async () => {
  const t = new MemoryThreads();
  // Background: many articles carry "UK", so it is common; each has its own people.
  for (let i = 0; i < 150; i++) await t.add(ukReport(`bg${i}`, TOPICS[i % TOPICS.length]!, [`Person${i} Alpha`, `Person${i} Beta`], day(i % 40)));
  const a = await t.add(ukReport('quake', 'earthquake', ['Maria Kask', 'Jonas Petraitis', 'Lena Gruber'], day(41)));
  const b = await t.add(ukReport('budget', 'budget', ['Piotr Nowak', 'Ingrid Hansen'], day(42)));
  const lineOf = (e: string) => t.lines().find((l) => l.events.includes(e))!;
  assert.notEqual(lineOf(a).id, lineOf(b).id, 'linked through "uk" alone');
  const c = await t.add({ ...ukReport('inquiry', 'inquiry', ['Maria Kask', 'Jonas Petraitis', 'Lena Gruber'], day(50)), text: 'An inquiry opened into the response. Maria Kask, Jonas Petraitis and Lena Gruber gave evidence about what the UK agencies knew.' });
  assert.notEqual(c, a);
  const line = lineOf(c);
  assert.equal(line.id, lineOf(a).id, JSON.stringify(t.lines().slice(-3)));
  const why = line.reasons[line.events.indexOf(c)]!;
  assert.match(why, new RegExp(`${c} follows ${a}`));
  assert.match(why, /maria kask/);
  assert.doesNotMatch(why.split('common names')[0]!, /\buk\b/);
});

/** The quake event among background news, then a dated (a month later) or undated book-prize story naming two of its people. */
async function memoirBeside(published: string | null): Promise<{ sameLine: boolean; why: string }> {
  const t = new MemoryThreads();
  for (let i = 0; i < 150; i++) await t.add(ukReport(`bg${i}`, TOPICS[i % TOPICS.length]!, [`Person${i} Alpha`, `Person${i} Beta`], day(i % 40)));
  const quake = await t.add(ukReport('quake', 'earthquake', ['Maria Kask', 'Jonas Petraitis', 'Lena Gruber'], day(41)));
  const memoir = await t.add({
    id: 'memoir',
    title: 'Book prize shortlist announced',
    text: 'A memoir by Maria Kask leads the shortlist for the national book prize. Jonas Petraitis chairs the jury with Erik Lund and Ana Silva, which meets in the UK capital in the spring to choose among six novels and two collections of poems.',
    published,
    entities: ['UK', 'Maria Kask', 'Jonas Petraitis', 'Erik Lund', 'Ana Silva'],
  });
  assert.notEqual(memoir, quake, JSON.stringify(t.clusterer.events().find((e) => e.id === memoir)?.reasons));
  const line = t.lines().find((l) => l.events.includes(memoir))!;
  return { sameLine: line.events.includes(quake), why: line.reasons[line.events.indexOf(memoir)]! };
}

test('an undated event does not join a dated storyline on shared names alone, where a dated one would', async () => {
  const dated = await memoirBeside(day(70));
  assert.equal(dated.sameLine, true, dated.why);
  const undated = await memoirBeside(null);
  assert.equal(undated.sameLine, false, undated.why);
});

test('an undated event linked to an undated storyline leaves it once a dated article joins it', async () => {
  const t = new MemoryThreads();
  for (let i = 0; i < 150; i++) await t.add(ukReport(`bg${i}`, TOPICS[i % TOPICS.length]!, [`Person${i} Alpha`, `Person${i} Beta`], day(i % 40)));
  const names = ['UK', 'Maria Kask', 'Jonas Petraitis', 'Erik Lund', 'Ana Silva'];
  const quake = await t.add({ ...ukReport('quake', 'earthquake', ['Maria Kask', 'Jonas Petraitis', 'Lena Gruber'], null) });
  const prize = 'A memoir by Maria Kask leads the shortlist for the national book prize. Jonas Petraitis chairs the jury with Erik Lund and Ana Silva, which meets in the UK capital in the spring to choose among six novels and two collections of poems.';
  const memoir = await t.add({ id: 'memoir', title: 'Book prize shortlist announced', text: prize, published: null, entities: names });
  const lineOf = (e: string) => t.lines().find((l) => l.events.includes(e))!;
  assert.equal(lineOf(memoir).id, lineOf(quake).id, 'two undated events link on distinctive names');
  const dated = await t.add({ id: 'memoir-dated', title: 'Book prize shortlist announced', text: prize, published: day(60), entities: names });
  assert.equal(dated, memoir, 'the dated copy joins the memoir event');
  assert.notEqual(lineOf(memoir).id, lineOf(quake).id, lineOf(memoir).reasons.join(' / '));
});
