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
  const key = `${threshold}/${numPerm}/${falsePositiveWeight}/${falseNegativeWeight}/${minRows}`;
  let params = solved.get(key);
  if (!params) solved.set(key, (params = solveParams(threshold, numPerm, falsePositiveWeight, falseNegativeWeight, minRows)));
  return { ...params };
}

/** Parameters already solved (the numeric integration takes milliseconds; every index would redo it). */
const solved = new Map<string, LshParams>();

function solveParams(threshold: number, numPerm: number, falsePositiveWeight: number, falseNegativeWeight: number, minRows: number): LshParams {
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

/** Marks an unused cell of an LshTable. */
const FREE = -2;
/** Initial cells (and entries) of an LshTable: 128 KB, room for ~100 articles before the first rehash. */
const INITIAL_CELLS = 1 << 13;

/**
 * Buckets of all bands in one open-addressing table: band key (band number mixed
 * in) → a chain of entries, each one slot. Typed arrays only, so a million
 * entries cost ~20 MB and lookups do not box keys.
 */
export class LshTable {
  readonly bands: number;
  readonly rows: number;
  /**
   * Hash table cells, interleaved so a probe touches one cache line: [2c] key,
   * [2c + 1] head entry (-1: key present, chain empty; FREE: cell unused).
   */
  private cells = new Int32Array(2 * INITIAL_CELLS).fill(FREE);
  private mask = INITIAL_CELLS - 1;
  private occupied = 0;
  /** Entry pool: slot and next entry (-1 ends a chain); removed entries form a free list. */
  private slotOf = new Int32Array(INITIAL_CELLS);
  private nextOf = new Int32Array(INITIAL_CELLS);
  private entries = 0;
  private freeEntry = -1;
  /** Keys of one `insert`. */
  private scratch = new Int32Array(0);
  /** What the read-ahead in `addKeys` read (kept so the reads are not optimised away). */
  private touched = 0;

  constructor(params: LshParams) {
    this.bands = params.bands;
    this.rows = params.rows;
  }

  /** Band key of `sig`'s band `band` (as an int32); a `salt` keeps another layer's keys apart. */
  key(sig: ArrayLike<number>, band: number, salt = 0): number {
    let h = Math.imul(band + 1 + salt, 0x9e3779b1) >>> 0;
    const from = band * this.rows;
    for (let i = from; i < from + this.rows; i++) h = combine(h, sig[i]!);
    return fmix32(h) | 0;
  }

  /** Writes the `bands` keys of `sig` into `into` from index `at` (see `key`). */
  keysInto(sig: ArrayLike<number>, into: Int32Array, at: number, salt = 0): void {
    for (let b = 0; b < this.bands; b++) into[at + b] = this.key(sig, b, salt);
  }

  /** Cell of `key`: where it is, or the unused cell where it would go. Keys are hashes: their low bits pick the cell. */
  private cell(key: number): number {
    const { cells, mask } = this;
    let c = key & mask;
    for (;;) {
      if (cells[2 * c + 1] === FREE || cells[2 * c] === key) return c;
      c = (c + 1) & mask;
    }
  }

  insert(slot: number, sig: ArrayLike<number>): void {
    if (this.scratch.length < this.bands) this.scratch = new Int32Array(this.bands);
    this.keysInto(sig, this.scratch, 0);
    this.addKeys(slot, this.scratch, this.bands);
  }

  /**
   * Files `slot` under `keys[0, n)`, keys distinct from each other and from those `slot` is already
   * filed under. The cells are read once before any is written: independent reads whose cache
   * misses overlap, where one insert after another would wait for each miss in turn.
   */
  addKeys(slot: number, keys: Int32Array, n: number): void {
    if ((this.occupied + n) * 2 > this.mask + 1) this.rehash(n);
    const { cells, mask } = this;
    let touched = 0;
    for (let i = 0; i < n; i++) touched |= cells[2 * (keys[i]! & mask) + 1]!;
    this.touched = touched;
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const c = this.cell(k);
      if (cells[2 * c + 1] === FREE) {
        cells[2 * c] = k;
        cells[2 * c + 1] = -1;
        this.occupied++;
      }
      const e = this.newEntry();
      this.slotOf[e] = slot;
      this.nextOf[e] = cells[2 * c + 1]!;
      cells[2 * c + 1] = e;
    }
  }

  /** Files `slot` under a band key computed elsewhere (a repeat of the chain head is skipped). */
  addKey(slot: number, k: number): void {
    let c = this.cell(k);
    if (this.cells[2 * c + 1] === FREE) {
      if ((this.occupied + 1) * 2 > this.mask + 1) {
        this.rehash(1);
        c = this.cell(k);
      }
      this.cells[2 * c] = k;
      this.cells[2 * c + 1] = -1;
      this.occupied++;
    }
    const head = this.cells[2 * c + 1]!;
    // One slot's signatures are inserted together: a repeat is at the chain head.
    if (head >= 0 && this.slotOf[head] === slot) return;
    const e = this.newEntry();
    this.slotOf[e] = slot;
    this.nextOf[e] = head;
    this.cells[2 * c + 1] = e;
  }

  /** Calls `hit` for the slots filed under key `k`, latest filed first, at most `limit`. */
  forKey(k: number, limit: number, hit: (slot: number) => void): void {
    let n = 0;
    for (let e = this.cells[2 * this.cell(k) + 1]!; e >= 0 && n < limit; e = this.nextOf[e]!, n++) hit(this.slotOf[e]!);
  }

  remove(slot: number, sig: ArrayLike<number>): void {
    for (let b = 0; b < this.bands; b++) {
      const c = this.cell(this.key(sig, b));
      let prev = -1;
      for (let e = this.cells[2 * c + 1]!; e >= 0; prev = e, e = this.nextOf[e]!) {
        if (this.slotOf[e] !== slot) continue;
        if (prev < 0) this.cells[2 * c + 1] = this.nextOf[e]!;
        else this.nextOf[prev] = this.nextOf[e]!;
        this.nextOf[e] = this.freeEntry;
        this.freeEntry = e;
        break;
      }
    }
  }

  /** Calls `hit(slot)` once per (band, slot) collision; a slot may be reported by several bands. */
  query(sig: ArrayLike<number>, hit: (slot: number) => void): void {
    for (let b = 0; b < this.bands; b++) {
      const c = this.cell(this.key(sig, b));
      for (let e = this.cells[2 * c + 1]!; e >= 0; e = this.nextOf[e]!) hit(this.slotOf[e]!);
    }
  }

  private newEntry(): number {
    if (this.freeEntry >= 0) {
      const e = this.freeEntry;
      this.freeEntry = this.nextOf[e]!;
      return e;
    }
    if (this.entries === this.slotOf.length) {
      const slots = new Int32Array(this.entries * 2);
      slots.set(this.slotOf);
      this.slotOf = slots;
      const next = new Int32Array(this.entries * 2);
      next.set(this.nextOf);
      this.nextOf = next;
    }
    return this.entries++;
  }

  /** Drops keys whose chains emptied, and doubles the table as needed to take `extra` more keys at most half full. */
  private rehash(extra: number): void {
    const old = this.cells;
    const size = this.mask + 1;
    let live = 0;
    for (let c = 0; c < size; c++) if (old[2 * c + 1]! >= 0) live++;
    let cap = (live + 1) * 4 > size ? size * 2 : size;
    while ((live + extra) * 2 > cap) cap *= 2;
    this.cells = new Int32Array(2 * cap).fill(FREE);
    this.mask = cap - 1;
    this.occupied = 0;
    for (let c = 0; c < size; c++) {
      if (old[2 * c + 1]! < 0) continue;
      const to = this.cell(old[2 * c]!);
      this.cells[2 * to] = old[2 * c]!;
      this.cells[2 * to + 1] = old[2 * c + 1]!;
      this.occupied++;
    }
  }
}
