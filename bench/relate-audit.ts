/**
 * Audit of relate() across distinct BBC articles: index every article, query each, run
 * relate() on every candidate pair, and list each relation with its kind, score and the
 * longest shared passage. An independent measure, the longest run of identical words the
 * two texts share (`run`), helps tell real reuse from same-topic coverage.
 * Run: npx tsc -p tsconfig.json && node dist/bench/relate-audit.js [--min-score 0.08] [--json FILE] [--show N]
 */
import * as fs from 'node:fs';
import type { Article, Relation } from '../src/core/types.js';
import { loadBbc } from './corpora.js';
import { fingerprint } from '../src/fingerprint/fingerprint.js';
import { ReuseIndex } from '../src/fingerprint/index.js';
import { paragraphs } from '../src/text/segment.js';
import { relate } from '../src/align/relate.js';

export interface AuditRow {
  a: string;
  b: string;
  kind: string;
  score: number;
  candidate: number;
  jaccard: number;
  /** Longest run of identical words shared by the two texts, and its text. */
  run: number;
  runText: string;
  /** Words in the shorter article. */
  shorter: number;
  passage: string;
}

function article(id: string, text: string): Article {
  return {
    id, name: id, format: 'text', title: null, source: null, url: null, byline: null, dateline: null, published: null,
    wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text), captions: [], contributors: [],
    words: text.split(/\s+/).length, sourceMap: [],
  };
}

const VOCAB = new Map<string, number>();

interface Words {
  ids: Int32Array;
  begins: Int32Array;
  ends: Int32Array;
}

function words(text: string): Words {
  const begins: number[] = [];
  const ends: number[] = [];
  const ids: number[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0].toLowerCase();
    let id = VOCAB.get(w);
    if (id === undefined) VOCAB.set(w, (id = VOCAB.size));
    ids.push(id);
    begins.push(m.index!);
    ends.push(m.index! + m[0].length);
  }
  return { ids: Int32Array.from(ids), begins: Int32Array.from(begins), ends: Int32Array.from(ends) };
}

/** Longest common run of words (longest common substring over word ids): length and where it ends in `a`. */
export function longestCommonRun(a: Int32Array, b: Int32Array): { length: number; end: number } {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  let best = 0;
  let end = 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const v = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : 0;
      cur[j] = v;
      if (v > best) {
        best = v;
        end = i;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return { length: best, end };
}

/** Text of the longest passage (by characters on side a), both sides when they differ. */
function longestPassage(r: Relation, a: Article, b: Article, width: number): string {
  let best = r.passages[0];
  for (const p of r.passages) if (best && p.a[1] - p.a[0] > best.a[1] - best.a[0]) best = p;
  if (!best) return '';
  const clip = (s: string) => (s.length > width ? `${s.slice(0, width)}…` : s).replace(/\s+/g, ' ');
  const ta = a.text.slice(best.a[0], best.a[1]);
  const tb = b.text.slice(best.b[0], best.b[1]);
  return ta === tb ? `[${best.edit}] ${clip(ta)}` : `[${best.edit}] A: ${clip(ta)} || B: ${clip(tb)}`;
}

function runBuckets(rows: AuditRow[]): Record<string, number> {
  const out: Record<string, number> = { '<12': 0, '12-24': 0, '25-49': 0, '>=50': 0 };
  for (const r of rows) out[r.run < 12 ? '<12' : r.run < 25 ? '12-24' : r.run < 50 ? '25-49' : '>=50']!++;
  return out;
}

function arg(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const minScore = Number(arg(args, '--min-score') ?? 0.08);
  const show = Number(arg(args, '--show') ?? 1e9);
  const width = Number(arg(args, '--width') ?? 240);
  const bbc = loadBbc();
  const articles = new Map(bbc.map((x) => [x.name, article(x.name, x.text)]));
  const ids = new Map(bbc.map((x) => [x.name, words(x.text)]));
  const index = new ReuseIndex();
  for (const x of bbc) index.add(fingerprint(x.name, x.text, paragraphs(x.text)));
  const t0 = performance.now();
  let candidates = 0;
  const rows: AuditRow[] = [];
  const nulls: AuditRow[] = [];
  for (const x of bbc) {
    for (const c of index.query(index.get(x.name)!, { minScore })) {
      if (c.id <= x.name) continue;
      candidates++;
      const a = articles.get(x.name)!;
      const b = articles.get(c.id)!;
      const r = relate(a, b);
      const wa = ids.get(x.name)!;
      const run = longestCommonRun(wa.ids, ids.get(c.id)!.ids);
      const runText = run.length === 0 ? '' : a.text.slice(wa.begins[run.end - run.length]!, wa.ends[run.end - 1]!);
      const row: AuditRow = {
        a: x.name, b: c.id, kind: r?.kind ?? 'none', score: r?.score ?? 0, candidate: +c.score.toFixed(3), jaccard: +c.jaccard.toFixed(3),
        run: run.length, runText: runText.length > width ? `${runText.slice(0, width)}…` : runText, shorter: Math.min(a.words, b.words),
        passage: r ? longestPassage(r, a, b, width) : '',
      };
      (r ? rows : nulls).push(row);
    }
  }
  const ms = performance.now() - t0;
  const kinds = ['duplicate', 'excerpt', 'update', 'template', 'paraphrase', 'spin', 'shared-passage'];
  const counts = Object.fromEntries(kinds.map((k) => [k, rows.filter((r) => r.kind === k).length]));
  for (const kind of kinds) {
    const list = rows.filter((r) => r.kind === kind).sort((p, q) => q.score - p.score || p.run - q.run);
    if (list.length === 0) continue;
    console.log(`\n== ${kind} (${list.length}) ==`);
    for (const r of list.slice(0, show)) {
      console.log(`${r.a} ~ ${r.b}  score ${r.score}  cand ${r.candidate}  J ${r.jaccard}  run ${r.run}/${r.shorter}w`);
      console.log(`    run: ${r.runText.replace(/\s+/g, ' ')}`);
      console.log(`    passage: ${r.passage}`);
    }
  }
  // Candidate pairs with a long shared run that relate() left out: possible misses.
  const missed = nulls.filter((r) => r.run >= 20).sort((p, q) => q.run - p.run);
  console.log(`\n== no relation, but a shared run of >= 20 words (${missed.length}) ==`);
  for (const r of missed.slice(0, show)) {
    console.log(`${r.a} ~ ${r.b}  cand ${r.candidate}  J ${r.jaccard}  run ${r.run}/${r.shorter}w`);
    console.log(`    run: ${r.runText.replace(/\s+/g, ' ')}`);
  }
  const high = rows.concat(nulls).filter((r) => r.candidate >= 0.3);
  const other = high.filter((r) => r.jaccard < 0.9);
  const summary = {
    articles: bbc.length, candidatePairs: candidates, relations: rows.length, byKind: counts,
    // Relations by the longest run of identical words the two texts share (independent of relate()).
    byVerbatimRun: Object.fromEntries(kinds.map((k) => [k, runBuckets(rows.filter((r) => r.kind === k))])),
    candidatesScoring03: high.length, relatedScoring03: high.filter((r) => r.kind !== 'none').length,
    nearDuplicates03: high.length - other.length, otherScoring03: other.length, otherRelated03: other.filter((r) => r.kind !== 'none').length,
    relateMs: Math.round(ms),
  };
  console.log(`\nrelate-audit: ${JSON.stringify(summary)}`);
  const out = arg(args, '--json');
  if (out) fs.writeFileSync(out, JSON.stringify({ summary, relations: rows, missed }, null, 1));
}

main();
