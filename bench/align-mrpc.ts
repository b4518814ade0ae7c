/**
 * MRPC paraphrase detection on the train split:
 *   node dist/bench/align-mrpc.js [path-to-pairs-mrpc]
 * Prints what `wiretrace eval pairs-mrpc` reports (learned on the train file, scored on the file
 * given: here the same file, so in-sample), then 10-fold cross-validated references on the train
 * split: the fixed features alone, `sentenceSimilarity` alone and the all-positive baseline.
 */
import { evalPairsMrpc, readMrpc, pairFeatures } from '../src/eval/eval-mrpc.js';
import { sentenceSimilarity } from '../src/align/similarity.js';
import { trainLogistic, bestThresholdF1, scoreAt } from '../src/align/paraphrase-model.js';

const file = process.argv[2] ?? new URL('../../../shared/eval/pairs-mrpc', import.meta.url).pathname;
const r = (v: number) => Math.round(v * 10000) / 10000;
const t0 = performance.now();
const result = evalPairsMrpc(file);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ model: 'eval pairs-mrpc: learned on train, scored on the file given', ...result, seconds: Math.round(seconds * 10) / 10 }));

const items = readMrpc(file);
const labels = items.map((it) => it.label);

/** Held-out decisions of a per-fold thresholded scorer. */
function crossValidated(fit: (train: number[]) => { score: (i: number) => number; threshold: number }) {
  const predicted = new Array<number>(items.length).fill(0);
  for (let k = 0; k < 10; k++) {
    const train = items.map((_, i) => i).filter((i) => i % 10 !== k);
    const m = fit(train);
    for (let i = k; i < items.length; i += 10) predicted[i] = m.score(i) >= m.threshold ? 1 : 0;
  }
  const s = scoreAt(predicted, labels, 0.5);
  return { f1: r(s.f1), accuracy: r(s.accuracy), precision: r(s.precision), recall: r(s.recall) };
}

const fixed = items.map((it) => pairFeatures(it.a, it.b));
console.log(JSON.stringify({
  model: 'logistic regression, fixed features only, 10-fold CV',
  ...crossValidated((train) => {
    const m = trainLogistic(train.map((i) => fixed[i]!), train.map((i) => labels[i]!), { l2: 1e-4 });
    const threshold = bestThresholdF1(train.map((i) => m(fixed[i]!)), train.map((i) => labels[i]!));
    return { score: (i) => m(fixed[i]!), threshold };
  }),
}));

const sims = items.map((it) => sentenceSimilarity(it.a, it.b));
console.log(JSON.stringify({
  model: 'sentenceSimilarity alone, threshold chosen per fold, 10-fold CV',
  ...crossValidated((train) => ({
    score: (i) => sims[i]!,
    threshold: bestThresholdF1(train.map((i) => sims[i]!), train.map((i) => labels[i]!)),
  })),
  threshold: bestThresholdF1(sims, labels),
}));
const positives = labels.filter((l) => l === 1).length / labels.length;
console.log(JSON.stringify({ model: 'all positive', f1: r((2 * positives) / (1 + positives)), accuracy: r(positives) }));
