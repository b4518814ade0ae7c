/**
 * Relation kinds that name what happened (update, template, spin against natural edits), story
 * similarity without a shared sentence, and word diffs that never show one word as both dropped
 * and added. Texts are generated here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/core/types.js';
import { paragraphs } from '../src/text/segment.js';
import { synonymsOf } from '../src/text/synonyms.js';
import { isStopword } from '../src/text/stopwords.js';
import { relate } from '../src/align/relate.js';
import { compare } from '../src/align/compare.js';
import { wordDiff } from '../src/align/worddiff.js';

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  return {
    id, name: id, format: 'text', title: null, source: null, url: null, byline: null, dateline: null, published: null,
    wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text), captions: [], contributors: [],
    words: text.split(/\s+/).length, sourceMap: [], ...extra,
  };
}

const STORY = [
  'Floods swept through the northern province of Valmora on Tuesday, killing 12 people and forcing thousands from their homes, regional officials said.',
  'The river burst its banks after three days of heavy rain, submerging farmland and cutting the main road between the provincial capital and the coast.',
  'Rescue teams in boats worked through the night to reach villages cut off by the water, and the army sent two helicopters to lift stranded families from rooftops.',
  'Governor Elena Marsh said the damage to crops would take months to assess and asked the national government for emergency funds.',
  'Forecasters expect more rain over the weekend, and residents living near the river have been told to move to higher ground.',
  'Schools across the province will stay closed until Friday while engineers inspect bridges for damage.',
];

test('a later version with a changed toll, a revised clause and a new paragraph is an update, not spin', () => {
  const later = [...STORY];
  later[0] = 'Floods swept through the northern province of Valmora on Tuesday, killing 15 people and forcing thousands from their homes, regional officials said on Wednesday.';
  later[3] = 'Governor Elena Marsh said the damage to crops would take months to assess, and she asked the national government for emergency funds on Wednesday.';
  later.splice(4, 0, 'Two of the dead were volunteers whose boat capsized near the village of Orlo, police said.');
  const a = article('first', STORY.join('\n\n'), { published: '2024-03-05' });
  const b = article('second', later.join('\n\n'), { published: '2024-03-06' });
  const r = relate(a, b);
  assert.ok(r);
  assert.equal(r.kind, 'update', r.evidence.join(' | '));
  assert.equal(r.source, 'first');
  assert.ok(r.reuse > 0.8, `reuse ${r.reuse}`);
  assert.ok(r.similarity > 0.8, `similarity ${r.similarity}`);
});

function report(day: string, points: string, close: string, up: string, down: string, volume: string, dollar: string, gold: string): string {
  return [
    `The Dow Jones industrial average rose ${points} points to ${close} in active trading on ${day}, lifted by gains in blue chip stocks.`,
    `Advancing issues outnumbered declining ones by ${up} to ${down} on the New York Stock Exchange.`,
    `Volume totalled ${volume} million shares, compared with the previous session's turnover.`,
    `The dollar closed at ${dollar} marks in late New York trading.`,
    `Gold settled at ${gold} dlrs an ounce on the Comex.`,
  ].join('\n\n');
}

test('the same market report filled with another day\'s figures is a template with no source, not spin', () => {
  const monday = article('monday', report('Monday', '12.5', '2,345.6', '900', '600', '150', '1.85', '405'), { published: '1987-03-02' });
  const tuesday = article('tuesday', report('Tuesday', '8.1', '2,353.7', '820', '710', '162', '1.83', '407'), { published: '1987-03-03' });
  const r = relate(monday, tuesday);
  assert.ok(r);
  assert.equal(r.kind, 'template', r.evidence.join(' | '));
  assert.equal(r.source, null);
});

/** Every other content word (not a name or a number) swapped for its first WordNet synonym. */
function spin(text: string): string {
  let n = 0;
  return text.replace(/\b[a-z]+\b/g, (w) => {
    if (isStopword(w) || w.length < 4) return w;
    const alternatives = synonymsOf(w).filter((s) => !s.includes(' ') && !s.includes('_'));
    return alternatives.length > 0 && n++ % 2 === 0 ? alternatives[0]! : w;
  });
}

test('a thesaurus-spun copy is spin; changed figures alone never are', () => {
  const a = article('original', STORY.join('\n\n'));
  const spun = article('spun', spin(STORY.join('\n\n')));
  const r = relate(a, spun);
  assert.ok(r);
  assert.equal(r.kind, 'spin', r.evidence.join(' | '));
  const figures = article('figures', STORY.join('\n\n').replace(/\b12\b/, '14').replace('three days', 'four days').replace('two helicopters', 'five helicopters'));
  assert.notEqual(relate(a, figures)?.kind, 'spin');
});

test('a changed number is not a synonym swap', () => {
  const ops = wordDiff('Exports rose 5 pct to 10.2 billion dollars in March.', 'Exports rose 7 pct to 11.4 billion dollars in March.');
  const swaps = ops.filter((o) => o.op === 'swap');
  assert.ok(swaps.length > 0);
  for (const s of swaps) assert.equal(s.synonym, false, `${s.a} -> ${s.b}`);
});

test('a word present on both sides is shown as moved, never as dropped on one side and added on the other', () => {
  const ops = wordDiff('"We will not accept these proposals," the minister said on Monday.', 'The minister said on Monday: "We will not accept these proposals."');
  const plain = (side: 'insert' | 'delete') =>
    ops.filter((o) => o.op === side && !o.moved).map((o) => (side === 'insert' ? o.b : o.a)!.toLowerCase()).join(' ');
  for (const word of ['minister', 'said', 'monday']) {
    assert.ok(!(plain('delete').includes(word) && plain('insert').includes(word)), `"${word}" dropped and added: ${JSON.stringify(ops)}`);
  }
  assert.ok(ops.some((o) => o.moved));
});

test('two independent reports of one story score a high similarity with little reuse; an unrelated story scores low', () => {
  const first = article('first', STORY.join('\n\n'), { title: 'Floods kill 12 in Valmora' });
  const other = article(
    'other',
    [
      'At least a dozen people have died in Valmora after the river overflowed, officials in the northern province reported.',
      'Governor Elena Marsh appealed for emergency funds from the national government, saying crop losses could not yet be counted.',
      'Army helicopters lifted families stranded on rooftops, while volunteers in boats searched flooded villages overnight.',
    ].join('\n\n'),
    { title: 'Valmora flood death toll reaches 12' },
  );
  const unrelated = article(
    'unrelated',
    [
      'The central bank left its main interest rate unchanged on Thursday, citing slowing inflation and weak consumer spending.',
      'Economists had expected the decision, and markets barely moved after the announcement in the capital.',
    ].join('\n\n'),
    { title: 'Central bank holds rates' },
  );
  const same = compare(first, other);
  const apart = compare(first, unrelated);
  assert.ok(same.similarity >= 0.4, `same story ${same.similarity}`);
  assert.ok(apart.similarity < 0.1, `unrelated ${apart.similarity}`);
  assert.ok(same.reuse < 0.5, `reuse ${same.reuse}`);
  assert.equal(same.kind, null);
});

test('a brief that is one copied sentence of a story is an excerpt of it; a short stock sentence alone is not', () => {
  const story = article('story', STORY.join('\n\n'), { published: '2024-03-05' });
  const brief = article('brief', STORY[0]!, { published: '2024-03-06' });
  const r = relate(story, brief);
  assert.equal(r?.kind, 'excerpt');
  assert.equal(r?.source, 'story');
  const changed = article('changed', STORY[0]!.replace('killing 12 people', 'killing 15 people'), { published: '2024-03-06' });
  assert.notEqual(relate(story, changed)?.kind, 'excerpt', 'a changed figure is not a copy');
  const stock = 'Schools will stay closed until Friday.';
  const withStock = article('with-stock', [STORY[1]!, stock, STORY[4]!].join('\n\n'));
  assert.equal(relate(withStock, article('stock', stock)), null, 'five own words are no passage');
});
