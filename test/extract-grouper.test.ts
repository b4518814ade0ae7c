import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../src/extract/quotes.js';
import { QuoteGrouper, assembleQuoteGroup, groupQuotes, type ArticleInfo } from '../src/extract/quote-groups.js';
import { MemoryRowStore, RowSet } from '../src/core/rows.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote, QuoteGroupHeader, QuoteVariantRecord } from '../src/core/types.js';

const SAMPLE = fileURLToPath(new URL('../../sample/', import.meta.url));

function sample(): { quotes: Quote[]; articles: Map<string, ArticleInfo> } {
  const gold = JSON.parse(readFileSync(`${SAMPLE}gold.json`, 'utf8')) as { articles: Record<string, { published: string }> };
  const quotes: Quote[] = [];
  const articles = new Map<string, ArticleInfo>();
  for (const file of readdirSync(SAMPLE).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(`${SAMPLE}${file}`, 'utf8');
    quotes.push(...extractQuotes({ id: file, text, paragraphs: paragraphs(text) }));
    articles.set(file, { id: file, name: file, published: gold.articles[file]?.published ?? null });
  }
  return { quotes, articles };
}

test('a grouper fed in publication order, saved and reloaded half way, gives the groups of groupQuotes', async () => {
  const { quotes, articles } = sample();
  const batch = await groupQuotes(quotes, articles);
  const ordered = [...quotes].sort((x, y) => {
    const px = articles.get(x.article)!.published ?? '';
    const py = articles.get(y.article)!.published ?? '';
    return px < py ? -1 : px > py ? 1 : x.article < y.article ? -1 : x.article > y.article ? 1 : x.span[0] - y.span[0];
  });
  const stored = new MemoryRowStore();
  // What a store keeps: each group's latest header and every variant, in the order groups started.
  const kept = new Map<string, { header: QuoteGroupHeader; variants: QuoteVariantRecord[] }>();
  const keep = (grouper: QuoteGrouper) => {
    for (const { header, variant } of grouper.added()) kept.set(header.id, { header, variants: [...(kept.get(header.id)?.variants ?? []), variant] });
  };
  let rows = new RowSet(stored.source);
  let grouper = new QuoteGrouper({}, rows);
  // A stored grouper takes an article's quotes together: split between two articles.
  const half = ordered.findIndex((q, i) => i >= ordered.length / 2 && q.article !== ordered[i - 1]!.article);
  for (const q of ordered.slice(0, half)) await grouper.add(q, articles.get(q.article)!);
  keep(grouper);
  stored.write(rows.drain());
  rows = new RowSet(stored.source);
  grouper = new QuoteGrouper({}, rows);
  for (const q of ordered.slice(half)) await grouper.add(q, articles.get(q.article)!);
  keep(grouper);
  assert.deepEqual([...kept.values()].map(({ header, variants }) => assembleQuoteGroup(header, variants)), batch);
  assert.ok(batch.some((g) => g.variants.length === 3), 'the sample has a quote in three wordings');
});

test('a late variant from an earlier article becomes the first one; the group keeps its id; changed() lists only touched groups', async () => {
  const mk = (article: string, text: string, speaker = 'Kalle Laanet'): Quote =>
    ({ id: `${article}:0`, article, text, span: [0, text.length], speaker, speakerSpan: null, cue: 'said', indirect: false });
  const grouper = new QuoteGrouper();
  const late = { id: 'late', name: 'late.txt', published: '2022-01-12' };
  const early = { id: 'early', name: 'early.txt', published: '2022-01-10' };
  const other = { id: 'other', name: 'other.txt', published: '2022-01-11' };
  const id = await grouper.add(mk('late', 'These are utterly unacceptable proposals'), late);
  await grouper.add(mk('other', 'Our troops will leave the border region next week', 'Someone Else'), other);
  assert.equal(grouper.changed().length, 2);
  assert.equal(await grouper.add(mk('early', 'These are completely unacceptable proposals'), early), id);
  const changed = grouper.changed();
  assert.equal(changed.length, 1);
  assert.equal(changed[0]!.id, id);
  assert.deepEqual(changed[0]!.variants.map((v) => v.article), ['early', 'late']);
  assert.deepEqual(changed[0]!.variants[0]!.flags, []);
  assert.deepEqual(changed[0]!.variants[1]!.flags, ['strength-changed']);
  assert.deepEqual(grouper.changed(), []);
});

test('a quote repeated by 300 articles: each copy writes one variant and the group row stays small', async () => {
  const stored = new MemoryRowStore();
  const rows = new RowSet(stored.source);
  const grouper = new QuoteGrouper({}, rows);
  const headBytes: number[] = [];
  let id = '';
  for (let i = 0; i < 300; i++) {
    const article = `copy-${String(i).padStart(3, '0')}`;
    const text = i % 2 ? 'These proposals are completely unacceptable to Estonia' : 'These proposals are totally unacceptable to Estonia';
    const quote: Quote = { id: `${article}:0`, article, text, span: [0, text.length], speaker: 'Kalle Laanet', speakerSpan: null, cue: 'said', indirect: false };
    const group = await grouper.add(quote, { id: article, name: article, published: `2022-02-${String(10 + (i % 19)).padStart(2, '0')}` });
    id ||= group;
    assert.equal(group, id);
    assert.equal(grouper.added().length, 1);
    for (const { ns, rows: changed } of rows.drain()) if (ns === 'qg.head') headBytes.push(...changed.map(([, v]) => v?.length ?? 0));
  }
  assert.ok(Math.max(...headBytes.slice(-50)) <= Math.max(...headBytes.slice(0, 20)) * 1.5, `head rows grew: ${headBytes.slice(0, 3)} … ${headBytes.slice(-3)}`);
});

test('a group holds one quote per article: an article repeating a quote starts a second group', async () => {
  const rows = new RowSet(new MemoryRowStore().source);
  const grouper = new QuoteGrouper({}, rows);
  const mk = (article: string, i: number, text: string): Quote =>
    ({ id: `${article}:${i}`, article, text, span: [i * 100, i * 100 + text.length], speaker: 'Kalle Laanet', speakerSpan: null, cue: 'said', indirect: false });
  const said = 'These proposals are completely unacceptable to Estonia';
  const first = { id: 'a', name: 'a.txt', published: '2022-01-10' };
  const second = { id: 'b', name: 'b.txt', published: '2022-01-11' };
  const g1 = await grouper.add(mk('a', 0, said), first);
  grouper.added();
  // Article b quotes it twice: the second quote cannot join the group its first one joined.
  const b0 = await grouper.add(mk('b', 0, said), second);
  const b1 = await grouper.add(mk('b', 1, said), second);
  assert.equal(b0, g1);
  assert.notEqual(b1, g1);
});

test("a group's speaker is its most named, a surname counting for the full name it ends (in any case), not for one it merely ends inside", async () => {
  const grouper = new QuoteGrouper();
  const said = [
    { text: 'These proposals are completely unacceptable to us and to our allies', speakers: ['Kalle Laanet', 'LAANET', 'LAANET'] },
    { text: 'The harbour reopens on Monday after the storm damage is repaired', speakers: ['Anet', 'Anet', 'Kalle Laanet'] },
  ];
  let n = 0;
  for (const { text, speakers } of said) {
    for (const speaker of speakers) {
      const article = `a${n++}`;
      const quote: Quote = { id: `${article}:0`, article, text, span: [0, text.length], speaker, speakerSpan: null, cue: 'said', indirect: false };
      await grouper.add(quote, { id: article, name: `${article}.txt`, published: `2022-01-${10 + n}` });
    }
  }
  const groups = grouper.groups();
  assert.equal(groups.length, 2);
  // "LAANET" twice counts for "Kalle Laanet" (3 against 2); "Anet" does not ("laanet" ends in "anet" inside a word).
  assert.deepEqual(groups.map((g) => g.speaker), ['Kalle Laanet', 'Anet']);
});
