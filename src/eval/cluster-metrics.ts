/**
 * Clustering quality against gold labels: NMI (arithmetic-mean normalisation, as in scikit-learn
 * and the MStream paper's evaluation), B-cubed F1 and pairwise F1. Labels are parallel arrays.
 */
export interface ClusterScores {
  nmi: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  pairwisePrecision: number;
  pairwiseRecall: number;
  pairwiseF1: number;
}

function counts<T>(labels: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function entropy(sizes: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of sizes) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

export function scoreClusters<P, G>(predicted: readonly P[], gold: readonly G[]): ClusterScores {
  const n = predicted.length;
  if (n !== gold.length) throw new RangeError(`label arrays differ in length: ${n} vs ${gold.length}`);
  if (n === 0) return { nmi: 1, bcubedPrecision: 1, bcubedRecall: 1, bcubedF1: 1, pairwisePrecision: 1, pairwiseRecall: 1, pairwiseF1: 1 };
  const p = counts(predicted);
  const g = counts(gold);
  const joint = new Map<string, { p: P; g: G; c: number }>();
  for (let i = 0; i < n; i++) {
    const key = `${String(predicted[i])}\u0000${String(gold[i])}`;
    const cell = joint.get(key);
    if (cell) cell.c++;
    else joint.set(key, { p: predicted[i]!, g: gold[i]!, c: 1 });
  }
  let mi = 0;
  let bcP = 0;
  let bcR = 0;
  let pairsSame = 0;
  for (const { p: pl, g: gl, c } of joint.values()) {
    const pc = p.get(pl)!;
    const gc = g.get(gl)!;
    mi += (c / n) * Math.log((n * c) / (pc * gc));
    bcP += (c * c) / pc;
    bcR += (c * c) / gc;
    pairsSame += (c * (c - 1)) / 2;
  }
  const hp = entropy(p.values(), n);
  const hg = entropy(g.values(), n);
  const nmi = hp + hg > 0 ? (2 * mi) / (hp + hg) : 1;
  let pairsP = 0;
  let pairsG = 0;
  for (const c of p.values()) pairsP += (c * (c - 1)) / 2;
  for (const c of g.values()) pairsG += (c * (c - 1)) / 2;
  const pwP = pairsP > 0 ? pairsSame / pairsP : 1;
  const pwR = pairsG > 0 ? pairsSame / pairsG : 1;
  return {
    nmi,
    bcubedPrecision: bcP / n,
    bcubedRecall: bcR / n,
    bcubedF1: f1(bcP / n, bcR / n),
    pairwisePrecision: pwP,
    pairwiseRecall: pwR,
    pairwiseF1: f1(pwP, pwR),
  };
}
