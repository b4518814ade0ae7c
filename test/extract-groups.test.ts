import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../src/extract/quotes.js';
import { groupQuotes } from '../src/extract/quote-groups.js';
import { driftFlags, wordDiff } from '../src/extract/drift.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote } from '../src/core/types.js';

const SAMPLE = fileURLToPath(new URL('../../sample/', import.meta.url));

async function sampleGroups() {
  const gold = JSON.parse(readFileSync(`${SAMPLE}gold.json`, 'utf8')) as {
    articles: Record<string, { published: string }>;
    quotes: Array<{ speaker: string; variants: Record<string, string> }>;
  };
  const quotes: Quote[] = [];
  const articles = new Map<string, { id: string; name: string; published: string | null }>();
  for (const file of readdirSync(SAMPLE).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(`${SAMPLE}${file}`, 'utf8');
    quotes.push(...extractQuotes({ id: file, text, paragraphs: paragraphs(text) }));
    articles.set(file, { id: file, name: file, published: gold.articles[file]?.published ?? null });
  }
  return { gold, groups: await groupQuotes(quotes, articles) };
}

test('sample: each gold quote group is one group with its variants and speaker', async () => {
  const { gold, groups } = await sampleGroups();
  for (const g of gold.quotes) {
    const [firstFile, firstWords] = Object.entries(g.variants)[0]!;
    const group = groups.find((x) => x.variants.some((v) => v.article === firstFile && v.text.startsWith(firstWords.slice(0, 20))));
    assert.ok(group, `no group for "${firstWords}"`);
    assert.equal(group.speaker, g.speaker);
    assert.deepEqual(group.variants.map((v) => v.article).sort(), Object.keys(g.variants).sort(), `variants of "${firstWords}"`);
  }
});

test('sample: Laanet drift shows completely -> totally -> utterly as strength changes', async () => {
  const { groups } = await sampleGroups();
  const g = groups.find((x) => x.speaker === 'Kalle Laanet')!;
  assert.equal(g.variants[0]!.text, 'These are completely unacceptable proposals');
  const swaps = g.variants.slice(1).map((v) => v.drift.find((op) => op.op === 'swap'));
  assert.deepEqual(swaps.map((s) => [s?.a, s?.b]), [['completely', 'totally'], ['completely', 'utterly']]);
  for (const v of g.variants.slice(1)) assert.deepEqual(v.flags, ['strength-changed']);
});

test('drift flags: negation flip is a meaning change, modal swap a strength change', async () => {
  assert.deepEqual(driftFlags(wordDiff('We will support the deal', 'We will not support the deal')), ['meaning-changed']);
  assert.deepEqual(driftFlags(wordDiff('Russia is ready to tolerate it', 'Russia is able to tolerate it')), ['strength-changed']);
  assert.deepEqual(driftFlags(wordDiff('It killed 14,000 people', 'It killed 40,000 people')), ['meaning-changed']);
  assert.deepEqual(driftFlags(wordDiff('I cannot imagine it', "I can't imagine it")), []);
});

test('same words from a different speaker join the group flagged speaker-changed', async () => {
  const q = (article: string, speaker: string): Quote => ({
    id: `${article}:0`, article, text: 'We will never accept these unacceptable proposals from Moscow', span: [0, 60],
    speaker, speakerSpan: null, cue: 'said', indirect: false,
  });
  const articles = new Map([
    ['a', { id: 'a', name: 'a', published: '2022-01-01' }],
    ['b', { id: 'b', name: 'b', published: '2022-01-02' }],
  ]);
  const groups = await groupQuotes([q('b', 'John Doe'), q('a', 'Kalle Laanet')], articles);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.variants[0]!.article, 'a', 'earliest first');
  assert.deepEqual(groups[0]!.variants[1]!.flags, ['speaker-changed']);
});

test('different utterances of one speaker stay apart; singletons form groups of one', async () => {
  const mk = (article: string, text: string): Quote => ({ id: `${article}:0`, article, text, span: [0, text.length], speaker: 'X Y', speakerSpan: null, cue: null, indirect: false });
  const groups = await groupQuotes([mk('a', 'The economy is growing faster than expected this year'), mk('b', 'Our troops will leave the border region next week')], new Map());
  assert.equal(groups.length, 2);
  assert.ok(groups.every((g) => g.variants.length === 1));
});
