/**
 * Boilerplate an outlet repeats across its pages is learned from its articles and never counts as a
 * shared passage or as reuse; copies of one story are not mistaken for boilerplate. Texts are
 * generated here: each story of invented words, so stories share nothing but the outlet's lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/core/types.js';
import { RowSet } from '../src/core/rows.js';
import { paragraphs } from '../src/text/segment.js';
import { OutletBoilerplate, MIN_STORIES } from '../src/clean/outlet-boilerplate.js';
import { relate } from '../src/align/relate.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { linksView } from '../src/pipeline/queries.js';
import { scratchDir } from './scratch.js';

const FURNITURE = [
  'Your browser does not support the audio element.',
  'Download the Daily Example app to get breaking news alerts and the latest headlines on your phone.',
  'This story was first published by our partners and is republished here under a syndication agreement.',
];

/** A seeded story of invented words: five sentences, one paragraph each. */
function story(seed: number): string[] {
  let x = seed * 7919 + 17;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000;
  const syllables = ['ka', 'lo', 'mi', 'ra', 'te', 'vo', 'su', 'ne', 'pi', 'do', 'ge', 'zu', 'fa', 'bi', 'ro', 'ty'];
  const word = () => syllables[next() % 16]! + syllables[next() % 16]! + syllables[next() % 16]!;
  return Array.from({ length: 5 }, () => {
    const words = Array.from({ length: 16 }, word);
    return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
  });
}

function page(id: string, body: string[], source = 'Daily Example'): Article {
  const text = [...body.slice(0, 2), FURNITURE[0]!, ...body.slice(2), FURNITURE[1]!, FURNITURE[2]!].join('\n\n');
  return {
    id, name: id, format: 'text', title: null, source, url: null, byline: null, dateline: null, published: null,
    wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text), captions: [], contributors: [],
    words: text.split(/\s+/).length, sourceMap: [],
  };
}

test('lines an outlet repeats across stories are learned as its boilerplate; story text and copies are not', () => {
  const learned = new OutletBoilerplate(new RowSet());
  const pages = Array.from({ length: MIN_STORIES }, (_, i) => page(`p${i}`, story(i)));
  const copies = Array.from({ length: 6 }, (_, i) => page(`copy${i}`, story(99)));
  for (const p of [...copies, ...pages]) learned.observe(p);
  const flagged = learned.repeated(pages[0]!);
  const furniture = pages[0]!.paragraphs.flatMap(([b, e], i) => (FURNITURE.includes(pages[0]!.text.slice(b, e)) ? [i] : []));
  assert.deepEqual([...flagged].sort(), furniture.sort());
  assert.equal(learned.repeated(copies[0]!).size, furniture.length, 'six copies of one story: only the furniture is boilerplate');
  // Another outlet's page with the same lines learned nothing from these.
  assert.equal(learned.repeated(page('other', story(5), 'Other Times')).size, 0);
});

test('two stories sharing only outlet boilerplate are related without learning and unrelated with it', () => {
  const a = page('a', story(1));
  const b = page('b', story(2));
  assert.equal(relate(a, b)?.kind, 'shared-passage', 'the furniture alone reads as a shared passage');
  const learned = new OutletBoilerplate(new RowSet());
  for (let i = 0; i < MIN_STORIES; i++) learned.observe(page(`p${i}`, story(10 + i)));
  const options = { boilerplate: (x: Article) => learned.repeated(x) };
  assert.equal(relate(a, b, options), null);
  const copy = page('a-copy', story(1));
  const r = relate(a, copy, options);
  assert.equal(r?.kind, 'duplicate', 'a copy stays a copy');
});

test('an ingested outlet: once learned, no relation between its stories through its furniture; copies still linked', async () => {
  const dir = scratchDir('outlet');
  const file = join(dir, 'outlet.jsonl');
  const again = [...story(6), 'Xoka lemi rate vosu: a line the second version adds.'];
  const records = [...Array.from({ length: 8 }, (_, i) => ({ id: `story-${i}`, body: story(i) })), { id: 'story-6-again', body: again }];
  writeFileSync(
    file,
    records.map((r) => JSON.stringify({ id: r.id, source: 'Daily Example', text: page(r.id, r.body).text })).join('\n'),
  );
  const store = openSqliteStore(join(dir, 'w.db'));
  try {
    await ingestPaths(store, [file]);
    const links = await linksView(store);
    // The outlet's first pages come before anything is learned: they may still be linked by the furniture.
    const learning = (name: string) => Number(/story-(\d)/.exec(name)![1]) < MIN_STORIES - 1;
    const later = links.filter((l) => !(learning(l.a) && learning(l.b)));
    assert.deepEqual(later.map((l) => [l.a, l.b].sort().join(' ~ ')), ['story-6 ~ story-6-again'], JSON.stringify(links.map((l) => [l.a, l.b, l.kind])));
    assert.ok(later[0]!.reuse > 0.9);
  } finally {
    await store.close();
  }
});
