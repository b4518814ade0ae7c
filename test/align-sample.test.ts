import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, Relation } from '../src/core/types.js';
import { paragraphs } from '../src/text/segment.js';
import { relate } from '../src/align/relate.js';
import { compare } from '../src/align/compare.js';
import { renderDiff } from '../src/align/render.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sample');

/** A minimal Article from a sample file: the ` date YYYY-MM-DD` marker gives `published`. */
function load(name: string): Article {
  let text = fs.readFileSync(path.join(SAMPLE, name), 'utf8');
  let published: string | null = null;
  const m = /^\s*date (\d{4}-\d{2}-\d{2})\s*/.exec(text);
  if (m) {
    published = m[1]!;
    text = text.slice(m[0].length);
  }
  return {
    id: name.slice(0, 3), name: name.slice(0, 3), format: 'text', title: null, source: null, url: null, byline: null,
    dateline: null, published, wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text),
    captions: [], contributors: [], words: text.split(/\s+/).length, sourceMap: [],
  };
}

const files = fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.txt')).sort();
const articles = files.map(load);
const byId = new Map(articles.map((a) => [a.id, a]));
const relations = new Map<string, Relation | null>();
for (let i = 0; i < articles.length; i++) {
  for (let j = i + 1; j < articles.length; j++) relations.set(`${articles[i]!.id}-${articles[j]!.id}`, relate(articles[i]!, articles[j]!));
}

test('the ten sample pairs give exactly the five gold relations', () => {
  const found = Object.fromEntries([...relations].map(([k, r]) => [k, r?.kind ?? null]));
  assert.deepEqual(found, {
    '000-001': 'paraphrase',
    '000-002': 'spin',
    // Two different rewrites of one wire story: mostly paraphrased against each other.
    '001-002': 'paraphrase',
    '000-003': 'shared-passage',
    '000-004': null,
    '001-003': null,
    '001-004': null,
    '002-003': null,
    '002-004': null,
    '003-004': 'shared-passage',
  });
});

test('000 is named the source of 001 and 002, with evidence', () => {
  for (const key of ['000-001', '000-002']) {
    const r = relations.get(key)!;
    assert.equal(r.source, '000', key);
    assert.ok(r.evidence.some((e) => /artefacts/.test(e)), `${key}: ${r.evidence.join(' | ')}`);
  }
  const spin = relations.get('000-002')!.evidence.join('\n');
  assert.match(spin, /"conflict video games" for "war games"/);
  assert.match(spin, /"Related Press" for "Associated Press"/);
  const mt = relations.get('000-001')!.evidence.join('\n');
  assert.match(mt, /that we are serious, that we are serious/);
  // Two rewrites of the same story: neither is the original.
  assert.equal(relations.get('001-002')!.source, null);
});

test('the spin pair holds "war games" swapped for "conflict video games" inside a synonym-swapped passage', () => {
  const r = relations.get('000-002')!;
  const passage = r.passages.find((p) => p.diff.some((d) => d.op === 'swap' && d.a === 'war games' && d.b === 'conflict video games'));
  assert.ok(passage, 'no passage with the swap');
  assert.equal(passage.edit, 'synonym-swapped');
  const swap = passage.diff.find((d) => d.a === 'war games')!;
  assert.equal(swap.synonym, true);
  const a = byId.get('000')!;
  const b = byId.get('002')!;
  assert.match(a.text.slice(passage.a[0], passage.a[1]), /war games would be welcome/);
  assert.match(b.text.slice(passage.b[0], passage.b[1]), /conflict video games could be welcome/);
});

test('scores rank the rewrites above background reuse', () => {
  const s = (k: string) => relations.get(k)!.score;
  for (const k of ['000-001', '000-002', '001-002', '000-003', '003-004']) assert.ok(s(k) > 0 && s(k) <= 1, k);
  assert.ok(s('000-001') > s('000-003'));
  assert.ok(s('000-002') > s('003-004'));
});

test('compare: same story high, background reuse low-moderate, unrelated near zero', () => {
  const [a0, a1, , a3] = articles;
  const unrelated = { ...a0!, id: 'bbc', name: 'bbc', text: 'Ad sales boost Time Warner profit.\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December, from $639m year-earlier. The firm, which is now one of the biggest investors in Google, benefited from sales of high-speed internet connections and higher advert sales.' };
  unrelated.paragraphs = paragraphs(unrelated.text);
  const same = compare(a0!, a1!);
  const background = compare(a0!, a3!);
  const none = compare(a0!, unrelated);
  assert.equal(same.kind, 'paraphrase');
  assert.ok(same.similarity > 0.5, String(same.similarity));
  assert.ok(background.similarity > 0.05 && background.similarity < same.similarity, String(background.similarity));
  assert.ok(none.similarity < 0.05, String(none.similarity));
  assert.equal(none.kind, null);
});

test('renderDiff shows passages side by side with inline swaps, and colours when asked', () => {
  const r = relations.get('000-002')!;
  const plain = renderDiff(r, byId.get('000')!, byId.get('002')!, { color: false, width: 100 });
  assert.match(plain, /\[war games → conflict video games\]/);
  assert.match(plain, /│/);
  assert.doesNotMatch(plain, /\x1b\[/);
  assert.ok(plain.split('\n').every((line) => line.length <= 100 || line.startsWith('  ')));
  const coloured = renderDiff(r, byId.get('000')!, byId.get('002')!, { color: true, width: 100 });
  assert.match(coloured, /\x1b\[33m/);
  assert.match(coloured, /synonym-swapped/);
});
