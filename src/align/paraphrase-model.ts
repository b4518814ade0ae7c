/**
 * Small classifiers for paraphrase detection, written out (no packages): logistic regression
 * on standardised features with L2 (full-batch Adam), and gradient-boosted depth-1 trees
 * (stumps) on quantile bins. Both return a scoring function giving P(paraphrase).
 */

export type Scorer = (f: ArrayLike<number>) => number;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Column means and standard deviations. */
function moments(X: ArrayLike<number>[], d: number): [Float64Array, Float64Array] {
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const r of X) for (let j = 0; j < d; j++) mean[j]! += r[j]! / X.length;
  for (const r of X) for (let j = 0; j < d; j++) sd[j]! += (r[j]! - mean[j]!) ** 2 / X.length;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  return [mean, sd];
}

export interface LogisticOptions {
  l2?: number;
  epochs?: number;
  rate?: number;
}

/** L2-regularised logistic regression on standardised features. */
export function trainLogistic(X: ArrayLike<number>[], y: ArrayLike<number>, opts: LogisticOptions = {}): Scorer {
  const { l2 = 1e-3, epochs = 300, rate = 0.05 } = opts;
  const n = X.length;
  const d = X[0]!.length;
  const [mean, sd] = moments(X, d);
  const Z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Z[i * d + j] = (X[i]![j]! - mean[j]!) / sd[j]!;
  const w = new Float64Array(d + 1);
  const m1 = new Float64Array(d + 1);
  const m2 = new Float64Array(d + 1);
  const g = new Float64Array(d + 1);
  for (let e = 1; e <= epochs; e++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let z = w[d]!;
      const o = i * d;
      for (let j = 0; j < d; j++) z += w[j]! * Z[o + j]!;
      const err = sigmoid(z) - y[i]!;
      for (let j = 0; j < d; j++) g[j]! += err * Z[o + j]!;
      g[d]! += err;
    }
    for (let j = 0; j <= d; j++) {
      const grad = g[j]! / n + (j < d ? l2 * w[j]! : 0);
      m1[j] = 0.9 * m1[j]! + 0.1 * grad;
      m2[j] = 0.999 * m2[j]! + 0.001 * grad * grad;
      const step = (m1[j]! / (1 - 0.9 ** e)) / (Math.sqrt(m2[j]! / (1 - 0.999 ** e)) + 1e-8);
      w[j]! -= rate * step;
    }
  }
  return (f) => {
    let z = w[d]!;
    for (let j = 0; j < d; j++) z += (w[j]! * (f[j]! - mean[j]!)) / sd[j]!;
    return sigmoid(z);
  };
}

export interface BoostOptions {
  rounds?: number;
  shrink?: number;
  bins?: number;
}

interface Stump {
  feature: number;
  cut: number;
  left: number;
  right: number;
}

/** Gradient-boosted stumps (logistic loss, Newton leaf values) over quantile cut points. */
function trainStumps(X: ArrayLike<number>[], y: ArrayLike<number>, opts: BoostOptions = {}): Scorer {
  const { rounds = 200, shrink = 0.1, bins = 32 } = opts;
  const n = X.length;
  const d = X[0]!.length;
  // Bin each feature by quantiles; cut k means "value <= cuts[j][k]".
  const cuts: Float64Array[] = [];
  const binOf = new Uint8Array(n * d);
  for (let j = 0; j < d; j++) {
    const vals = Float64Array.from(X, (r) => r[j]!).sort();
    const c: number[] = [];
    for (let k = 1; k < bins; k++) {
      const v = vals[Math.floor((k * n) / bins)]!;
      if (c.length === 0 || v > c[c.length - 1]!) c.push(v);
    }
    cuts.push(Float64Array.from(c));
    for (let i = 0; i < n; i++) {
      const v = X[i]![j]!;
      let b = 0;
      while (b < c.length && v > c[b]!) b++;
      binOf[i * d + j] = b;
    }
  }
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const base = Math.log((pos + 1) / (n - pos + 1));
  const F = new Float64Array(n).fill(base);
  const stumps: Stump[] = [];
  const G = new Float64Array(bins + 1);
  const H = new Float64Array(bins + 1);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    let gSum = 0;
    let hSum = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(F[i]!);
      grad[i] = y[i]! - p;
      hess[i] = Math.max(p * (1 - p), 1e-6);
      gSum += grad[i]!;
      hSum += hess[i]!;
    }
    let best: Stump | null = null;
    let bestGain = 0;
    for (let j = 0; j < d; j++) {
      G.fill(0);
      H.fill(0);
      for (let i = 0; i < n; i++) {
        const b = binOf[i * d + j]!;
        G[b]! += grad[i]!;
        H[b]! += hess[i]!;
      }
      let gl = 0;
      let hl = 0;
      const c = cuts[j]!;
      for (let k = 0; k < c.length; k++) {
        gl += G[k]!;
        hl += H[k]!;
        const gr = gSum - gl;
        const hr = hSum - hl;
        if (hl < 1 || hr < 1) continue;
        const gain = (gl * gl) / hl + (gr * gr) / hr - (gSum * gSum) / hSum;
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: j, cut: c[k]!, left: gl / (hl + 1), right: gr / (hr + 1) };
        }
      }
    }
    if (!best) break;
    best.left *= shrink;
    best.right *= shrink;
    stumps.push(best);
    for (let i = 0; i < n; i++) F[i]! += X[i]![best.feature]! <= best.cut ? best.left : best.right;
  }
  return (f) => {
    let z = base;
    for (const s of stumps) z += f[s.feature]! <= s.cut ? s.left : s.right;
    return sigmoid(z);
  };
}

export interface Scores {
  f1: number;
  accuracy: number;
  precision: number;
  recall: number;
}

/** Precision, recall, F1 and accuracy of scores thresholded at `t` (score >= t is a paraphrase). */
export function scoreAt(p: ArrayLike<number>, y: ArrayLike<number>, t: number): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < p.length; i++) {
    const hit = p[i]! >= t;
    if (hit && y[i]) tp++;
    else if (hit) fp++;
    else if (y[i]) fn++;
    else tn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return { f1, precision, recall, accuracy: (tp + tn) / Math.max(1, p.length) };
}

/** Threshold (0.05..0.95, step 0.01) maximising F1 on the given scores; ties keep the higher accuracy. */
export function bestThresholdF1(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let best = 0.5;
  let bestF1 = -1;
  let bestAcc = -1;
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const s = scoreAt(p, y, t);
    if (s.f1 > bestF1 + 1e-12 || (Math.abs(s.f1 - bestF1) <= 1e-12 && s.accuracy > bestAcc)) {
      bestF1 = s.f1;
      bestAcc = s.accuracy;
      best = t;
    }
  }
  return best;
}
