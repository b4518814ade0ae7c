/**
 * The relation between two articles: align their sentences, describe the edits, decide the
 * kind (duplicate, excerpt, paraphrase, spin, shared-passage) and score, and weigh which
 * side is the source.
 */
import type { Article, Relation, RelationKind } from '../core/types.js';
import { analyzeArticle, type Analysis } from './analyze.js';
import { alignSentences, type AlignOptions } from './align.js';
import { describePairs, markReordered, toPassages, type PairRecord } from './passages.js';
import { findArtefacts, type Artefact } from './artefacts.js';
import { sourceVerdict } from './source.js';

export interface RelateOptions extends AlignOptions {
  /**
   * Share of one side's content that must be aligned for a rewrite (paraphrase, spin) or excerpt.
   * @default 0.35
   */
  minCoverage?: number;
  /**
   * Least share of unchanged words in a passage for it to count as background reuse.
   * @default 0.9
   */
  nearVerbatim?: number;
  /**
   * Fewest words in a passage reused as background.
   * @default 12
   */
  minPassageWords?: number;
}

export interface RelationStats {
  pairs: PairRecord[];
  coverageA: number;
  coverageB: number;
  /** Shares of aligned content (by tokens) in each edit, reordered pairs counted by their own edit. */
  verbatim: number;
  trimmed: number;
  swapped: number;
  paraphrased: number;
  /** Mean similarity of aligned pairs, weighted by length. */
  similarity: number;
  /** Largest share of one side's content aligned closely (most words unchanged, in order). */
  closeCoverage: number;
  /** Aligned pairs in which both sides quote someone: the same reporting, not background. */
  sharedQuotes: number;
  /** Longest near-verbatim run of pairs, in words (background reuse). */
  reusedWords: number;
  artefacts: Artefact[];
}

/** Share of unchanged words (in order) above which an aligned pair is a close rewrite. */
const CLOSE = 0.6;
const SPIN_ARTEFACTS = new Set(['broken-collocation', 'broken-name', 'garbled-credit']);
const QUOTED = /["\u201c\u201d]/;

function coverage(pairs: PairRecord[], analysis: Analysis, side: 'a' | 'b'): number {
  let n = 0;
  for (const p of pairs) for (const i of p[side]) n += analysis.sentences[i]!.keys.length;
  return analysis.contentWords === 0 ? 0 : n / analysis.contentWords;
}

/** Longest run of consecutive near-verbatim pairs, in words of the shorter side. */
function longestReuse(pairs: PairRecord[], minOverlap: number): number {
  let best = 0;
  let sameWords = 0;
  let shortWords = 0;
  let prev: PairRecord | null = null;
  for (const p of pairs) {
    const consecutive = prev && p.a[0] === prev.a[prev.a.length - 1]! + 1 && p.b[0] === prev.b[prev.b.length - 1]! + 1;
    if (!consecutive) {
      sameWords = 0;
      shortWords = 0;
    }
    sameWords += p.stats.same;
    shortWords += Math.min(p.stats.lengthA, p.stats.lengthB);
    if (sameWords >= minOverlap * shortWords) best = Math.max(best, shortWords);
    else {
      sameWords = p.stats.same;
      shortWords = Math.min(p.stats.lengthA, p.stats.lengthB);
      if (sameWords >= minOverlap * shortWords) best = Math.max(best, shortWords);
      else sameWords = shortWords = 0;
    }
    prev = p;
  }
  return best;
}

/** Alignment statistics of two articles (everything `relate` decides on). */
export function relationStats(a: Analysis, b: Analysis, options: RelateOptions = {}): RelationStats {
  const pairs = describePairs(alignSentences(a, b, options), a, b);
  markReordered(pairs);
  const share = { verbatim: 0, trimmed: 0, swapped: 0, paraphrased: 0 };
  let total = 0;
  let sim = 0;
  for (const p of pairs) {
    const w = p.stats.lengthA + p.stats.lengthB;
    total += w;
    sim += w * p.similarity;
    const e = p.stats.edit;
    if (e === 'verbatim') share.verbatim += w;
    else if (e === 'trimmed') share.trimmed += w;
    else if (e === 'synonym-swapped') share.swapped += w;
    else share.paraphrased += w;
  }
  const t = Math.max(1, total);
  const close = pairs.filter((p) => p.stats.overlap >= CLOSE);
  return {
    pairs,
    coverageA: coverage(pairs, a, 'a'),
    coverageB: coverage(pairs, b, 'b'),
    verbatim: share.verbatim / t,
    trimmed: share.trimmed / t,
    swapped: share.swapped / t,
    paraphrased: share.paraphrased / t,
    similarity: sim / t,
    reusedWords: longestReuse(pairs, options.nearVerbatim ?? 0.9),
    closeCoverage: Math.max(coverage(close, a, 'a'), coverage(close, b, 'b')),
    sharedQuotes: pairs.filter((p) => QUOTED.test(a.text.slice(p.spanA[0], p.spanA[1])) && QUOTED.test(b.text.slice(p.spanB[0], p.spanB[1]))).length,
    artefacts: findArtefacts(pairs, a, b),
  };
}

/** The relation kind the statistics support, or null. */
export function decideKind(s: RelationStats, options: RelateOptions = {}): RelationKind | null {
  const minCoverage = options.minCoverage ?? 0.35;
  const most = Math.max(s.coverageA, s.coverageB);
  const copied = s.verbatim + s.trimmed;
  if (s.pairs.length >= 2 && s.coverageA >= 0.9 && s.coverageB >= 0.9 && s.verbatim >= 0.9) return 'duplicate';
  if (s.pairs.length >= 2 && most >= 0.8 && copied >= 0.8) return 'excerpt';
  const swappedPairs = s.pairs.filter((p) => p.stats.edit === 'synonym-swapped').length;
  const rewrites = s.pairs.filter((p) => p.stats.edit === 'synonym-swapped' || p.stats.edit === 'paraphrased').length;
  const spinMarks = s.artefacts.filter((x) => SPIN_ARTEFACTS.has(x.kind)).length;
  const translationMarks = s.artefacts.length - spinMarks;
  // Spin: pairs swapped word for word dominate, and the artefacts are a spinner's, not a translator's.
  const spun = (s.swapped >= s.paraphrased && spinMarks >= translationMarks) || (spinMarks >= 2 && translationMarks === 0 && s.swapped >= 0.7 * s.paraphrased);
  if (most >= 0.2 && swappedPairs >= 4 && spun) return 'spin';
  // A rewrite of the same story: much of one side aligned, and either the same quotes or close rewording.
  const sameStory = s.sharedQuotes >= 2 || s.closeCoverage >= 0.5;
  if (most >= minCoverage && rewrites >= 3 && copied < 0.8 && sameStory) return spun ? 'spin' : 'paraphrase';
  if (s.reusedWords >= (options.minPassageWords ?? 12)) return 'shared-passage';
  return null;
}

/**
 * 0..1, rising with how much of the same story two articles tell: the aligned share of the
 * shorter and of the more covered side, weighted by pair similarity. Background reuse and
 * unrelated pairs stay low.
 */
export function storyScore(s: RelationStats, a: Analysis, b: Analysis, kind: RelationKind | null): number {
  if (s.pairs.length === 0) return 0;
  const shorter = a.contentWords <= b.contentWords ? s.coverageA : s.coverageB;
  const most = Math.max(s.coverageA, s.coverageB);
  const full = Math.min(1, Math.sqrt(most * Math.min(1, shorter * 1.5)) * (0.5 + 0.5 * s.similarity));
  const value = kind === null ? Math.min(0.2, full * 0.5) : kind === 'shared-passage' ? Math.min(0.45, full) : full;
  return Math.round(value * 1000) / 1000;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The relation between two articles, or null when they share nothing substantial. */
export function relate(a: Article, b: Article, options: RelateOptions = {}): Relation | null {
  const A = analyzeArticle(a);
  const B = analyzeArticle(b);
  const s = relationStats(A, B, options);
  const kind = decideKind(s, options);
  if (!kind) return null;
  const score = storyScore(s, A, B, kind);
  const longer = A.contentWords === B.contentWords ? null : A.contentWords > B.contentWords ? 'a' : 'b';
  const verdict = sourceVerdict(a, b, kind, s.artefacts, longer);
  const evidence = [
    `${kind}: ${s.pairs.length} sentence pairs aligned, covering ${percent(s.coverageA)} of ${a.name || a.id} and ${percent(s.coverageB)} of ${b.name || b.id}` +
      ` (verbatim ${percent(s.verbatim)}, trimmed ${percent(s.trimmed)}, synonym-swapped ${percent(s.swapped)}, paraphrased ${percent(s.paraphrased)})`,
    ...verdict.evidence,
  ];
  return {
    a: a.id,
    b: b.id,
    kind,
    score,
    source: verdict.source,
    evidence,
    passages: toPassages(s.pairs, A, B),
  };
}
