/**
 * Sentence similarity over content-word ids: exact stems count fully, WordNet synonyms
 * (same canonical form) count `SYNONYM_CREDIT`; the score mixes Dice with containment so
 * a sentence with a dropped clause still matches its fuller form.
 */
import type { Sentence } from './analyze.js';
import { analyzeText } from './analyze.js';
import { appendAll } from '../core/arrays.js';

/** What a synonym match is worth against an exact one. */
const SYNONYM_CREDIT = 0.8;
/** Below this many content words containment is discounted (short sentences match anything). */
const SHORT = 6;

export interface Bag {
  keys: Int32Array;
  canons: Int32Array;
  numbers: string[];
}

/** Size of the intersection of two sorted Int32Arrays. */
export function intersectCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Sorted union of two sorted unique Int32Arrays. */
export function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out[n++] = a[i++]!;
    else if (i >= a.length || b[j]! < a[i]!) out[n++] = b[j++]!;
    else {
      out[n++] = a[i++]!;
      j++;
    }
  }
  return out.slice(0, n);
}

/** Bag of a run of sentences (for 1:2 and 2:1 merges). */
export function bagOf(sentences: Sentence[]): Bag {
  if (sentences.length === 1) return sentences[0]!;
  let keys: Int32Array = new Int32Array(0);
  let canons: Int32Array = new Int32Array(0);
  const numbers: string[] = [];
  for (const s of sentences) {
    keys = union(keys, s.keys);
    canons = union(canons, s.canons);
    appendAll(numbers, s.numbers);
  }
  return { keys, canons, numbers };
}

/** Matched content weight between two bags: exact stems, plus synonym credit. */
export function matched(a: Bag, b: Bag): number {
  const exact = intersectCount(a.keys, b.keys);
  const syn = intersectCount(a.canons, b.canons);
  return exact + SYNONYM_CREDIT * Math.max(0, syn - exact);
}

function numberPenalty(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 1;
  const sb = new Set(b);
  let shared = 0;
  for (const x of a) if (sb.has(x)) shared++;
  return shared === 0 ? 0.75 : 1;
}

/** Similarity of two bags, 0..1. */
export function bagSimilarity(a: Bag, b: Bag): number {
  const na = a.keys.length;
  const nb = b.keys.length;
  if (na === 0 || nb === 0) return 0;
  const m = Math.min(matched(a, b), na, nb);
  const dice = (2 * m) / (na + nb);
  const small = Math.min(na, nb);
  const containment = (m / small) * Math.min(1, small / SHORT);
  return (0.5 * dice + 0.5 * Math.max(dice, containment)) * numberPenalty(a.numbers, b.numbers);
}

/** Similarity of two sentences (or short texts), 0..1: survives synonyms, dropped clauses and reordering. */
export function sentenceSimilarity(a: string, b: string): number {
  const x = analyzeText(a, [[0, a.length]]);
  const y = analyzeText(b, [[0, b.length]]);
  return bagSimilarity(bagOf(x.sentences), bagOf(y.sentences));
}
