import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { linksView } from '../src/pipeline/queries.js';
import { pickCovering } from '../src/fingerprint/rank.js';
import type { Candidate } from '../src/fingerprint/index.js';
import { writeJsonl, type FixtureArticle } from './corpus-fixture.js';
import { scratchDir } from './scratch.js';

const STOCK =
  'The alliance has held regular exercises in the Baltic region since the end of the Cold War, and its officials say the drills are planned many months in advance and are not aimed at any single country. ' +
  'Critics in Moscow have described the manoeuvres as provocative and have repeatedly warned of an unspecified military response. ' +
  'Analysts in Brussels note that the number of troops taking part has roughly doubled over the past decade.';
const PLACES = ['Tallinn', 'Riga', 'Vilnius', 'Helsinki', 'Warsaw', 'Oslo', 'Lisbon', 'Dublin', 'Vienna', 'Prague'];
const TRADES = ['dockers', 'nurses', 'pilots', 'teachers', 'bakers', 'miners', 'drivers', 'welders', 'cleaners', 'farmers'];

/** Ten earlier articles that each carry the same stock background paragraph beside their own news. */
function stockArticles(): FixtureArticle[] {
  return PLACES.map((place, i) => ({
    id: `stock-${i}`,
    title: `${place} ${TRADES[i]} end strike`,
    text: `${place} ${TRADES[i]} ended a ${i + 2}-day strike on Monday after the city agreed to raise their wages by ${i + 3} percent from January.\n\n${STOCK}\n\nThe ${TRADES[i]} union in ${place} said its members would return to work on Tuesday morning.`,
    published: `2022-03-0${1 + (i % 5)}T0${i % 10}:00:00Z`,
    source: `${place} Gazette`,
  }));
}

const LEAD =
  'Estonian defence minister Kalle Laanet said on Wednesday that the border guard would add forty new patrol boats to the Narva river fleet before the spring floods. ' +
  'The boats will be built at a shipyard on Saaremaa and crewed by volunteers trained over the winter.';

test('an article whose stock paragraph fills every alignment slot is still linked to the source of its other passage', async () => {
  const dir = scratchDir('candidates');
  const source: FixtureArticle = {
    id: 'boats-source',
    title: 'Estonia to add patrol boats on the Narva',
    text: `${LEAD}\n\nThe ministry put the cost of the programme at twelve million euros, to be paid over three years from the defence budget.\n\nOpposition members of parliament asked why the contract had not been put out to tender across the European Union.`,
    published: '2022-03-09T08:00:00Z',
    source: 'ERR News',
  };
  const borrowed: FixtureArticle = {
    id: 'boats-borrowed',
    title: 'Baltic drills and patrol boats',
    text: `${STOCK}\n\n${LEAD}`,
    published: '2022-03-10T09:00:00Z',
    source: 'Northern Digest',
  };
  const corpus = writeJsonl(join(dir, 'corpus.jsonl'), [...stockArticles(), source, borrowed]);
  const store = openSqliteStore(join(dir, 'w.db'));
  try {
    await ingestPaths(store, [corpus]);
    const links = await linksView(store, 'boats-borrowed');
    const others = links.map((l) => (l.a === 'boats-borrowed' ? l.b : l.a));
    assert.ok(others.includes('boats-source'), `linked to ${others.join(', ')}`);
    assert.ok(others.filter((o) => o.startsWith('stock-')).length >= 1, 'the stock paragraph is linked too');
    assert.ok(links.length <= 8, `at most eight candidates aligned: ${links.length}`);
  } finally {
    await store.close();
  }
});

test('the covering pick takes the best match of each passage first, then the best of the rest, in ranked order', () => {
  const candidate = (id: string, units: number[]): Candidate => ({ id, score: 0, jaccard: 0, containment: 0, paragraphs: units.length, anchors: 0, via: ['paragraph'], units });
  const ranked = [candidate('a', [0]), candidate('b', [0]), candidate('c', [0]), candidate('d', [0, 1]), candidate('e', [2]), candidate('f', [])];
  assert.deepEqual(pickCovering(ranked, 3).map((c) => c.id), ['a', 'd', 'e']);
  assert.deepEqual(pickCovering(ranked, 4).map((c) => c.id), ['a', 'b', 'd', 'e']);
  const copies = [candidate('original', [0, 1, 2]), candidate('copy1', [0, 1, 2]), candidate('copy2', [0, 1]), candidate('copy3', [2])];
  assert.deepEqual(pickCovering(copies, 2).map((c) => c.id), ['original', 'copy1'], 'one story: the ranking decides');
});
