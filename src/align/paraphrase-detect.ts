/**
 * Paraphrase detection for sentence pairs without a neural model: fixed MT-metric-like
 * features (paraphrase-features.ts) plus TF-KLD / naive-Bayes term features learned from the
 * labelled training pairs (paraphrase-kld.ts), fed to an L2 logistic regression whose decision
 * threshold maximises F1 on the training pairs. Cross-validation learns everything (term
 * statistics, classifier, threshold) inside each fold; the training pairs' own term features
 * are cross-fitted so the classifier never sees features computed from their own labels.
 */
import { sideOf, fixedFeatures } from './paraphrase-features.js';
import { TermVocab, termsOf, learnKld, kldFeatures, crossFitKld, type Terms, type KldModel } from './paraphrase-kld.js';
import { trainLogistic, bestThresholdF1, type Scorer } from './paraphrase-model.js';

export interface SentencePair {
  a: string;
  b: string;
}

export interface LabelledPair extends SentencePair {
  /** 1 = paraphrase. */
  label: number;
}

/** Smoothing of the per-term paraphrase / non-paraphrase sharing rates (pseudo-counts). */
const KLD_ALPHA = 5;
/** Inner folds used to cross-fit the training pairs' term features. */
const INNER_FOLDS = 5;
const LOGISTIC = { l2: 1e-4, epochs: 300 };

/** Pairs prepared once: fixed features and term lists. */
export interface PairData {
  fixed: number[][];
  A: Terms[];
  B: Terms[];
  vocab: TermVocab;
}

/** Prepare pairs (features that need no labels). */
export function preparePairs(pairs: readonly SentencePair[], vocab = new TermVocab()): PairData {
  const fixed: number[][] = [];
  const A: Terms[] = [];
  const B: Terms[] = [];
  for (const p of pairs) {
    const x = sideOf(p.a);
    const y = sideOf(p.b);
    fixed.push(fixedFeatures(x, y));
    A.push(termsOf(x, vocab));
    B.push(termsOf(y, vocab));
  }
  return { fixed, A, B, vocab };
}

/** A classifier fitted on some pairs. */
export interface FittedModel {
  kld: KldModel;
  classifier: Scorer;
  /** P(paraphrase) at or above this is a paraphrase (F1-maximising on the training pairs). */
  threshold: number;
}

/** Fit on the pairs `idx` of `data` with labels `labels` (indexed like `data`). */
export function fitOn(data: PairData, labels: ArrayLike<number>, idx: number[]): FittedModel {
  const kinds = data.vocab.kinds;
  const inner = crossFitKld(data.A, data.B, labels, idx, kinds, INNER_FOLDS, KLD_ALPHA);
  const X = idx.map((i, p) => [...data.fixed[i]!, ...inner[p]!]);
  const y = idx.map((i) => labels[i]!);
  const classifier = trainLogistic(X, y, LOGISTIC);
  const threshold = bestThresholdF1(X.map((r) => classifier(r)), y);
  return { kld: learnKld(data.A, data.B, labels, idx, kinds, KLD_ALPHA), classifier, threshold };
}

/** P(paraphrase) of pair `i` of `data` under a fitted model. */
function probabilityOf(model: FittedModel, data: PairData, i: number): number {
  return model.classifier([...data.fixed[i]!, ...kldFeatures(model.kld, data.A[i]!, data.B[i]!)]);
}

export interface ParaphraseDetector {
  threshold: number;
  /** P(paraphrase) of a new pair. */
  probability(a: string, b: string): number;
  isParaphrase(a: string, b: string): boolean;
}

/** Train a detector on labelled pairs, for scoring new pairs. */
export function trainParaphraseDetector(pairs: readonly LabelledPair[]): ParaphraseDetector {
  const data = preparePairs(pairs);
  const labels = pairs.map((p) => p.label);
  const model = fitOn(data, labels, labels.map((_, i) => i));
  const probability = (a: string, b: string): number => {
    // Terms first seen now get the statistics of an unseen term.
    const one = preparePairs([{ a, b }], data.vocab);
    return model.classifier([...one.fixed[0]!, ...kldFeatures(model.kld, one.A[0]!, one.B[0]!)]);
  };
  return { threshold: model.threshold, probability, isParaphrase: (a, b) => probability(a, b) >= model.threshold };
}
