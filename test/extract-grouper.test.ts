import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../src/extract/quotes.js';
import { QuoteGrouper, groupQuotes, type ArticleInfo } from '../src/extract/quote-groups.js';
import { MemoryRowStore, RowSet } from '../src/core/rows.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote } from '../src/core/types.js';

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
  let rows = new RowSet(stored.source);
  let grouper = new QuoteGrouper({}, rows);
  const half = Math.floor(ordered.length / 2);
  const byId = new Map<string, unknown>();
  for (const q of ordered.slice(0, half)) await grouper.add(q, articles.get(q.article)!);
  for (const g of grouper.changed()) byId.set(g.id, g);
  stored.write(rows.drain());
  rows = new RowSet(stored.source);
  grouper = new QuoteGrouper({}, rows);
  for (const q of ordered.slice(half)) await grouper.add(q, articles.get(q.article)!);
  for (const g of grouper.changed()) byId.set(g.id, g);
  assert.deepEqual([...byId.values()].sort((a, b) => batch.findIndex((g) => g.id === (a as { id: string }).id) - batch.findIndex((g) => g.id === (b as { id: string }).id)), batch);
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
