/**
 * From aligned sentence pairs to passages: each pair gets its word diff and edit, pairs out
 * of order with their neighbours become `reordered`, and runs of consecutive pairs with the
 * same edit merge into one passage.
 */
import type { Passage, Span, EditKind } from '../core/types.js';
import type { Analysis } from './analyze.js';
import type { AlignedPair } from './align.js';
import { diffTokens, toWordOps, type TokenOp } from './worddiff.js';
import { classifyEdit, type EditStats } from './edits.js';

export interface PairRecord extends AlignedPair {
  spanA: Span;
  spanB: Span;
  /** Token ranges of the pair. */
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  ops: TokenOp[];
  stats: EditStats;
  /** The edit shown to users: `stats.edit`, or `reordered` when the pair is out of order. */
  edit: EditKind;
}

/** Diff and classify each aligned pair. */
export function describePairs(pairs: AlignedPair[], a: Analysis, b: Analysis): PairRecord[] {
  return pairs.map((p) => {
    const fa = a.sentences[p.a[0]!]!;
    const la = a.sentences[p.a[p.a.length - 1]!]!;
    const fb = b.sentences[p.b[0]!]!;
    const lb = b.sentences[p.b[p.b.length - 1]!]!;
    const range = { a0: fa.first, a1: la.last, b0: fb.first, b1: lb.last };
    const ops = diffTokens(a.tokens, range.a0, range.a1, b.tokens, range.b0, range.b1);
    const stats = classifyEdit(ops, a.tokens, range, b.tokens);
    return {
      ...p,
      ...range,
      spanA: [fa.span[0], la.span[1]] as Span,
      spanB: [fb.span[0], lb.span[1]] as Span,
      ops,
      stats,
      edit: stats.edit,
    };
  });
}

/**
 * Mark pairs outside the heaviest order-preserving chain as `reordered`
 * (maximum-weight increasing subsequence of b positions, pairs sorted by a).
 */
export function markReordered(pairs: PairRecord[]): void {
  const n = pairs.length;
  if (n < 2) return;
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const w = pairs[i]!.a1 - pairs[i]!.a0 + (pairs[i]!.b1 - pairs[i]!.b0);
    best[i] = w;
    for (let j = 0; j < i; j++) {
      if (pairs[j]!.b[0]! < pairs[i]!.b[0]! && best[j]! + w > best[i]!) {
        best[i] = best[j]! + w;
        prev[i] = j;
      }
    }
  }
  let end = 0;
  for (let i = 1; i < n; i++) if (best[i]! > best[end]!) end = i;
  const inChain = new Uint8Array(n);
  for (let i = end; i >= 0; i = prev[i]!) inChain[i] = 1;
  for (let i = 0; i < n; i++) if (!inChain[i]) pairs[i]!.edit = 'reordered';
}

function follows(prev: PairRecord, next: PairRecord): boolean {
  return next.a[0] === prev.a[prev.a.length - 1]! + 1 && next.b[0] === prev.b[prev.b.length - 1]! + 1;
}

/** Runs of consecutive pairs with the same edit, as passages. */
export function toPassages(pairs: PairRecord[], a: Analysis, b: Analysis): Passage[] {
  const out: Passage[] = [];
  let run: PairRecord[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    let weight = 0;
    let score = 0;
    for (const p of run) {
      const w = p.a1 - p.a0 + (p.b1 - p.b0);
      weight += w;
      score += w * p.similarity;
    }
    out.push({
      a: [first.spanA[0], last.spanA[1]],
      b: [first.spanB[0], last.spanB[1]],
      edit: first.edit,
      score: Math.round((score / Math.max(1, weight)) * 1000) / 1000,
      diff: run.flatMap((p) => toWordOps(p.ops, a.text, a.tokens, b.text, b.tokens)),
    });
    run = [];
  };
  for (const p of pairs) {
    const last = run[run.length - 1];
    if (last && !(follows(last, p) && last.edit === p.edit)) flush();
    run.push(p);
  }
  flush();
  return out;
}
