/**
 * Word-level diff of two token runs: LCS over exact word forms, then runs of deletes and
 * inserts paired into swaps. A swap is widened to a WordNet compound it cuts through
 * ("war" -> "conflict video" before "games" becomes "war games" -> "conflict video games")
 * and marked `synonym` when WordNet says so or when it sits in an unchanged
 * function-word skeleton (what thesaurus spinners leave behind).
 */
import type { WordDiffOp } from '../core/types.js';
import type { Tokens } from './analyze.js';
import { analyzeText } from './analyze.js';
import { areSynonyms, baseForms } from '../text/synonyms.js';

/** A diff step as token ranges [a0, a1) and [b0, b1) into the two token arrays. */
export interface TokenOp {
  op: WordDiffOp['op'];
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  synonym?: boolean;
  /** Insert or delete of words the other side has elsewhere in the pair (moved, not added or dropped). */
  moved?: boolean;
}

const MAX_CELLS = 4_000_000;

/** LCS diff of token ranges, as same/insert/delete steps merged into runs. */
function lcsOps(ta: Tokens, a0: number, a1: number, tb: Tokens, b0: number, b1: number): TokenOp[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 && m === 0) return [];
  if ((n + 1) * (m + 1) > MAX_CELLS) return [{ op: 'swap', a0, a1, b0, b1 }];
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const x = ta.ids[a0 + i]!;
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = x === tb.ids[b0 + j]! ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const ops: TokenOp[] = [];
  const push = (op: TokenOp['op'], i: number, j: number, di: number, dj: number) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) {
      last.a1 += di;
      last.b1 += dj;
    } else ops.push({ op, a0: a0 + i, a1: a0 + i + di, b0: b0 + j, b1: b0 + j + dj });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ta.ids[a0 + i] === tb.ids[b0 + j]) {
      push('same', i, j, 1, 1);
      i++;
      j++;
    } else if (j < m && (i === n || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) {
      push('insert', i, j, 0, 1);
      j++;
    } else {
      push('delete', i, j, 1, 0);
      i++;
    }
  }
  return ops;
}

/** Pair adjacent delete/insert runs into swaps. */
function pairSwaps(ops: TokenOp[]): TokenOp[] {
  const out: TokenOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && op.op !== 'same' && last.op !== 'same' && last.op !== op.op) {
      last.op = 'swap';
      last.a1 = Math.max(last.a1, op.a1);
      last.b1 = Math.max(last.b1, op.b1);
      last.a0 = Math.min(last.a0, op.a0);
      last.b0 = Math.min(last.b0, op.b0);
    } else if (last && last.op === 'swap' && op.op !== 'same') {
      last.a1 = Math.max(last.a1, op.a1);
      last.b1 = Math.max(last.b1, op.b1);
    } else out.push({ ...op });
  }
  return out;
}

const LEMMA_CACHE = new Map<string, boolean>();
const SYNONYM_CACHE = new Map<string, boolean>();
const CACHE_LIMIT = 100_000;

function cached(cache: Map<string, boolean>, key: string, compute: () => boolean): boolean {
  let v = cache.get(key);
  if (v === undefined) {
    v = compute();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** True when the words form a WordNet lemma ("war games", "think tank"). */
export function isLemma(words: string[]): boolean {
  if (words.length < 2) return false;
  const phrase = words.join(' ');
  return cached(LEMMA_CACHE, phrase, () => baseForms(phrase, 'n').length > 0 || baseForms(phrase, 'v').length > 0 || baseForms(phrase, 'a').length > 0);
}

/** `areSynonyms`, memoised. */
export function synonymous(x: string, y: string): boolean {
  return cached(SYNONYM_CACHE, `${x}|${y}`, () => areSynonyms(x, y));
}

/** Widen swaps over a neighbouring unchanged word when either side forms a compound with it. */
function widenOverCompounds(ops: TokenOp[], ta: Tokens, tb: Tokens): TokenOp[] {
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.op !== 'swap' || op.a1 === op.a0 || op.b1 === op.b0) continue;
    const next = ops[k + 1];
    if (next && next.op === 'same' && ta.content[next.a0]) {
      const word = ta.forms[next.a0]!;
      if (isLemma([ta.forms[op.a1 - 1]!, word]) || isLemma([tb.forms[op.b1 - 1]!, word])) {
        op.a1++;
        op.b1++;
        next.a0++;
        next.b0++;
      }
    }
    const prev = ops[k - 1];
    if (prev && prev.op === 'same' && prev.a1 > prev.a0 && ta.content[prev.a1 - 1]) {
      const word = ta.forms[prev.a1 - 1]!;
      if (isLemma([word, ta.forms[op.a0]!]) || isLemma([word, tb.forms[op.b0]!])) {
        op.a0--;
        op.b0--;
        prev.a1--;
        prev.b1--;
      }
    }
  }
  return ops.filter((op) => op.a1 > op.a0 || op.b1 > op.b0);
}

function skeleton(t: Tokens, from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) if (!t.content[i]) out.push(t.forms[i]!);
  return out.join(' ');
}

function contentWords(t: Tokens, from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) if (t.content[i]) out.push(t.forms[i]!);
  return out.join(' ');
}

/** Content words only, none of them a number (a changed figure is never a synonym swap). */
function contentOnly(t: Tokens, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!t.content[i] || t.numeric[i] || /\d/.test(t.forms[i]!)) return false;
  return true;
}

function hasNumber(t: Tokens, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (/\d/.test(t.forms[i]!)) return true;
  return false;
}

/** Forms deleted on one side and inserted on the other, as a multiset (each can pair once). */
function movedForms(ops: TokenOp[], ta: Tokens, tb: Tokens): Map<string, number> {
  const deleted = new Map<string, number>();
  for (const op of ops) if (op.op === 'delete') for (let i = op.a0; i < op.a1; i++) deleted.set(ta.forms[i]!, (deleted.get(ta.forms[i]!) ?? 0) + 1);
  const both = new Map<string, number>();
  for (const op of ops) {
    if (op.op !== 'insert') continue;
    for (let j = op.b0; j < op.b1; j++) {
      const f = tb.forms[j]!;
      const left = deleted.get(f) ?? 0;
      if (left === 0) continue;
      deleted.set(f, left - 1);
      both.set(f, (both.get(f) ?? 0) + 1);
    }
  }
  return both;
}

/**
 * Splits inserts and deletes so that words the other side also inserts or deletes elsewhere
 * ('"...," he said.' against 'He said "..."') form runs marked `moved`: the words are in both
 * texts, only their place changed.
 */
function markMoved(ops: TokenOp[], ta: Tokens, tb: Tokens): TokenOp[] {
  const moved = movedForms(ops, ta, tb);
  if (moved.size === 0) return ops;
  const left = { delete: new Map(moved), insert: new Map(moved) };
  const out: TokenOp[] = [];
  for (const op of ops) {
    if (op.op !== 'delete' && op.op !== 'insert') {
      out.push(op);
      continue;
    }
    const side = op.op === 'delete' ? ta : tb;
    const [from, to] = op.op === 'delete' ? [op.a0, op.a1] : [op.b0, op.b1];
    const pool = left[op.op];
    let run: TokenOp | null = null;
    for (let i = from; i < to; i++) {
      const n = pool.get(side.forms[i]!) ?? 0;
      if (n > 0) pool.set(side.forms[i]!, n - 1);
      const isMoved = n > 0;
      if (!run || (run.moved === true) !== isMoved) {
        run = op.op === 'delete' ? { op: 'delete', a0: i, a1: i, b0: op.b0, b1: op.b1 } : { op: 'insert', a0: op.a0, a1: op.a1, b0: i, b1: i };
        if (isMoved) run.moved = true;
        out.push(run);
      }
      if (op.op === 'delete') run.a1 = i + 1;
      else run.b1 = i + 1;
    }
  }
  return out;
}

/** Diff of token ranges [a0,a1) and [b0,b1), with swaps marked as synonyms and moved words as moved. */
export function diffTokens(ta: Tokens, a0: number, a1: number, tb: Tokens, b0: number, b1: number): TokenOp[] {
  const ops = markMoved(widenOverCompounds(pairSwaps(lcsOps(ta, a0, a1, tb, b0, b1)), ta, tb), ta, tb);
  const sameSkeleton = skeleton(ta, a0, a1) === skeleton(tb, b0, b1);
  for (const op of ops) {
    if (op.op !== 'swap') continue;
    const small = op.a1 - op.a0 <= 3 && op.b1 - op.b0 <= 3;
    const x = ta.forms.slice(op.a0, op.a1).join(' ');
    const y = tb.forms.slice(op.b0, op.b1).join(' ');
    const cx = contentWords(ta, op.a0, op.a1);
    const cy = contentWords(tb, op.b0, op.b1);
    if (hasNumber(ta, op.a0, op.a1) || hasNumber(tb, op.b0, op.b1)) {
      op.synonym = false;
      continue;
    }
    op.synonym =
      (small && synonymous(x, y)) ||
      (small && cx !== '' && cy !== '' && (cx !== x || cy !== y) && synonymous(cx, cy)) ||
      (small && sameSkeleton && contentOnly(ta, op.a0, op.a1) && contentOnly(tb, op.b0, op.b1));
  }
  return ops;
}

function surface(text: string, t: Tokens, from: number, to: number): string {
  return from < to ? text.slice(t.begins[from]!, t.ends[to - 1]!) : '';
}

/** Token ops as user-facing diff steps, with the words as written. */
export function toWordOps(ops: TokenOp[], textA: string, ta: Tokens, textB: string, tb: Tokens): WordDiffOp[] {
  return ops.map((op) => {
    const out: WordDiffOp = { op: op.op };
    if (op.op !== 'insert') out.a = surface(textA, ta, op.a0, op.a1);
    if (op.op !== 'delete') out.b = surface(textB, tb, op.b0, op.b1);
    if (op.op === 'swap') out.synonym = op.synonym === true;
    if (op.moved) out.moved = true;
    return out;
  });
}

/** Word-level diff of two texts: same / swap / insert / delete steps. */
export function wordDiff(a: string, b: string): WordDiffOp[] {
  const x = analyzeText(a, [[0, a.length]]);
  const y = analyzeText(b, [[0, b.length]]);
  const ops = diffTokens(x.tokens, 0, x.tokens.forms.length, y.tokens, 0, y.tokens.forms.length);
  return toWordOps(ops, a, x.tokens, b, y.tokens);
}
