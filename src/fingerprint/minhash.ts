/**
 * One-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification
 * (Shrivastava 2017): one hash per element, `numPerm` bins, empty bins borrow the
 * value of a non-empty bin chosen by a per-bin universal hash sequence, so two
 * sets agree on a bin with probability equal to their Jaccard similarity.
 */
import { fmix32, hashInt } from './hash.js';

/** Marks a bin no element fell into (a signature of the empty set is all EMPTY). */
export const EMPTY = 0xffffffff;

const SEED = 0x5bd1e995;

/** Signature of a set given by its element hashes (duplicates allowed). */
export function minhash(elements: Uint32Array, numPerm: number): Uint32Array {
  const sig = new Uint32Array(numPerm).fill(EMPTY);
  for (let i = 0; i < elements.length; i++) {
    const h = fmix32(elements[i]! ^ SEED);
    // Bin from the high bits (multiply-shift), value from an independent remix.
    const bin = Math.floor((h / 4294967296) * numPerm);
    const v = fmix32(h + 0x9e3779b9) >>> 0;
    const value = v === EMPTY ? EMPTY - 1 : v;
    if (value < sig[bin]!) sig[bin] = value;
  }
  densify(sig);
  return sig;
}

/** Fill empty bins in place (optimal densification). No-op for an all-empty signature. */
export function densify(sig: Uint32Array): void {
  const k = sig.length;
  let filled = 0;
  for (let i = 0; i < k; i++) if (sig[i] !== EMPTY) filled++;
  if (filled === 0 || filled === k) return;
  const orig = Uint32Array.from(sig);
  for (let i = 0; i < k; i++) {
    if (orig[i] !== EMPTY) continue;
    for (let attempt = 1; ; attempt++) {
      const j = Math.floor((hashInt(attempt, i * 0x2c1b3c6d + 1) / 4294967296) * k);
      if (orig[j] !== EMPTY) {
        sig[i] = orig[j]!;
        break;
      }
    }
  }
}

/** Estimated Jaccard similarity: fraction of agreeing bins (0 when either set is empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const k = Math.min(a.length, b.length);
  if (k === 0 || a[0] === EMPTY || b[0] === EMPTY) return 0;
  let same = 0;
  for (let i = 0; i < k; i++) if (a[i] === b[i]) same++;
  return same / k;
}

/**
 * Containment of A in B, |A ∩ B| / |A|, from the Jaccard estimate and the set sizes:
 * |A ∩ B| = J (|A| + |B|) / (1 + J). Clamped to [0, 1].
 */
export function containment(j: number, sizeA: number, sizeB: number): number {
  if (sizeA <= 0 || j <= 0) return 0;
  const c = (j * (sizeA + sizeB)) / ((1 + j) * sizeA);
  return c > 1 ? 1 : c;
}
