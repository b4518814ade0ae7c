/**
 * MRPC evaluation: learned on the MRPC train file, scored on the file given (no cross-validation on
 * the scored file). The product's own measure is `sentenceSimilarity`, the score the aligner gives
 * sentence pairs (relate and compare use it); only its threshold is learned, on train. The trained
 * paraphrase detector (paraphrase-detect.ts: MT-metric-like features, TF-KLD term weights, logistic
 * regression) is reported beside it for reference: relate and compare do not call it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sentenceSimilarity } from '../align/similarity.js';
import { sideOf, fixedFeatures } from '../align/paraphrase-features.js';
import { trainParaphraseDetector } from '../align/paraphrase-detect.js';
import { scoreAt, bestThresholdF1 } from '../align/paraphrase-model.js';

/** The MRPC train file's name, looked for beside the scored file when no train file is given. */
const MRPC_TRAIN = 'msr_paraphrase_train.txt';

interface MrpcScores {
  f1: number;
  accuracy: number;
  precision: number;
  recall: number;
  /** Decision threshold, learned on the train file. */
  threshold: number;
}

export interface MrpcResult {
  /** `sentenceSimilarity`, the product's sentence-pair score, at the threshold learned on train. */
  sentenceSimilarity: MrpcScores;
  /** The trained paraphrase detector (learned on train): a reference figure, not used by relate or compare. */
  trainedDetector: MrpcScores;
  /** Answering "paraphrase" for every pair. */
  allParaphraseF1: number;
  pairs: number;
  trainPairs: number;
  /** True when the scored file is the train file itself (in-sample figures). */
  inSample: boolean;
  file: string;
  train: string;
}

export interface Item {
  label: number;
  a: string;
  b: string;
}

/** An MRPC TSV file: a folder means its train file (or its one .txt/.tsv file). */
function mrpcFile(tsvPath: string): string {
  if (!fs.statSync(tsvPath).isDirectory()) return tsvPath;
  const names = fs.readdirSync(tsvPath);
  const name = names.includes(MRPC_TRAIN) ? MRPC_TRAIN : names.find((f) => /\.(tsv|txt)$/.test(f) && !/readme/i.test(f));
  if (!name) throw new Error(`${tsvPath}: no .tsv or .txt file`);
  return path.join(tsvPath, name);
}

/** Read an MRPC TSV (`Quality #1 ID #2 ID #1 String #2 String`); a folder means its train file. */
export function readMrpc(tsvPath: string): Item[] {
  const lines = fs.readFileSync(mrpcFile(tsvPath), 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
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

function scores(p: number[], y: number[], threshold: number): MrpcScores {
  const s = scoreAt(p, y, threshold);
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { f1: r(s.f1), accuracy: r(s.accuracy), precision: r(s.precision), recall: r(s.recall), threshold: r(threshold) };
}

/** Learn on `options.train` (default: the MRPC train file beside `file`), score `file`. */
export function evalPairsMrpc(file: string, options: { train?: string } = {}): MrpcResult {
  const scored = mrpcFile(file);
  const trainFile = mrpcFile(options.train ?? path.join(path.dirname(scored), MRPC_TRAIN));
  const train = readMrpc(trainFile);
  const items = readMrpc(scored);
  const trainLabels = train.map((it) => it.label);
  const labels = items.map((it) => it.label);
  const threshold = bestThresholdF1(train.map((it) => sentenceSimilarity(it.a, it.b)), trainLabels);
  const detector = trainParaphraseDetector(train);
  const positive = labels.filter((l) => l === 1).length / Math.max(1, labels.length);
  return {
    sentenceSimilarity: scores(items.map((it) => sentenceSimilarity(it.a, it.b)), labels, threshold),
    trainedDetector: scores(items.map((it) => detector.probability(it.a, it.b)), labels, detector.threshold),
    allParaphraseF1: Math.round(((2 * positive) / (1 + positive)) * 10000) / 10000,
    pairs: items.length,
    trainPairs: train.length,
    inSample: path.resolve(trainFile) === path.resolve(scored),
    file: scored,
    train: trainFile,
  };
}
