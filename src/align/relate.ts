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
import { decideKind } from './kinds.js';
import { storySimilarity } from './story.js';

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
  /**
   * Paragraph indexes of an article that are its outlet's boilerplate (learned across its pages):
   * sentences in them are never aligned, so they never count as a shared passage or as reuse.
   * @default none
   */
  boilerplate?: (article: Article) => ReadonlySet<number>;
}

/** Paragraphs each side leaves out of the alignment. */
export interface Ignored {
  a: ReadonlySet<number>;
  b: ReadonlySet<number>;
}

const NONE: Ignored = { a: new Set(), b: new Set() };

/** The outlet boilerplate of both articles, as `relationStats` takes it. */
export function ignoredParagraphs(a: Article, b: Article, options: RelateOptions): Ignored {
  return options.boilerplate ? { a: options.boilerplate(a), b: options.boilerplate(b) } : NONE;
}

function touches(indexes: number[], x: Analysis, paragraphs: ReadonlySet<number>): boolean {
  return paragraphs.size > 0 && indexes.some((i) => paragraphs.has(x.sentences[i]!.paragraph));
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
  /** Content words swapped for other wording (numbers, names and dates left out), per aligned content word. */
  swapRate: number;
  /** Share of aligned content (by tokens) in pairs whose only changes are facts: numbers, names, dates. */
  factChanged: number;
  /** Swaps of facts alone (numbers, names, dates) over all aligned pairs. */
  factSwaps: number;
  /** Facts (numbers, names, dates) changed in aligned pairs, per aligned content word (both sides). */
  factRate: number;
  /** Other content words changed in aligned pairs, per aligned content word (both sides). */
  wordingRate: number;
  /** Share of the names in aligned pairs that changed: high when the same form tells of other people or companies. */
  namesChanged: number;
  /** The larger share of one side's content in aligned pairs, each counted by the share of its words kept: text reused. */
  reuse: number;
  artefacts: Artefact[];
}

/** Share of unchanged words (in order) above which an aligned pair is a close rewrite. */
const CLOSE = 0.6;
/** Share of unchanged words (in order) for a pair to extend a block of rewritten sentences. */
const BLOCK_OVERLAP = 0.5;
/** Unchanged own words for a close pair to corroborate a short reused passage. */
const OWN_CLOSE_WORDS = 6;
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

/** Content words outside the paragraphs left out. */
function ownContent(x: Analysis, ignored: ReadonlySet<number>): number {
  if (ignored.size === 0) return x.contentWords;
  let n = 0;
  for (const s of x.sentences) if (!ignored.has(s.paragraph)) n += s.keys.length;
  return n;
}

function coverage(pairs: PairRecord[], analysis: Analysis, side: 'a' | 'b', total: number): number {
  let n = 0;
  for (const p of pairs) for (const i of p[side]) n += analysis.sentences[i]!.keys.length;
  return total === 0 ? 0 : Math.min(1, n / total);
}

/**
 * Share of one side's content in aligned pairs, each pair counted by the share of its words kept in
 * order (1 for a copied sentence, about half for a spun or machine-paraphrased one, little for two
 * reporters' own sentences about the same fact).
 */
function reused(pairs: PairRecord[], analysis: Analysis, side: 'a' | 'b', total: number): number {
  let n = 0;
  for (const p of pairs) for (const i of p[side]) n += analysis.sentences[i]!.keys.length * p.stats.overlap;
  return total === 0 ? 0 : Math.min(1, n / total);
}

/** Alignment statistics of two articles (everything `relate` decides on). */
export function relationStats(a: Analysis, b: Analysis, options: RelateOptions = {}, ignored: Ignored = NONE): RelationStats {
  const aligned = alignSentences(a, b, options).filter((p) => !touches(p.a, a, ignored.a) && !touches(p.b, b, ignored.b));
  const pairs = describePairs(aligned, a, b);
  const totalA = ownContent(a, ignored.a);
  const totalB = ownContent(b, ignored.b);
  markReordered(pairs);
  const share = { verbatim: 0, trimmed: 0, swapped: 0, paraphrased: 0 };
  let total = 0;
  let sim = 0;
  let swappedWords = 0;
  let alignedWords = 0;
  let factChanged = 0;
  let factSwaps = 0;
  let factsChanged = 0;
  let wordingChanged = 0;
  let namesKept = 0;
  let namesChanged = 0;
  for (const p of pairs) {
    namesKept += p.stats.namesKept;
    namesChanged += p.stats.namesChanged;
    factsChanged += p.stats.factsChanged;
    wordingChanged += p.stats.wordingChanged;
    const w = p.stats.lengthA + p.stats.lengthB;
    total += w;
    sim += w * p.similarity;
    swappedWords += p.stats.swappedWords;
    alignedWords += p.stats.contentWords;
    factSwaps += p.stats.factSwaps;
    if (p.stats.factSwaps > 0 && p.stats.swappedWords === 0) factChanged += w;
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
    coverageA: coverage(pairs, a, 'a', totalA),
    coverageB: coverage(pairs, b, 'b', totalB),
    verbatim: share.verbatim / t,
    trimmed: share.trimmed / t,
    swapped: share.swapped / t,
    paraphrased: share.paraphrased / t,
    similarity: sim / t,
    reusedWords: longestReuse(pairs, skipA, skipB, options.nearVerbatim ?? 0.9),
    orderedClose: Math.max(coverage(orderedClose, a, 'a', totalA), coverage(orderedClose, b, 'b', totalB)),
    block: longestBlock(pairs, BLOCK_OVERLAP),
    ownClosePairs: close.filter((p) => ownSame(p, skipA, skipB) >= OWN_CLOSE_WORDS).length,
    closeCoverage: Math.max(coverage(close, a, 'a', totalA), coverage(close, b, 'b', totalB)),
    swapRate: alignedWords === 0 ? 0 : swappedWords / alignedWords,
    factChanged: factChanged / t,
    factSwaps,
    factRate: alignedWords === 0 ? 0 : factsChanged / (2 * alignedWords),
    wordingRate: alignedWords === 0 ? 0 : wordingChanged / (2 * alignedWords),
    namesChanged: namesKept + namesChanged === 0 ? 0 : namesChanged / (namesKept + namesChanged),
    reuse: Math.min(1, Math.max(reused(pairs, a, 'a', totalA), reused(pairs, b, 'b', totalB))),
    sharedQuotes: pairs.filter((p) => QUOTED.test(a.text.slice(p.spanA[0], p.spanA[1])) && QUOTED.test(b.text.slice(p.spanB[0], p.spanB[1]))).length,
    artefacts: findArtefacts(pairs, a, b),
  };
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
  return round(value);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The relation between two articles, or null when they share nothing substantial. */
export function relate(a: Article, b: Article, options: RelateOptions = {}): Relation | null {
  const A = analyzeArticle(a);
  const B = analyzeArticle(b);
  const s = relationStats(A, B, options, ignoredParagraphs(a, b, options));
  const kind = decideKind(s, options);
  if (!kind) return null;
  const score = storyScore(s, A, B, kind);
  const longer = A.contentWords === B.contentWords ? null : A.contentWords > B.contentWords ? 'a' : 'b';
  // Two fillings of one form: neither is taken from the other.
  const verdict = kind === 'template' ? { source: null, evidence: ['the same form with other facts: neither is the source'] } : sourceVerdict(a, b, kind, s.artefacts, longer);
  const evidence = [
    `${kind}: ${s.pairs.length} sentence pairs aligned, covering ${percent(s.coverageA)} of ${a.name || a.id} and ${percent(s.coverageB)} of ${b.name || b.id}` +
      ` (verbatim ${percent(s.verbatim)}, trimmed ${percent(s.trimmed)}, synonym-swapped ${percent(s.swapped)}, paraphrased ${percent(s.paraphrased)};` +
      ` wording swapped ${percent(s.swapRate)} of aligned words, facts alone changed in ${percent(s.factChanged)})`,
    ...verdict.evidence,
  ];
  return {
    a: a.id,
    b: b.id,
    kind,
    score,
    similarity: round(storySimilarity(a, b)),
    reuse: round(s.reuse),
    source: verdict.source,
    evidence,
    passages: toPassages(s.pairs, A, B),
  };
}
