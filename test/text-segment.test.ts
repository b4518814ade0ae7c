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

/** The regular-expression definition of `paragraphs`, the reference its one-pass scan must match. */
function paragraphsByRegex(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const separator = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n+/g;
  let start = 0;
  const push = (b: number, e: number) => {
    while (b < e && /\s/.test(text[b]!)) b++;
    while (e > b && /\s/.test(text[e - 1]!)) e--;
    if (e > b) out.push([b, e]);
  };
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return out;
}

test('paragraph spans are those of the blank-line rule on texts of every shape of white space', () => {
  const pieces = ['word', 'Two words.', '\n', '\n', '\n\n', ' ', '  ', '\t', '\r\n', '\u00a0', '\u2028', '\u3000', '\ufeff', 'x', '\u2003'];
  let seed = 5;
  const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  const texts = ['', '\n', '\n\n', ' \n \n ', 'a\nb', 'a\n\nb', 'a\n \t\nb\n', 'One.\n\nTwo two.\n\n\nThree.'];
  for (let i = 0; i < 3000; i++) texts.push(Array.from({ length: Math.floor(rnd() * 30) }, () => pieces[Math.floor(rnd() * pieces.length)]!).join(''));
  let withBlank = 0;
  for (const text of texts) {
    assert.deepEqual(paragraphs(text), paragraphsByRegex(text), JSON.stringify(text));
    if (/\n\s*\n/.test(text)) withBlank++;
  }
  assert.ok(withBlank > 500 && withBlank < texts.length - 500, `${withBlank} of ${texts.length} texts have a blank line`);
});
