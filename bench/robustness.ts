/**
 * Candidate recall under rewrites of real BBC articles (excerpt, shuffle, synonym
 * spin, dropped sentences) and the high-scoring pairs among distinct articles.
 * If dist/src/align/relate.js exists, also end-to-end relate() recall.
 * Run: npx tsc -p tsconfig.json && node dist/bench/robustness.js [--n 300]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBbc } from './corpora.js';
import { fingerprint } from '../src/fingerprint/fingerprint.js';
import { ReuseIndex } from '../src/fingerprint/index.js';
import { paragraphs, sentences } from '../src/text/segment.js';
import { prng, spin } from './rewrites.js';

function sentenceTexts(text: string): string[] {
  return sentences(text).map(([b, e]) => text.slice(b, e));
}

const TRANSFORMS: Record<string, (text: string, rnd: () => number) => string> = {
  excerpt30: (text, rnd) => {
    const s = sentenceTexts(text);
    const k = Math.max(1, Math.round(s.length * 0.3));
    const start = Math.floor(rnd() * (s.length - k + 1));
    return s.slice(start, start + k).join('\n\n');
  },
  shuffled: (text, rnd) => {
    const p = paragraphs(text).map(([b, e]) => text.slice(b, e));
    for (let i = p.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p.join('\n\n');
  },
  synonyms30: (text, rnd) => spin(text, 0.3, rnd),
  synonyms50: (text, rnd) => spin(text, 0.5, rnd),
  dropped20: (text, rnd) =>
    paragraphs(text)
      .map(([b, e]) => sentenceTexts(text.slice(b, e)).filter(() => rnd() >= 0.2).join(' '))
      .filter((p) => p.length > 0)
      .join('\n\n'),
};

type RelateFn = (a: unknown, b: unknown) => { kind: string } | null;

async function loadRelate(): Promise<RelateFn | null> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = path.join(here, '..', 'src', 'align', 'relate.js');
  if (!fs.existsSync(file)) return null;
  const mod = (await import(file)) as { relate?: RelateFn };
  return mod.relate ?? null;
}

function article(id: string, text: string) {
  return {
    id, name: id, format: 'text', title: null, source: null, url: null, byline: null, dateline: null, published: null,
    wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text), captions: [], contributors: [],
    words: text.split(/\s+/).length, sourceMap: [[0, 0]],
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--n');
  const n = at >= 0 ? Number(args[at + 1]) : 300;
  const bbc = loadBbc();
  const rnd = prng(42);
  const picked = bbc.filter((_, i) => i % Math.max(1, Math.floor(bbc.length / n)) === 0).slice(0, n);
  const index = new ReuseIndex();
  for (const a of bbc) index.add(fingerprint(a.name, a.text, paragraphs(a.text)));
  const relate = await loadRelate();
  const recall: Record<string, { n: number; found: number; top1: number; relate?: number; kinds?: Record<string, number> }> = {};
  const texts = new Map(bbc.map((a) => [a.name, a.text]));
  for (const [kind, transform] of Object.entries(TRANSFORMS)) {
    const r = { n: 0, found: 0, top1: 0, relate: relate ? 0 : undefined, kinds: {} } as { n: number; found: number; top1: number; relate?: number; kinds: Record<string, number> };
    for (const a of picked) {
      const text = transform(a.text, rnd);
      const fp = fingerprint(`${a.name}#${kind}`, text, paragraphs(text));
      const got = index.query(fp);
      r.n++;
      if (got.some((c) => c.id === a.name)) r.found++;
      if (got[0]?.id === a.name) r.top1++;
      const found = relate?.(article(a.name, a.text), article(fp.id, text));
      if (found) {
        r.relate!++;
        r.kinds[found.kind] = (r.kinds[found.kind] ?? 0) + 1;
      }
    }
    recall[kind] = r;
  }
  // High-scoring pairs among distinct BBC articles.
  const high: Array<{ a: string; b: string; score: number; jaccard: number; paragraphs: number; related?: boolean }> = [];
  for (const a of bbc) {
    for (const c of index.query(index.get(a.name)!)) {
      if (c.id <= a.name || c.score < 0.3) continue;
      const pair = { a: a.name, b: c.id, score: +c.score.toFixed(3), jaccard: c.jaccard, paragraphs: c.paragraphs } as (typeof high)[number];
      if (relate) pair.related = relate(article(a.name, texts.get(a.name)!), article(c.id, texts.get(c.id)!)) !== null;
      high.push(pair);
    }
  }
  high.sort((x, y) => y.score - x.score);
  const summary = Object.fromEntries(Object.entries(recall).map(([k, v]) => [k, +(v.found / v.n).toFixed(3)]));
  const near = high.filter((h) => h.jaccard >= 0.9);
  const rest = high.filter((h) => h.jaccard < 0.9);
  const related = relate ? high.filter((h) => h.related).length : null;
  console.log(JSON.stringify({ articles: picked.length, recall, highPairs: high.length, nearDuplicates: near.length, relatedByRelate: related, nearDuplicateSample: near.slice(0, 20), otherHighPairs: rest }, null, 2));
  console.log(`robustness: candidate recall ${JSON.stringify(summary)}; ${high.length} distinct BBC pairs score >= 0.3; relate() ${relate ? 'measured' : 'not built'}`);
}

await main();
