import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../src/extract/quotes.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote } from '../src/core/types.js';

const SAMPLE = fileURLToPath(new URL('../../sample/', import.meta.url));

function quotes(text: string): Quote[] {
  return extractQuotes({ id: 'a', text, paragraphs: paragraphs(text) });
}
function one(text: string): Quote {
  const qs = quotes(text);
  assert.equal(qs.length, 1, JSON.stringify(qs));
  return qs[0]!;
}
const spoken = (text: string, q: Quote) => (q.speakerSpan ? text.slice(q.speakerSpan[0], q.speakerSpan[1]) : null);

test('curly quote then "name told": speaker, cue and words without the marks', () => {
  const text = '\u201cThese are completely unacceptable proposals,\u201d Estonian Defense Minister Kalle Laanet told public broadcaster ERR.';
  const q = one(text);
  assert.equal(q.text, 'These are completely unacceptable proposals');
  assert.equal(q.speaker, 'Kalle Laanet');
  assert.equal(q.cue, 'told');
  assert.equal(q.indirect, false);
  assert.equal(text.slice(q.span[0], q.span[1]), q.text);
});

test('appositive role between name and cue: "Smith, the U.S. ambassador to NATO, said Tuesday"', () => {
  const text = '"It has become crystal clear," Julianne Smith, the U.S. ambassador to NATO, said Tuesday. "I cannot imagine any scenario where that is up for discussion."';
  const [a, b] = quotes(text);
  assert.equal(a!.speaker, 'Julianne Smith');
  assert.equal(b!.speaker, 'Julianne Smith', 'the second quote of the chain keeps the speaker');
  assert.equal(b!.text, 'I cannot imagine any scenario where that is up for discussion.');
});

test('"said X" after the quote', () => {
  const text = '"Good economic news for the country is bad political news for them," said Geoff Garin, a Democratic pollster.';
  assert.equal(one(text).speaker, 'Geoff Garin');
});

test('pronoun resolves to the nearest person before: "he informed reporters"', () => {
  const text = 'NATO Secretary-Common Jens Stoltenberg stated the alliance and Russia intend to meet.\n\n"There are important variations between NATO allies and Russia on this problem," he informed reporters.';
  const q = one(text);
  assert.equal(q.speaker, 'Jens Stoltenberg');
  assert.equal(q.cue, 'informed');
  assert.equal(spoken(text, q), 'he');
});

test('colon attribution and "according to"', () => {
  const a = 'Kremlin spokesman Dmitry Peskov said: "The alliance was conceived as an instrument of confrontation."';
  assert.equal(one(a).speaker, 'Dmitry Peskov');
  const b = 'According to Jen Psaki, "there will be no talks on European security without our allies."';
  const q = one(b);
  assert.equal(q.speaker, 'Jen Psaki');
  assert.equal(q.cue, 'According to');
});

test('tweeted, wrote and stated are cues', () => {
  for (const cue of ['tweeted', 'wrote', 'stated']) {
    const text = `"Each nation has the sovereign right to decide on its own path," Wendy Sherman ${cue}.`;
    const q = one(text);
    assert.equal(q.speaker, 'Wendy Sherman');
    assert.equal(q.cue, cue);
  }
});

test('partial quote inside the writer\u2019s sentence is kept and flagged partial', () => {
  const text = 'Maksim Samorukov, a fellow at the Carnegie Moscow Center think tank, says the draft probably means that \u201cRussia is ready to tolerate a failure of these negotiations.\u201d';
  const q = one(text);
  assert.equal(q.partial, true);
  assert.equal(q.speaker, 'Maksim Samorukov');
  assert.equal(q.text, 'Russia is ready to tolerate a failure of these negotiations.');
});

test('doubled-apostrophe marks and a single-quote opener', () => {
  const text = "French President Emmanuel Macron said Friday that he will talk again with Putin 'in the coming days.''\n\n'Dialogue does not mean giving in,'' Macron told reporters in Paris.";
  const qs = quotes(text);
  const full = qs.find((q) => !q.partial)!;
  assert.equal(full.text, 'Dialogue does not mean giving in');
  assert.equal(full.speaker, 'Emmanuel Macron');
  assert.equal(full.cue, 'told');
});

test('a quote running over paragraphs that reopen with a mark is one quote', () => {
  const text = 'Senator Jane Doe said:\n\n"The first part of what I want to say goes here.\n\n"And the second part of it goes here."\n\nThe end.';
  const q = one(text);
  assert.match(q.text, /^The first part .* second part of it goes here\.$/);
  assert.equal(q.speaker, 'Jane Doe');
});

test('scare quotes and titles are not quotes', () => {
  assert.deepEqual(quotes('Putin called it a "red line" for Moscow.'), []);
  assert.deepEqual(quotes('He appeared on ABC\u2019s "Good Morning America" on Tuesday.'), []);
});

test('sample: every gold quote is found with its speaker', () => {
  const gold = JSON.parse(readFileSync(`${SAMPLE}gold.json`, 'utf8')) as { quotes: Array<{ speaker: string; variants: Record<string, string> }> };
  for (const g of gold.quotes) {
    for (const [file, words] of Object.entries(g.variants)) {
      const text = readFileSync(`${SAMPLE}${file}`, 'utf8');
      const found = extractQuotes({ id: file, text, paragraphs: paragraphs(text) });
      const norm = (s: string) => s.replace(/[\u2019]/g, "'").replace(/[.,\s]+$/, '');
      const q = found.find((x) => norm(x.text) === norm(words));
      assert.ok(q, `${file}: no quote "${words}" in ${JSON.stringify(found.map((x) => x.text))}`);
      assert.equal(q.speaker, g.speaker, `${file}: "${words}"`);
    }
  }
});
