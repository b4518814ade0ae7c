/**
 * Whether two articles tell the same story, whether or not they share a sentence: a cosine of
 * their content words (stems), each weighted by how telling the word is (`termWeight`: names,
 * places, figures and dates weigh most, everyday words least), with the title and the lead,
 * where news states who, what, where and when, counted more.
 */
import type { Article } from '../core/types.js';
import { analyzeArticle, analyzeText, formWeight, vocabularyGeneration, type Analysis } from './analyze.js';

/** What a title word counts against a body word. */
const TITLE_WEIGHT = 2;
/** Content words at the start of the body that count as the lead. */
const LEAD_WORDS = 60;
/** What a lead word counts against a later body word. */
const LEAD_WEIGHT = 1.5;

interface StoryVector {
  /** Weight by stem id. */
  weights: Map<number, number>;
  norm: number;
  /** Vocabulary generation the ids belong to. */
  generation: number;
}

const CACHE = new WeakMap<Article, StoryVector>();

function addWords(out: Map<number, number>, x: Analysis, weight: number, lead: number): void {
  const { tokens } = x;
  let seen = 0;
  for (const s of x.sentences) {
    for (let i = s.first; i < s.last; i++) {
      if (!tokens.content[i]) continue;
      const w = weight * (seen++ < lead ? LEAD_WEIGHT : 1) * formWeight(tokens.forms[i]!);
      out.set(tokens.stems[i]!, (out.get(tokens.stems[i]!) ?? 0) + w);
    }
  }
}

/** The article's weighted content words (cached per Article object). */
function storyVector(article: Article): StoryVector {
  const hit = CACHE.get(article);
  if (hit && hit.generation === vocabularyGeneration()) return hit;
  const analysis = analyzeArticle(article);
  const weights = new Map<number, number>();
  addWords(weights, analysis, 1, LEAD_WORDS);
  if (article.title) addWords(weights, analyzeText(article.title, [[0, article.title.length]]), TITLE_WEIGHT, 0);
  let sum = 0;
  for (const w of weights.values()) sum += w * w;
  const vector = { weights, norm: Math.sqrt(sum), generation: vocabularyGeneration() };
  CACHE.set(article, vector);
  return vector;
}

/** 0..1: how strongly the two articles cover the same story (events, people, places, dates, key terms, titles). */
export function storySimilarity(a: Article, b: Article): number {
  const x = storyVector(a);
  const y = storyVector(b);
  if (x.norm === 0 || y.norm === 0) return 0;
  const [small, large] = x.weights.size <= y.weights.size ? [x, y] : [y, x];
  let dot = 0;
  for (const [id, w] of small.weights) {
    const v = large.weights.get(id);
    if (v !== undefined) dot += w * v;
  }
  return Math.min(1, dot / (x.norm * y.norm));
}
