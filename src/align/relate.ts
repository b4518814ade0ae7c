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
import { listTokens, longestBlock, longestReuse, ownSame, quotedTokens } from './reuse.js';

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
   * Fewest words (unchanged, outside quotations) in a passage reused as background; a passage
   * shorter than `longPassageWords` also needs a second sentence aligned closely elsewhere.
   * @default 12
   */
  minPassageWords?: number;
  /**
   * Words (unchanged, outside quotations) from which one reused passage is evidence on its own.
   * @default 25
   */
  longPassageWords?: number;
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
  /** Longest near-verbatim run of pairs, in unchanged words outside quotations and name lists (background reuse). */
  reusedWords: number;
  /** Largest share of one side's content aligned closely and in order (reordered pairs left out). */
  orderedClose: number;
  /** Most consecutive sentences rewritten in order (one skipped sentence allowed). */
  block: number;
  /** Aligned pairs that keep most of their own (unquoted) words: corroboration for a short reused passage. */
  ownClosePairs: number;
  artefacts: Artefact[];
}

/** Share of unchanged words (in order) above which an aligned pair is a close rewrite. */
const CLOSE = 0.6;
/** Share of unchanged words (in order) for a pair to extend a block of rewritten sentences. */
const BLOCK_OVERLAP = 0.5;
/** Fewest consecutive sentences rewritten in order for a paraphrase or spin. */
const MIN_BLOCK = 3;
/** Least share of one side rewritten closely and in order for a paraphrase. */
const MIN_ORDERED_CLOSE = 0.25;
/** Unchanged own words for a close pair to corroborate a short reused passage. */
const OWN_CLOSE_WORDS = 6;
const SPIN_ARTEFACTS = new Set(['broken-collocation', 'broken-name', 'garbled-credit']);
const QUOTED = /["\u201c\u201d]/;

const SKIPPED = new WeakMap<Analysis, Uint8Array>();

/** Tokens that never count as reused text: quotations and name lists (cached per analysis). */
function skipped(x: Analysis): Uint8Array {
  const hit = SKIPPED.get(x);
  if (hit) return hit;
  const out = quotedTokens(x);
  const lists = listTokens(x);
  for (let i = 0; i < out.length; i++) out[i] |= lists[i]!;
  SKIPPED.set(x, out);
  return out;
}

function coverage(pairs: PairRecord[], analysis: Analysis, side: 'a' | 'b'): number {
  let n = 0;
  for (const p of pairs) for (const i of p[side]) n += analysis.sentences[i]!.keys.length;
  return analysis.contentWords === 0 ? 0 : n / analysis.contentWords;
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
  const orderedClose = close.filter((p) => p.edit !== 'reordered');
  const skipA = skipped(a);
  const skipB = skipped(b);
  return {
    pairs,
    coverageA: coverage(pairs, a, 'a'),
    coverageB: coverage(pairs, b, 'b'),
    verbatim: share.verbatim / t,
    trimmed: share.trimmed / t,
    swapped: share.swapped / t,
    paraphrased: share.paraphrased / t,
    similarity: sim / t,
    reusedWords: longestReuse(pairs, skipA, skipB, options.nearVerbatim ?? 0.9),
    orderedClose: Math.max(coverage(orderedClose, a, 'a'), coverage(orderedClose, b, 'b')),
    block: longestBlock(pairs, BLOCK_OVERLAP),
    ownClosePairs: close.filter((p) => ownSame(p, skipA, skipB) >= OWN_CLOSE_WORDS).length,
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
  // A spinner leaves few sentences untouched; an editor's light revision keeps most as they were or cut.
  const spun = copied < 0.5 && ((s.swapped >= s.paraphrased && spinMarks >= translationMarks) || (spinMarks >= 2 && translationMarks === 0 && s.swapped >= 0.7 * s.paraphrased));
  // A rewrite runs sentence by sentence through the source: a block of consecutive sentences
  // rewritten in order. Stories that merely cover the same news align scattered sentences.
  const rewritten = s.block >= MIN_BLOCK;
  if (most >= 0.2 && swappedPairs >= 4 && spun && rewritten) return 'spin';
  // A rewrite of the same story: much of one side aligned, a good share of it closely and in
  // order, and either most of it close or the same quotes (the same reporting, not background).
  const sameStory = rewritten && (s.closeCoverage >= 0.5 || (s.sharedQuotes >= 2 && s.orderedClose >= MIN_ORDERED_CLOSE));
  if (most >= minCoverage && rewrites >= 3 && copied < 0.8 && sameStory) return spun ? 'spin' : 'paraphrase';
  // Background reuse: one long near-verbatim passage in the writers' own words, or a shorter
  // one with a second sentence kept close elsewhere (one short sentence alone may be chance).
  const long = s.reusedWords >= (options.longPassageWords ?? 25);
  const corroborated = s.reusedWords >= (options.minPassageWords ?? 12) && s.ownClosePairs >= 2;
  if (long || corroborated) return 'shared-passage';
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
