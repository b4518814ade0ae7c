/**
 * Sentence alignment between two articles, in any order: an inverted index over content
 * ids proposes candidate pairs (typed arrays, no all-pairs scoring), each candidate is
 * scored, adjacent sentences are tried as 1:2 and 2:1 merges, and a greedy maximum-weight
 * matching keeps each sentence in at most one pair.
 */
import type { Analysis, Sentence } from './analyze.js';
import { bagOf, bagSimilarity, type Bag } from './similarity.js';

export interface AlignOptions {
  /**
   * Least similarity for two sentences to be aligned.
   * @default 0.4
   */
  minSimilarity?: number;
  /**
   * How much a 1:2 or 2:1 merge must beat its best single pair to be preferred.
   * @default 0.06
   */
  mergeGain?: number;
}

/** One aligned unit: one or two consecutive sentences on each side. */
export interface AlignedPair {
  /** Sentence indices on side a (consecutive, 1 or 2). */
  a: number[];
  b: number[];
  similarity: number;
}

interface Candidate {
  a: number[];
  b: number[];
  sim: number;
}

/** Shared-content-id counts between every sentence of `a` and every sentence of `b` (only non-zero ones). */
function sharedCounts(a: Analysis, b: Analysis): Map<number, Int32Array> {
  const postings = new Map<number, number[]>();
  b.sentences.forEach((s, j) => {
    for (const id of s.canons) {
      const list = postings.get(id);
      if (list) list.push(j);
      else postings.set(id, [j]);
    }
  });
  const out = new Map<number, Int32Array>();
  a.sentences.forEach((s, i) => {
    let counts: Int32Array | null = null;
    for (const id of s.canons) {
      const list = postings.get(id);
      if (!list) continue;
      counts ??= new Int32Array(b.sentences.length);
      for (const j of list) counts[j]!++;
    }
    if (counts) out.set(i, counts);
  });
  return out;
}

function mergeable(x: Sentence | undefined, y: Sentence | undefined): boolean {
  return !!x && !!y && Math.abs(x.paragraph - y.paragraph) <= 1;
}

/** Upper bound of `bagSimilarity` from the shared canonical-id count alone. */
function upperBound(shared: number, na: number, nb: number): number {
  if (na === 0 || nb === 0) return 0;
  const small = Math.min(na, nb);
  const m = Math.min(shared, small);
  const dice = (2 * m) / (na + nb);
  return 0.5 * dice + 0.5 * Math.max(dice, (m / small) * Math.min(1, small / 6));
}

/** Bags of each sentence merged with the next one (null where they may not merge). */
function pairBags(x: Analysis): Array<Bag | null> {
  return x.sentences.map((s, i) => (mergeable(s, x.sentences[i + 1]) ? bagOf([s, x.sentences[i + 1]!]) : null));
}

/** Candidate pairs, including 1:2 and 2:1 merges that beat their parts. */
function candidates(a: Analysis, b: Analysis, minSim: number, gain: number): Candidate[] {
  const counts = sharedCounts(a, b);
  const out: Candidate[] = [];
  const m = b.sentences.length;
  const single = new Float32Array(a.sentences.length * m);
  const sim1 = (i: number, j: number) => single[i * m + j]!;
  for (const [i, row] of counts) {
    const sa = a.sentences[i]!;
    for (let j = 0; j < m; j++) {
      const shared = row[j]!;
      if (shared === 0) continue;
      const sb = b.sentences[j]!;
      if (shared < 2 && Math.min(sa.canons.length, sb.canons.length) > 2) continue;
      // Merges are tried only next to a pair that is at least half-way there.
      if (upperBound(shared, sa.keys.length, sb.keys.length) < minSim / 2) continue;
      const sim = bagSimilarity(sa, sb);
      single[i * m + j] = sim;
      if (sim >= minSim) out.push({ a: [i], b: [j], sim });
    }
  }
  const bagsA = pairBags(a);
  const bagsB = pairBags(b);
  const floor = minSim / 2;
  // 1:2 — sentence i of a against b's j and j+1; 2:1 — a's i and i+1 against b's j.
  for (const [i, row] of counts) {
    for (let j = 0; j + 1 < m; j++) {
      const bag = bagsB[j];
      if (!bag || row[j]! === 0 || row[j + 1]! === 0) continue;
      const best = Math.max(sim1(i, j), sim1(i, j + 1));
      if (best < floor) continue;
      const sim = bagSimilarity(a.sentences[i]!, bag);
      if (sim >= minSim && sim > best + gain) out.push({ a: [i], b: [j, j + 1], sim });
    }
    const next = counts.get(i + 1);
    const bag = bagsA[i];
    if (!next || !bag) continue;
    for (let j = 0; j < m; j++) {
      if (row[j]! === 0 || next[j]! === 0) continue;
      const best = Math.max(sim1(i, j), sim1(i + 1, j));
      if (best < floor) continue;
      const sim = bagSimilarity(bag, b.sentences[j]!);
      if (sim >= minSim && sim > best + gain) out.push({ a: [i, i + 1], b: [j], sim });
    }
  }
  return out;
}

/** Weight of a candidate in the matching: similarity times the content it covers. */
function weight(c: Candidate, a: Analysis, b: Analysis): number {
  let n = 0;
  for (const i of c.a) n += a.sentences[i]!.keys.length;
  for (const j of c.b) n += b.sentences[j]!.keys.length;
  return c.sim * c.sim * Math.sqrt(n);
}

/** Aligned sentence pairs between two analysed articles, ordered by position in `a`. */
export function alignSentences(a: Analysis, b: Analysis, options: AlignOptions = {}): AlignedPair[] {
  const minSim = options.minSimilarity ?? 0.4;
  const gain = options.mergeGain ?? 0.06;
  const list = candidates(a, b, minSim, gain);
  const scored = list.map((c) => ({ c, w: weight(c, a, b) })).sort((x, y) => y.w - x.w);
  const usedA = new Uint8Array(a.sentences.length);
  const usedB = new Uint8Array(b.sentences.length);
  const out: AlignedPair[] = [];
  for (const { c } of scored) {
    if (c.a.some((i) => usedA[i]) || c.b.some((j) => usedB[j])) continue;
    for (const i of c.a) usedA[i] = 1;
    for (const j of c.b) usedB[j] = 1;
    out.push({ a: c.a, b: c.b, similarity: c.sim });
  }
  return out.sort((x, y) => x.a[0]! - y.a[0]!);
}
