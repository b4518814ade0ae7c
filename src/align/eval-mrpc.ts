/**
 * MRPC evaluation: paraphrase detection (paraphrase-detect.ts: MT-metric-like features plus
 * TF-KLD / naive-Bayes term features, L2 logistic regression, F1-maximising threshold) under
 * 10-fold cross-validation on the given split. Every reported score comes from held-out folds:
 * term statistics, classifier and threshold are learned inside each fold's training part.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sideOf, fixedFeatures } from './paraphrase-features.js';
import { crossValidate, fitOn, preparePairs } from './paraphrase-detect.js';
import { scoreAt, bestThresholdF1 } from './paraphrase-model.js';

/** Cross-validated scores: f1, accuracy, precision, recall are over held-out predictions. */
export interface MrpcResult {
  f1: number;
  accuracy: number;
  precision: number;
  recall: number;
  /** P(paraphrase) threshold of the model fitted on the whole split (F1-maximising there). */
  threshold: number;
  /** Threshold each cross-validation fold chose on its own training part (and used on its held-out part). */
  foldThresholds: number[];
  /** How the numbers were obtained. */
  validation: string;
  pairs: number;
}

export interface Item {
  label: number;
  a: string;
  b: string;
}

/** Read an MRPC TSV (`Quality #1 ID #2 ID #1 String #2 String`); a folder means its one .txt/.tsv file. */
export function readMrpc(tsvPath: string): Item[] {
  let file = tsvPath;
  if (fs.statSync(file).isDirectory()) {
    const name = fs.readdirSync(file).find((f) => /\.(tsv|txt)$/.test(f) && !/readme/i.test(f));
    if (!name) throw new Error(`${tsvPath}: no .tsv or .txt file`);
    file = path.join(file, name);
  }
  const lines = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
  const out: Item[] = [];
  for (const line of lines.slice(1)) {
    const f = line.split('\t');
    if (f.length < 5 || !/^[01]$/.test(f[0]!)) continue;
    out.push({ label: Number(f[0]), a: f[3]!, b: f[4]! });
  }
  return out;
}

/** The fixed (unlearned) features of a sentence pair; see FIXED_FEATURE_NAMES. */
export function pairFeatures(a: string, b: string): number[] {
  return fixedFeatures(sideOf(a), sideOf(b));
}

/** Threshold maximising F1 on the given predictions. */
export function bestThreshold(p: number[], y: number[]): number {
  return bestThresholdF1(p, y);
}

/** k-fold cross-validated paraphrase detection on an MRPC split (pair i is in fold i mod k). */
export function evalPairsMrpc(tsvPath: string, folds = 10): MrpcResult {
  const items = readMrpc(tsvPath);
  const data = preparePairs(items);
  const labels = items.map((it) => it.label);
  const cv = crossValidate(items, folds, data);
  const s = scoreAt(cv.predicted, labels, 0.5);
  const full = fitOn(data, labels, labels.map((_, i) => i));
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return {
    f1: r(s.f1),
    accuracy: r(s.accuracy),
    precision: r(s.precision),
    recall: r(s.recall),
    threshold: full.threshold,
    foldThresholds: cv.thresholds,
    validation: `${folds}-fold cross-validation on the given pairs; threshold from the model refitted on all of them`,
    pairs: items.length,
  };
}
