/**
 * Banded LSH over MinHash signatures. Bands and rows come from a Jaccard
 * threshold and weights on the false-positive and false-negative areas under
 * the S-curve (datasketch's `_optimal_param`), integrated numerically.
 */
import { combine, fmix32 } from './hash.js';

export interface LshParams {
  bands: number;
  rows: number;
}

/** Probability a pair with Jaccard `s` shares at least one band. */
export function collisionProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

function integrate(f: (x: number) => number, a: number, b: number, steps = 64): number {
  if (b <= a) return 0;
  // Simpson's rule (steps even).
  const h = (b - a) / steps;
  let sum = f(a) + f(b);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** Bands and rows (rows ≥ minRows) minimising fpWeight·FP + fnWeight·FN for `threshold` with `numPerm` bins. */
export function optimalParams(
  threshold: number,
  numPerm: number,
  falsePositiveWeight = 0.5,
  falseNegativeWeight = 0.5,
  minRows = 1,
): LshParams {
  let best: LshParams = { bands: Math.max(1, Math.floor(numPerm / minRows)), rows: minRows };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = minRows; rows <= maxRows; rows++) {
      const fp = integrate((s) => collisionProbability(s, bands, rows), 0, threshold);
      const fn = integrate((s) => 1 - collisionProbability(s, bands, rows), threshold, 1);
      const error = falsePositiveWeight * fp + falseNegativeWeight * fn;
      if (error < bestError) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  return best;
}

/** Buckets per band: band-key hash → one slot or several. Slots are small integers. */
export class LshTable {
  readonly bands: number;
  readonly rows: number;
  private readonly buckets: Array<Map<number, number | number[]>>;

  constructor(params: LshParams) {
    this.bands = params.bands;
    this.rows = params.rows;
    this.buckets = Array.from({ length: params.bands }, () => new Map<number, number | number[]>());
  }

  private key(sig: Uint32Array, band: number): number {
    let h = Math.imul(band + 1, 0x9e3779b1) >>> 0;
    const from = band * this.rows;
    for (let i = from; i < from + this.rows; i++) h = combine(h, sig[i]!);
    return fmix32(h);
  }

  insert(slot: number, sig: Uint32Array): void {
    for (let b = 0; b < this.bands; b++) {
      const map = this.buckets[b]!;
      const k = this.key(sig, b);
      const cur = map.get(k);
      if (cur === undefined) map.set(k, slot);
      else if (typeof cur === 'number') {
        if (cur !== slot) map.set(k, [cur, slot]);
      } else if (cur[cur.length - 1] !== slot) cur.push(slot); // one slot's signatures are inserted together
    }
  }

  remove(slot: number, sig: Uint32Array): void {
    for (let b = 0; b < this.bands; b++) {
      const map = this.buckets[b]!;
      const k = this.key(sig, b);
      const cur = map.get(k);
      if (cur === undefined) continue;
      if (typeof cur === 'number') {
        if (cur === slot) map.delete(k);
        continue;
      }
      const i = cur.indexOf(slot);
      if (i >= 0) cur.splice(i, 1);
      if (cur.length === 1) map.set(k, cur[0]!);
      else if (cur.length === 0) map.delete(k);
    }
  }

  /** Calls `hit(slot)` once per (band, slot) collision; a slot may be reported by several bands. */
  query(sig: Uint32Array, hit: (slot: number) => void): void {
    for (let b = 0; b < this.bands; b++) {
      const cur = this.buckets[b]!.get(this.key(sig, b));
      if (cur === undefined) continue;
      if (typeof cur === 'number') hit(cur);
      else for (const s of cur) hit(s);
    }
  }
}
