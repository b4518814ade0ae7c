/**
 * MRPC paraphrase detection, 10-fold cross-validated on the train split:
 *   node dist/bench/align-mrpc.js [path-to-pairs-mrpc]
 * Prints the logistic-regression result (the one `wiretrace eval pairs-mrpc` reports) and,
 * for reference, `sentenceSimilarity` alone with its threshold chosen inside the same folds.
 */
import { evalPairsMrpc, readMrpc, bestThreshold } from '../src/align/eval-mrpc.js';
import { sentenceSimilarity } from '../src/align/similarity.js';

const file = process.argv[2] ?? new URL('../../../shared/eval/pairs-mrpc', import.meta.url).pathname;
const t0 = performance.now();
const result = evalPairsMrpc(file);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ model: 'logistic regression on 15 lexical features, 10-fold CV', ...result, seconds: Math.round(seconds * 10) / 10 }));

const items = readMrpc(file);
const sims = items.map((it) => sentenceSimilarity(it.a, it.b));
const labels = items.map((it) => it.label);
let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
for (let k = 0; k < 10; k++) {
  const train = items.map((_, i) => i).filter((i) => i % 10 !== k);
  const t = bestThreshold(train.map((i) => sims[i]!), train.map((i) => labels[i]!));
  for (let i = k; i < items.length; i += 10) {
    const hit = sims[i]! >= t;
    if (hit && labels[i]) tp++;
    else if (hit) fp++;
    else if (labels[i]) fn++;
    else tn++;
  }
}
const precision = tp / (tp + fp);
const recall = tp / (tp + fn);
console.log(JSON.stringify({
  model: 'sentenceSimilarity alone, threshold chosen per fold',
  f1: Math.round((20000 * precision * recall) / (precision + recall)) / 10000,
  accuracy: Math.round(((tp + tn) / items.length) * 10000) / 10000,
  threshold: bestThreshold(sims, labels),
}));
const positives = labels.filter((l) => l === 1).length / labels.length;
console.log(JSON.stringify({ model: 'all positive', f1: Math.round((20000 * positives) / (1 + positives)) / 10000, accuracy: Math.round(positives * 10000) / 10000 }));
