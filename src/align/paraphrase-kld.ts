/**
 * Supervised term weighting for paraphrase pairs (TF-KLD, Ji & Eisenstein 2013). Each term
 * (stem unigram or bigram) gets, from labelled training pairs only, the probability that a
 * sentence has it given its partner has it, among paraphrases (p) and non-paraphrases (q);
 * its weight is KL(p || q): terms whose sharing (or not sharing) separates the classes count.
 * Features of a pair: KLD-weighted overlap and unmatched mass, and a naive-Bayes log-odds sum.
 */
import type { Side } from './paraphrase-features.js';

/** Term ids per sentence: sorted unique. */
export type Terms = Int32Array;

/** Interns term strings to ids; one per evaluation run. */
export class TermVocab {
  readonly ids = new Map<string, number>();
  /** Kind of each term id (see TERM_KINDS). */
  readonly kinds: number[] = [];

  id(term: string, kind: number): number {
    let v = this.ids.get(term);
    if (v === undefined) {
      v = this.ids.size;
      this.ids.set(term, v);
      this.kinds.push(kind);
    }
    return v;
  }

  get size(): number {
    return this.ids.size;
  }
}

/** Term kinds: stem unigram, stem bigram, canonical (synonym group) of a content word. */
const TERM_KINDS = ['unigram', 'bigram', 'canonical'] as const;

/** Terms of a sentence: stem unigrams and bigrams over all tokens, canonical ids of content words. */
export function termsOf(side: Side, vocab: TermVocab, kinds: readonly number[] = [0, 1, 2]): Terms {
  const out: number[] = [];
  const s = side.stems;
  for (let i = 0; i < s.length; i++) {
    if (kinds.includes(0)) out.push(vocab.id(`u${s[i]}`, 0));
    if (kinds.includes(1) && i + 1 < s.length) out.push(vocab.id(`b${s[i]},${s[i + 1]}`, 1));
    if (kinds.includes(2) && side.content[i]) out.push(vocab.id(`c${side.canons[i]}`, 2));
  }
  const a = Int32Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i]!;
  return a.slice(0, n);
}

/** Learned per-term statistics. */
export interface KldModel {
  /** KL(p || q) per term. */
  weight: Float64Array;
  /** log(p/q): evidence when the term is shared. */
  sharedLogOdds: Float64Array;
  /** log((1-p)/(1-q)): evidence when the term is on one side only. */
  aloneLogOdds: Float64Array;
  /** Kind of each term (the vocabulary's live list: terms added later keep their kind). */
  kinds: ArrayLike<number>;
  /** Values for a term never seen in training: [weight, sharedLogOdds, aloneLogOdds]. */
  unseen: [number, number, number];
}

/** Walk the sorted union of two term lists: `visit(term, shared)`. */
function eachTerm(a: Terms, b: Terms, visit: (t: number, shared: boolean) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) visit(a[i++]!, false);
    else if (i >= a.length || b[j]! < a[i]!) visit(b[j++]!, false);
    else {
      visit(a[i++]!, true);
      j++;
    }
  }
}

/** Learn term statistics from the pairs `idx` (labels 1 = paraphrase); `alpha` smooths. */
export function learnKld(A: Terms[], B: Terms[], labels: ArrayLike<number>, idx: ArrayLike<number>, kinds: ArrayLike<number>, alpha = 1): KldModel {
  const nTerms = kinds.length;
  // Directional counts: a shared term is "partner has it" twice (both directions), a one-sided term once.
  const hit = [new Float64Array(nTerms), new Float64Array(nTerms)];
  const miss = [new Float64Array(nTerms), new Float64Array(nTerms)];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const c = labels[i] ? 1 : 0;
    eachTerm(A[i]!, B[i]!, (t, shared) => {
      if (shared) hit[c]![t]! += 2;
      else miss[c]![t]! += 1;
    });
  }
  const weight = new Float64Array(nTerms);
  const sharedLogOdds = new Float64Array(nTerms);
  const aloneLogOdds = new Float64Array(nTerms);
  // Priors: the overall sharing rate per class keeps rare terms near the average.
  const prior = [0, 1].map((c) => {
    let h = 0;
    let m = 0;
    for (let t = 0; t < nTerms; t++) {
      h += hit[c]![t]!;
      m += miss[c]![t]!;
    }
    return h / Math.max(1, h + m);
  });
  for (let t = 0; t < nTerms; t++) {
    const p = (hit[1]![t]! + alpha * prior[1]!) / (hit[1]![t]! + miss[1]![t]! + alpha);
    const q = (hit[0]![t]! + alpha * prior[0]!) / (hit[0]![t]! + miss[0]![t]! + alpha);
    weight[t] = p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    sharedLogOdds[t] = Math.log(p / q);
    aloneLogOdds[t] = Math.log((1 - p) / (1 - q));
  }
  const [p0, q0] = [prior[1]!, prior[0]!];
  const unseen: [number, number, number] = [
    p0 * Math.log(p0 / q0) + (1 - p0) * Math.log((1 - p0) / (1 - q0)),
    Math.log(p0 / q0),
    Math.log((1 - p0) / (1 - q0)),
  ];
  return { weight, sharedLogOdds, aloneLogOdds, kinds, unseen };
}

const KLD_FEATURE_NAMES: readonly string[] = ['kldShared', 'kldUnmatched', 'kldUnmatchedMax', 'nbSum', 'nbMin', 'nbUnigram', 'nbBigram', 'nbCanonical'];

/** KLD-weighted features of a pair under a learned model. */
export function kldFeatures(m: KldModel, a: Terms, b: Terms): number[] {
  let shared = 0;
  let total = 0;
  let onlyA = 0;
  let onlyB = 0;
  let nb = 0;
  let nbMin = 0;
  const byKind = [0, 0, 0];
  const inA = new Set<number>(a);
  eachTerm(a, b, (t, both) => {
    const known = t < m.weight.length;
    const w = known ? m.weight[t]! : m.unseen[0];
    total += w;
    if (both) shared += w;
    else if (inA.has(t)) onlyA += w;
    else onlyB += w;
    const e = known ? (both ? m.sharedLogOdds[t]! : m.aloneLogOdds[t]!) : m.unseen[both ? 1 : 2];
    nb += e;
    const kind = m.kinds[t];
    if (kind !== undefined) byKind[kind]! += e;
    nbMin = Math.min(nbMin, e);
  });
  return [total === 0 ? 0 : shared / total, onlyA + onlyB, Math.max(onlyA, onlyB), nb, nbMin, ...byKind];
}

/**
 * KLD features for training pairs without peeking at their own labels: each of `inner`
 * parts of `idx` is scored by a model learned on the other parts. Returns features by position in `idx`.
 */
export function crossFitKld(A: Terms[], B: Terms[], labels: ArrayLike<number>, idx: number[], kinds: ArrayLike<number>, inner = 5, alpha = 1): number[][] {
  const out = new Array<number[]>(idx.length);
  for (let k = 0; k < inner; k++) {
    const fitOn = idx.filter((_, p) => p % inner !== k);
    const m = learnKld(A, B, labels, fitOn, kinds, alpha);
    for (let p = k; p < idx.length; p += inner) out[p] = kldFeatures(m, A[idx[p]!]!, B[idx[p]!]!);
  }
  return out;
}
