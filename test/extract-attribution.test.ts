import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotes } from '../src/extract/quotes.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote } from '../src/core/types.js';

function quotes(text: string): Quote[] {
  return extractQuotes({ id: 'a', text, paragraphs: paragraphs(text) }).filter((q) => !q.indirect);
}
const spoken = (text: string, q: Quote | undefined) => (q?.speakerSpan ? text.slice(q.speakerSpan[0], q.speakerSpan[1]) : null);

test('a quote that ends its sentence does not take the next sentence\'s speaker', () => {
  const text = 'Brafman said, "The zeal with which this case was brought is unusual." Ben Carson added, "In this case things happened that are not ordinary."';
  const [a, b] = quotes(text);
  assert.equal(spoken(text, a), 'Brafman');
  assert.equal(b!.speaker, 'Ben Carson');
});

test('a quote after "X said." takes the source of the sentence before', () => {
  const text = 'Critics spoke out. "If the Saudis did not take part, they have nothing to worry about," Sen. Chuck Schumer (D-N.Y.) said Tuesday. "If they did, they should be held accountable."';
  const [a, b] = quotes(text);
  assert.equal(a!.speaker, 'Chuck Schumer');
  assert.equal(b!.speaker, 'Chuck Schumer');
});

test('a name and any verb right after the quote: "shot back", "cut in"', () => {
  const text = 'Sandy Paradis laughed. "Look at all these Bernie supporters here," Paradis said. "They are all here because he promises free stuff," Jim Bennett shot back.';
  const qs = quotes(text);
  assert.equal(qs[1]!.speaker, 'Jim Bennett');
});

test('a name signed after a dash', () => {
  const text = '\u201cI am so ashamed to be an American today.\u201d \u2015 Jacklyn Ashley\n\u201cTrump must stop portraying Latinos as dangerous gangsters.\u201d\u00a0\u2015 Carla Sanchez';
  const [a, b] = quotes(text);
  assert.equal(spoken(text, a), 'Jacklyn Ashley');
  assert.equal(spoken(text, b), 'Carla Sanchez');
});

test('"went on to say" and "adding" take the subject of the sentence', () => {
  const a = 'Trump told Newsmax that Mitt Romney "had a crazy policy," adding, "He lost all of the Latino vote in the whole country."';
  assert.equal(quotes(a).find((q) => !q.partial)!.speaker, 'Trump');
  const b = 'The email went on to say, "Today, because we have been successful, we are ending the dues."';
  assert.equal(spoken(b, quotes(b)[0]), 'The email');
});

test('the subject before a colon: "Transcript as follows:", "According to HuffPo:"', () => {
  const a = 'Transcript as follows: "Tonight we arrived in Cleveland, and we went to a restaurant."';
  assert.equal(spoken(a, quotes(a)[0]), 'Transcript');
  const b = 'According to HuffPo: "Senator Tim Kaine has had a mixed record on abortion."';
  assert.equal(spoken(b, quotes(b)[0]), 'HuffPo');
});

test('indirect speech is extracted, flagged, and kept out of direct quotes', () => {
  const text = 'NATO Secretary General Jens Stoltenberg said the alliance would not give up its open-door policy. He called it "an instrument of confrontation."';
  const all = extractQuotes({ id: 'a', text, paragraphs: paragraphs(text) });
  const ind = all.filter((q) => q.indirect);
  assert.equal(ind.length, 1);
  assert.equal(ind[0]!.speaker, 'Jens Stoltenberg');
  assert.equal(ind[0]!.text, 'the alliance would not give up its open-door policy');
  assert.equal(ind[0]!.cue, 'said');
  const plain = 'Stoltenberg said on Tuesday. Officials announced a series of steps to tighten rules.';
  assert.equal(extractQuotes({ id: 'b', text: plain, paragraphs: paragraphs(plain) }).filter((q) => q.indirect).length, 0);
});
