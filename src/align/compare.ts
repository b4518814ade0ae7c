/**
 * Two texts compared without a database: how strongly they cover the same story, how much of
 * one is taken from the other, the relation kind (if any) and the aligned passages.
 */
import type { Article, Passage, RelationKind } from '../core/types.js';
import { analyzeArticle } from './analyze.js';
import { ignoredParagraphs, relationStats, type RelateOptions } from './relate.js';
import { decideKind } from './kinds.js';
import { storySimilarity } from './story.js';
import { toPassages } from './passages.js';

export interface Comparison {
  /** 0..1: how strongly the two cover the same story; works when they share no sentence. */
  similarity: number;
  /** 0..1: the share of text one takes from the other. */
  reuse: number;
  kind: RelationKind | null;
  passages: Passage[];
}

export function compare(a: Article, b: Article, options: RelateOptions = {}): Comparison {
  const A = analyzeArticle(a);
  const B = analyzeArticle(b);
  const stats = relationStats(A, B, options, ignoredParagraphs(a, b, options));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    similarity: round(storySimilarity(a, b)),
    reuse: round(stats.reuse),
    kind: decideKind(stats, options),
    passages: toPassages(stats.pairs, A, B),
  };
}
