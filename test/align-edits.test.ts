import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/core/types.js';
import { paragraphs } from '../src/text/segment.js';
import { relate } from '../src/align/relate.js';
import { wordDiff } from '../src/align/worddiff.js';
import { sentenceSimilarity } from '../src/align/similarity.js';

function article(id: string, text: string, published: string | null = null): Article {
  return {
    id, name: id, format: 'text', title: null, source: null, url: null, byline: null, dateline: null, published,
    wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text), captions: [], contributors: [],
    words: text.split(/\s+/).length, sourceMap: [],
  };
}

const S1 = 'The finance minister announced a new budget for the coming year on Monday.';
const S2 = 'Opposition parties criticised the plan as too timid to fix the deficit.';
const S3 = 'Economists expect growth to slow sharply in the second half of the year.';
const S4 = 'The central bank left its interest rate unchanged at four percent.';

function edits(a: string, b: string): string[] {
  const r = relate(article('a', a), article('b', b));
  assert.ok(r, 'expected a relation');
  return r.passages.map((p) => p.edit);
}

test('verbatim: the same sentences are verbatim and the relation a duplicate', () => {
  const text = [S1, S2, S3, S4].join('\n\n');
  const r = relate(article('a', text), article('b', text))!;
  assert.equal(r.kind, 'duplicate');
  assert.deepEqual(r.passages.map((p) => p.edit), ['verbatim']);
  assert.equal(r.score, 1);
});

test('trimmed: a dropped clause is trimmed, and a shortened copy an excerpt', () => {
  const longer = [S1, 'Opposition parties criticised the plan as too timid to fix the deficit, which has doubled since 2019.', S3, S4].join('\n\n');
  const shorter = [S1, S2, S3].join('\n\n');
  const r = relate(article('a', longer, '2024-03-01'), article('b', shorter, '2024-03-02'))!;
  assert.equal(r.kind, 'excerpt');
  assert.ok(r.passages.some((p) => p.edit === 'trimmed'));
  assert.equal(r.source, 'a');
});

test('synonym-swapped: words swapped one for one inside the same skeleton', () => {
  const ops = wordDiff('Economists expect growth to slow sharply in the second half of the year.', 'Economists anticipate growth to slow abruptly in the second half of the year.');
  const swaps = ops.filter((o) => o.op === 'swap');
  assert.deepEqual(swaps.map((o) => [o.a, o.b]), [['expect', 'anticipate'], ['sharply', 'abruptly']]);
  assert.ok(swaps.every((o) => o.synonym));
  const a = [S1, S2, S3, S4].join('\n\n');
  const b = [
    'The finance minister declared a new budget for the coming year on Monday.',
    'Opposition parties criticized the plan as too timid to repair the deficit.',
    'Economists anticipate growth to slow abruptly in the second half of the year.',
    'The central bank left its interest rate unaltered at four percent.',
  ].join('\n\n');
  assert.deepEqual([...new Set(edits(a, b))], ['synonym-swapped']);
});

test('paraphrased: restructured sentences with the same content', () => {
  const ops = edits(
    [S1, S2, S3].join('\n\n'),
    [
      'On Monday a new budget for the coming year was announced by the finance minister.',
      'The plan was criticised by opposition parties, who said it was too timid to fix the deficit.',
      'Growth is expected by economists to slow sharply in the second half of the year.',
    ].join('\n\n'),
  );
  assert.ok(ops.every((e) => e === 'paraphrased'), ops.join(','));
});

test('reordered: a paragraph moved out of order is marked reordered, the rest keep their edit', () => {
  const r = relate(article('a', [S1, S2, S3, S4].join('\n\n')), article('b', [S1, S4, S2, S3].join('\n\n')))!;
  assert.equal(r.kind, 'duplicate');
  assert.deepEqual(r.passages.map((p) => p.edit), ['verbatim', 'verbatim', 'reordered']);
  const moved = r.passages.find((p) => p.edit === 'reordered')!;
  assert.match(article('a', [S1, S2, S3, S4].join('\n\n')).text.slice(moved.a[0], moved.a[1]), /central bank/);
});

test('split and merged sentences align 1:2', () => {
  const a = `${S1}\n\nThe plan, which opposition parties criticised as too timid, aims to fix the deficit by 2026.\n\n${S3}`;
  const b = `${S1}\n\nThe plan aims to fix the deficit by 2026. Opposition parties criticised it as too timid.\n\n${S3}`;
  const r = relate(article('a', a), article('b', b))!;
  const middle = r.passages.find((p) => article('b', b).text.slice(p.b[0], p.b[1]).includes('too timid.'))!;
  assert.ok(middle, 'merged sentence not aligned');
  assert.match(b.slice(middle.b[0], middle.b[1]), /by 2026\. Opposition/);
});

test('sentence similarity survives synonyms and dropped clauses, and separates unrelated sentences', () => {
  const base = 'Russia would pledge to limit its war games and end aircraft buzzing incidents.';
  assert.ok(sentenceSimilarity(base, 'Russia would promise to restrict its war games and end aircraft buzzing incidents.') > 0.75);
  assert.ok(sentenceSimilarity(base, 'Russia would pledge to limit its war games.') > 0.5);
  assert.ok(sentenceSimilarity(base, 'The central bank left its interest rate unchanged at four percent.') < 0.1);
  assert.equal(sentenceSimilarity(base, base), 1);
});

test('unrelated articles have no relation', () => {
  assert.equal(relate(article('a', [S1, S2].join('\n\n')), article('b', 'A storm closed schools across the region.\n\nPower was restored by evening.')), null);
});
