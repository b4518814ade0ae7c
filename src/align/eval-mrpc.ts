/**
 * MRPC evaluation: lexical features of each sentence pair (canonical-word overlap, containment
 * both ways, number and name mismatch, length ratio, LCS ratio, n-gram overlap), a logistic
 * regression trained and thresholded inside 10-fold cross-validation on the given split.
 * Every reported number comes from held-out folds: nothing is fitted on the pairs it scores.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, type Analysis } from './analyze.js';
import { bagOf, bagSimilarity, intersectCount } from './similarity.js';
import { diffTokens } from './worddiff.js';

export interface MrpcResult {
  f1: number;
  accuracy: number;
  precision: number;
  recall: number;
  /** Probability threshold chosen on the full split (each fold used its own, chosen on its training part). */
  threshold: number;
  pairs: number;
}

interface Item {
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

function ngrams(x: Analysis, n: number): Set<string> {
  const out = new Set<string>();
  const ids = x.tokens.stems;
  for (let i = 0; i + n <= ids.length; i++) out.add(Array.from(ids.subarray(i, i + n)).join(','));
  return out;
}

function overlap(p: Set<string>, q: Set<string>): number {
  if (p.size === 0 || q.size === 0) return 0;
  let n = 0;
  for (const x of p) if (q.has(x)) n++;
  return (2 * n) / (p.size + q.size);
}

function capitalised(x: Analysis): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < x.tokens.forms.length; i++) if (x.tokens.caps[i] || x.tokens.numeric[i]) out.add(x.tokens.stems[i]!);
  return out;
}

/** Lexical features of a sentence pair. */
export function pairFeatures(a: string, b: string): number[] {
  const x = analyzeText(a, [[0, a.length]]);
  const y = analyzeText(b, [[0, b.length]]);
  const bx = bagOf(x.sentences);
  const by = bagOf(y.sentences);
  const nx = Math.max(1, bx.keys.length);
  const ny = Math.max(1, by.keys.length);
  const exact = intersectCount(bx.keys, by.keys);
  const canon = intersectCount(bx.canons, by.canons);
  const lx = x.tokens.forms.length;
  const ly = y.tokens.forms.length;
  let same = 0;
  for (const op of diffTokens(x.tokens, 0, lx, y.tokens, 0, ly)) if (op.op === 'same') same += op.a1 - op.a0;
  const numX = new Set(bx.numbers);
  const numY = new Set(by.numbers);
  const numbersDiffer = [...numX].some((n) => !numY.has(n)) || [...numY].some((n) => !numX.has(n)) ? 1 : 0;
  const numbersOneSided = (numX.size === 0) !== (numY.size === 0) ? 1 : 0;
  const cx = capitalised(x);
  const cy = capitalised(y);
  let capShared = 0;
  for (const c of cx) if (cy.has(c)) capShared++;
  const capUnion = cx.size + cy.size - capShared;
  return [
    bagSimilarity(bx, by),
    (2 * exact) / (nx + ny),
    (2 * canon) / (nx + ny),
    exact / nx,
    exact / ny,
    Math.min(canon / nx, canon / ny),
    same / Math.max(1, Math.max(lx, ly)),
    same / Math.max(1, Math.min(lx, ly)),
    overlap(ngrams(x, 2), ngrams(y, 2)),
    overlap(ngrams(x, 3), ngrams(y, 3)),
    Math.min(lx, ly) / Math.max(1, lx, ly),
    numbersDiffer,
    numbersOneSided,
    capUnion === 0 ? 1 : capShared / capUnion,
    (nx - exact) / nx + (ny - exact) / ny,
  ];
}

/** Logistic regression, L2-regularised, batch gradient descent on standardised features. */
function train(X: number[][], y: number[], epochs = 400, rate = 0.5, l2 = 1e-3): (f: number[]) => number {
  const d = X[0]!.length;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const r of X) r.forEach((v, j) => (mean[j]! += v / X.length));
  for (const r of X) r.forEach((v, j) => (sd[j]! += (v - mean[j]!) ** 2 / X.length));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  const Z = X.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  const w = new Float64Array(d + 1);
  for (let e = 0; e < epochs; e++) {
    const g = new Float64Array(d + 1);
    for (let i = 0; i < Z.length; i++) {
      let z = w[d]!;
      for (let j = 0; j < d; j++) z += w[j]! * Z[i]![j]!;
      const err = 1 / (1 + Math.exp(-z)) - y[i]!;
      for (let j = 0; j < d; j++) g[j]! += err * Z[i]![j]!;
      g[d]! += err;
    }
    for (let j = 0; j <= d; j++) w[j]! -= rate * (g[j]! / Z.length + (j < d ? l2 * w[j]! : 0));
  }
  return (f) => {
    let z = w[d]!;
    for (let j = 0; j < d; j++) z += (w[j]! * (f[j]! - mean[j]!)) / sd[j]!;
    return 1 / (1 + Math.exp(-z));
  };
}

function scores(p: number[], y: number[], t: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  p.forEach((v, i) => {
    const hit = v >= t;
    if (hit && y[i]) tp++;
    else if (hit) fp++;
    else if (y[i]) fn++;
    else tn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return { f1, precision, recall, accuracy: (tp + tn) / Math.max(1, p.length) };
}

/** Threshold maximising F1 on the given predictions. */
export function bestThreshold(p: number[], y: number[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.05; t < 0.95; t += 0.01) {
    const { f1 } = scores(p, y, t);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}

/** 10-fold cross-validated paraphrase detection on an MRPC split. */
export function evalPairsMrpc(tsvPath: string, folds = 10): MrpcResult {
  const items = readMrpc(tsvPath);
  const X = items.map((it) => pairFeatures(it.a, it.b));
  const y = items.map((it) => it.label);
  const heldOut = new Array<number>(items.length).fill(0);
  const predicted = new Array<number>(items.length).fill(0);
  for (let k = 0; k < folds; k++) {
    const trainIdx = items.map((_, i) => i).filter((i) => i % folds !== k);
    const model = train(trainIdx.map((i) => X[i]!), trainIdx.map((i) => y[i]!));
    const t = bestThreshold(trainIdx.map((i) => model(X[i]!)), trainIdx.map((i) => y[i]!));
    for (let i = k; i < items.length; i += folds) {
      heldOut[i] = model(X[i]!);
      predicted[i] = heldOut[i]! >= t ? 1 : 0;
    }
  }
  const s = scores(predicted, y, 0.5);
  const full = train(X, y);
  const threshold = bestThreshold(X.map((f) => full(f)), y);
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { f1: r(s.f1), accuracy: r(s.accuracy), precision: r(s.precision), recall: r(s.recall), threshold, pairs: items.length };
}
