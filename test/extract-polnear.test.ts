import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalQuotesPolnear, goldQuotes, normalizeSpan } from '../src/eval/polnear.js';

import { evalData } from './eval-data.js';

const { path: DEV, skip } = evalData('quotes-polnear/dev');

test('brat gold: contents opening with a quote mark; fragments split by words are separate quotes', () => {
  const text = '\u201cWe will win,\u201d he said, \u201cand soon.\u201d She said the plan is \u201cgood.\u201d';
  const ann = [
    'T1\tContent 0 14;24 35\t\u201cWe will win,\u201d \u201cand soon.\u201d',
    'T2\tSource 15 17\the', 'T3\tCue 18 22\tsaid',
    'E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2',
    'T4\tContent 45 65\tthe plan is \u201cgood.\u201d',
  ].join('\n');
  const gold = goldQuotes(text, ann);
  assert.deepEqual(gold.map((g) => text.slice(g.span[0], g.span[1])), ['\u201cWe will win,\u201d', '\u201cand soon.\u201d']);
  assert.deepEqual(gold[0]!.source, [[15, 17]]);
  const [b, e] = normalizeSpan(text, gold[0]!.span);
  assert.equal(text.slice(b, e), 'We will win');
});

// The first 20 dev articles (file-name order) are mostly Breitbart block quotes: harder than the whole split.
test('PolNeAR dev slice: direct quotes found with their speakers', { skip }, () => {
  const s = evalQuotesPolnear(DEV, { limit: 20 });
  assert.equal(s.articles, 20);
  assert.ok(s.gold > 50);
  assert.ok(s.f1 >= 0.8, `f1 ${s.f1}`);
  assert.ok(s.speakerAccuracy >= 0.65, `speaker accuracy ${s.speakerAccuracy}`);
});
