import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentences, paragraphs } from '../src/text/segment.js';
import { tokenize } from '../src/text/tokenize.js';
import { normalizeChars } from '../src/text/normalize.js';

test('sentences split on terminal punctuation but not on abbreviations', () => {
  const text = 'The U.S. envoy met Gen. Smith on Jan. 10. "It is over," he said. Talks resume Friday.';
  const spans = sentences(text).map(([b, e]) => text.slice(b, e));
  assert.deepEqual(spans, ['The U.S. envoy met Gen. Smith on Jan. 10.', '"It is over," he said.', 'Talks resume Friday.']);
});

test('paragraphs are separated by blank lines', () => {
  const text = 'One.\n\nTwo two.\n\n\nThree.';
  assert.deepEqual(paragraphs(text).map(([b, e]) => text.slice(b, e)), ['One.', 'Two two.', 'Three.']);
});

test('tokens keep inner punctuation and point back into the text', () => {
  const text = 'It killed 14,000 people in the U.S.-led war, can\u2019t stop.';
  const t = tokenize(text);
  assert.ok(t.words.includes('14,000'));
  assert.ok(t.words.includes("can't"));
  for (let i = 0; i < t.words.length; i++) {
    assert.equal(text.slice(t.begins[i], t.ends[i]).toLowerCase().replace('\u2019', "'"), t.words[i]);
  }
});

test('normalisation keeps every offset', () => {
  const text = '\u201cWar games\u201d \u2014 they\u2019re\u00a0back';
  const norm = normalizeChars(text);
  assert.equal(norm.length, text.length);
  assert.equal(norm, '"War games" - they\'re back');
});
