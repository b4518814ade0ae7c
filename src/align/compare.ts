/**
 * Two texts compared without a database: how much of the same story they tell, the relation
 * kind (if any) and the aligned passages.
 */
import type { Article, Passage, RelationKind } from '../core/types.js';
import { analyzeArticle } from './analyze.js';
import { relationStats, decideKind, storyScore, type RelateOptions } from './relate.js';
import { toPassages } from './passages.js';

/** Similarity 0..1 (high for copies and rewrites, low for background reuse, ~0 for unrelated), kind and passages. */
export function compare(
  a: Article,
  b: Article,
  options: RelateOptions = {},
): { similarity: number; kind: RelationKind | null; passages: Passage[] } {
  const A = analyzeArticle(a);
  const B = analyzeArticle(b);
  const stats = relationStats(A, B, options);
  const kind = decideKind(stats, options);
  return { similarity: storyScore(stats, A, B, kind), kind, passages: toPassages(stats.pairs, A, B) };
}
