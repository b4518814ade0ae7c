import * as fs from 'node:fs';
import { readMrpc } from '../src/align/eval-mrpc.js';
import { sideOf, fixedFeatures, FIXED_FEATURE_NAMES } from '../src/align/paraphrase-features.js';
import { trainLogistic, trainStumps, scoreAt, bestThresholdF1, type Scorer } from '../src/align/paraphrase-model.js';

const file = '/work/shared/eval/pairs-mrpc';
const items = readMrpc(file);
const cache = '/tmp/mrpc-fixed.json';
let X: number[][];
const t0 = performance.now();
if (fs.existsSync(cache) && !process.env.FRESH) X = JSON.parse(fs.readFileSync(cache, 'utf8'));
else {
  X = items.map((it) => fixedFeatures(sideOf(it.a), sideOf(it.b)));
  fs.writeFileSync(cache, JSON.stringify(X));
}
console.log('features', ((performance.now() - t0) / 1000).toFixed(1), 's', X[0]!.length, FIXED_FEATURE_NAMES.length);
const y = items.map((it) => it.label);
function cv(fit: (X: number[][], y: number[]) => Scorer, name: string) {
  const t = performance.now();
  const pred = new Array<number>(items.length).fill(0);
  for (let k = 0; k < 10; k++) {
    const tr = items.map((_, i) => i).filter((i) => i % 10 !== k);
    const m = fit(tr.map((i) => X[i]!), tr.map((i) => y[i]!));
    const th = bestThresholdF1(tr.map((i) => m(X[i]!)), tr.map((i) => y[i]!));
    for (let i = k; i < items.length; i += 10) pred[i] = m(X[i]!) >= th ? 1 : 0;
  }
  const s = scoreAt(pred, y, 0.5);
  console.log(name, JSON.stringify(s), ((performance.now() - t) / 1000).toFixed(1));
}
cv((a, b) => trainLogistic(a, b), 'lr');
cv((a, b) => trainLogistic(a, b, { l2: 1e-2 }), 'lr l2=.01');
cv((a, b) => trainStumps(a, b), 'stumps200');
cv((a, b) => trainStumps(a, b, { rounds: 400, shrink: 0.05 }), 'stumps400');
