/**
 * One-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification
 * (Shrivastava 2017): one hash per element, `numPerm` bins, empty bins borrow the
 * value of a non-empty bin chosen by a per-bin universal hash sequence, so two
 * sets agree on a bin with probability equal to their Jaccard similarity.
 *
 * Signatures are b-bit (Li & König 2010): each bin keeps the low 16 bits of its
 * 32-bit minimum, so two different minima agree by chance with probability
 * 2^-16 — invisible next to the estimator's own error, at half the bytes.
 */
import { fmix32, hashInt } from './hash.js';

/** A signature: one 16-bit value per bin. */
export type Signature = Uint16Array;

/** Marks a bin no element fell into (a signature of the empty set is all EMPTY). */
export const EMPTY = 0xffff;

const SEED = 0x5bd1e995;
const NONE = 0xffffffff;
/** Densification probes precomputed per bin (more are computed on demand). */
const PROBES = 16;
const probeTables = new Map<number, Uint16Array>();

function probe(k: number, bin: number, attempt: number): number {
  return Math.floor((hashInt(attempt, bin * 0x2c1b3c6d + 1) / 4294967296) * k);
}

function probeTable(k: number): Uint16Array {
  let t = probeTables.get(k);
  if (!t) {
    t = new Uint16Array(k * PROBES);
    for (let i = 0; i < k; i++) for (let a = 0; a < PROBES; a++) t[i * PROBES + a] = probe(k, i, a + 1);
    probeTables.set(k, t);
  }
  return t;
}

/**
 * Streaming signature builder: `reset(k)`, `pushAll(hashes, n)` as often as needed (duplicates
 * allowed), `finish(out)`. One instance is reused across articles.
 */
export class MinHasher {
  private mins = new Uint32Array(64);
  private k = 0;
  private filled = 0;

  reset(k: number): void {
    if (this.mins.length < k) this.mins = new Uint32Array(k);
    this.mins.fill(NONE, 0, k);
    this.k = k;
    this.filled = 0;
  }

  /** Adds the element hashes `elements[0, n)` (duplicates allowed). */
  pushAll(elements: Uint32Array, n: number): void {
    const { mins, k } = this;
    let filled = this.filled;
    for (let i = 0; i < n; i++) {
      let h = fmix32(elements[i]! ^ SEED);
      if (h === NONE) h = NONE - 1;
      // Bins are contiguous ranges of the permuted value (multiply-shift on the high bits).
      const bin = ((h >>> 16) * k) >>> 16;
      const cur = mins[bin]!;
      if (h < cur) {
        if (cur === NONE) filled++;
        mins[bin] = h;
      }
    }
    this.filled = filled;
  }

  /** Writes the densified 16-bit signature into `out[at, at + k)`. */
  finish(out: Signature, at = 0): Signature {
    const { mins, k } = this;
    if (this.filled === 0) return out.fill(EMPTY, at, at + k);
    for (let i = 0; i < k; i++) {
      const m = mins[i]!;
      const v = m & 0xffff;
      out[at + i] = m === NONE ? EMPTY : v === EMPTY ? EMPTY - 1 : v;
    }
    if (this.filled < k) densify(out, at, mins, k);
    return out;
  }
}

/** Fill empty bins of `sig[at, at + k)` in place from the non-empty bins of `mins` (optimal densification). */
function densify(sig: Signature, at: number, mins: Uint32Array, k: number): void {
  const table = probeTable(k);
  for (let i = 0; i < k; i++) {
    if (mins[i] !== NONE) continue;
    let a = 0;
    for (; a < PROBES; a++) {
      const j = table[i * PROBES + a]!;
      if (mins[j] !== NONE) {
        sig[at + i] = sig[at + j]!;
        break;
      }
    }
    for (let attempt = PROBES + 1; a === PROBES; attempt++) {
      const j = probe(k, i, attempt);
      if (mins[j] !== NONE) {
        sig[at + i] = sig[at + j]!;
        break;
      }
    }
  }
}

const shared = new MinHasher();

/** Signature of a set given by its element hashes (duplicates allowed). */
export function minhash(elements: Uint32Array, numPerm: number): Signature {
  shared.reset(numPerm);
  shared.pushAll(elements, elements.length);
  return shared.finish(new Uint16Array(numPerm));
}

/** Estimated Jaccard similarity: fraction of agreeing bins (0 when either set is empty). */
export function jaccard(a: Signature, b: Signature): number {
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
