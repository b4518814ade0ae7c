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

/** Initial buckets of an LshTable (each 4 bytes), and its initial entries (12 bytes each). */
const INITIAL_BUCKETS = 1 << 12;
/** Ends a chain. */
const NONE = -1;
/** The `slot` of a removed entry: out of every chain, its room reclaimed when the pool is compacted. */
const REMOVED = -1;

/**
 * Buckets of all bands in one chained hash table: a band key (band number mixed in) picks a
 * bucket by its low bits, and the bucket's chain holds entries (key, slot), latest first, of
 * whatever keys fall in it. Typed arrays only, about 16–20 bytes per entry, so a million entries
 * cost ~20 MB and lookups do not box keys. Filing an entry writes one bucket head, whatever the key:
 * no probing, and growing re-threads the entries in one pass over them in order.
 */
export class LshTable {
  readonly bands: number;
  readonly rows: number;
  /** Latest entry of each bucket, NONE when empty. */
  private heads = new Int32Array(INITIAL_BUCKETS).fill(NONE);
  private mask = INITIAL_BUCKETS - 1;
  /** Entries in filing order, interleaved so one entry is one cache line: [3e] key, [3e + 1] slot (REMOVED), [3e + 2] next entry of its bucket. */
  private pool = new Int32Array(3 * INITIAL_BUCKETS);
  private entries = 0;
  private removed = 0;
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

  insert(slot: number, sig: ArrayLike<number>): void {
    if (this.scratch.length < this.bands) this.scratch = new Int32Array(this.bands);
    this.keysInto(sig, this.scratch, 0);
    this.addKeys(slot, this.scratch, this.bands);
  }

  /**
   * Files `slot` under `keys[0, n)`, keys distinct from each other and from those `slot` is already
   * filed under. The bucket heads are read once before any is written: independent reads whose
   * cache misses overlap, where one filing after another would wait for each miss in turn.
   */
  addKeys(slot: number, keys: Int32Array, n: number): void {
    this.reserve(n);
    const { heads, mask, pool } = this;
    let touched = 0;
    for (let i = 0; i < n; i++) touched |= heads[keys[i]! & mask]!;
    this.touched = touched;
    let e = this.entries;
    for (let i = 0; i < n; i++, e++) {
      const k = keys[i]!;
      const b = k & mask;
      pool[3 * e] = k;
      pool[3 * e + 1] = slot;
      pool[3 * e + 2] = heads[b]!;
      heads[b] = e;
    }
    this.entries = e;
  }

  /** Files `slot` under a band key computed elsewhere (a repeat of the latest filing under that key is skipped). */
  addKey(slot: number, k: number): void {
    this.reserve(1);
    const { heads, pool } = this;
    const b = k & this.mask;
    for (let e = heads[b]!; e !== NONE; e = pool[3 * e + 2]!) {
      if (pool[3 * e] !== k) continue;
      // One slot's keys are filed together: a repeat is the latest entry of its key.
      if (pool[3 * e + 1] === slot) return;
      break;
    }
    const e = this.entries++;
    pool[3 * e] = k;
    pool[3 * e + 1] = slot;
    pool[3 * e + 2] = heads[b]!;
    heads[b] = e;
  }

  /** Calls `hit` for the slots filed under key `k`, latest filed first, at most `limit`. */
  forKey(k: number, limit: number, hit: (slot: number) => void): void {
    const { pool } = this;
    let n = 0;
    for (let e = this.heads[k & this.mask]!; e !== NONE && n < limit; e = pool[3 * e + 2]!) {
      if (pool[3 * e] !== k) continue;
      hit(pool[3 * e + 1]!);
      n++;
    }
  }

  remove(slot: number, sig: ArrayLike<number>): void {
    const { pool } = this;
    for (let b = 0; b < this.bands; b++) {
      const k = this.key(sig, b);
      const bucket = k & this.mask;
      let prev = NONE;
      for (let e = this.heads[bucket]!; e !== NONE; prev = e, e = pool[3 * e + 2]!) {
        if (pool[3 * e] !== k || pool[3 * e + 1] !== slot) continue;
        if (prev === NONE) this.heads[bucket] = pool[3 * e + 2]!;
        else pool[3 * prev + 2] = pool[3 * e + 2]!;
        pool[3 * e + 1] = REMOVED;
        this.removed++;
        break;
      }
    }
  }

  /** Calls `hit(slot)` once per (band, slot) collision; a slot may be reported by several bands. */
  query(sig: ArrayLike<number>, hit: (slot: number) => void): void {
    if (this.scratch.length < this.bands) this.scratch = new Int32Array(this.bands);
    this.keysInto(sig, this.scratch, 0);
    this.queryKeys(this.scratch, this.bands, hit);
  }

  /** Calls `hit(slot)` for every slot filed under each of `keys[0, n)` (bucket heads read ahead, as in `addKeys`). */
  queryKeys(keys: Int32Array, n: number, hit: (slot: number) => void): void {
    const { heads, mask, pool } = this;
    let touched = 0;
    for (let i = 0; i < n; i++) touched |= heads[keys[i]! & mask]!;
    this.touched = touched;
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      for (let e = heads[k & mask]!; e !== NONE; e = pool[3 * e + 2]!) if (pool[3 * e] === k) hit(pool[3 * e + 1]!);
    }
  }

  /** Entries filed (removed ones excluded). */
  get size(): number {
    return this.entries - this.removed;
  }

  /** Calls `fn` with the slot of every entry filed. */
  forEachSlot(fn: (slot: number) => void): void {
    const { pool } = this;
    for (let e = 0; e < this.entries; e++) if (pool[3 * e + 1] !== REMOVED) fn(pool[3 * e + 1]!);
  }

  /** Drops every entry whose slot is under `cutoff`, calling `dropped` with its key and slot; the room is given back. */
  dropSlotsBelow(cutoff: number, dropped: (key: number, slot: number) => void): void {
    const { pool } = this;
    let to = 0;
    for (let e = 0; e < this.entries; e++) {
      const slot = pool[3 * e + 1]!;
      if (slot === REMOVED) continue;
      if (slot < cutoff) {
        dropped(pool[3 * e]!, slot);
        continue;
      }
      pool[3 * to] = pool[3 * e]!;
      pool[3 * to + 1] = slot;
      to++;
    }
    this.entries = to;
    this.removed = 0;
    let capacity = INITIAL_BUCKETS;
    while (capacity < to) capacity *= 2;
    if (capacity * 3 < this.pool.length) this.pool = this.pool.slice(0, 3 * capacity);
    this.rethread(capacity);
  }

  /** Forgets every entry filed after the first `count` (those of work rolled back), when none was removed since. */
  truncate(count: number): void {
    if (count >= this.entries) return;
    if (this.removed > 0) throw new Error('truncate() needs a table with no removed entries');
    this.entries = count;
    this.rethread(this.mask + 1);
  }

  /** Makes room for `n` more entries, at most one per bucket; removed entries are dropped once they are a quarter. */
  private reserve(n: number): void {
    if (this.entries + n <= this.mask + 1 && 3 * (this.entries + n) <= this.pool.length) return;
    const compact = this.removed * 4 > this.entries;
    const kept = compact ? this.entries - this.removed : this.entries;
    let buckets = this.mask + 1;
    while (buckets < kept + n) buckets *= 2;
    let capacity = this.pool.length / 3;
    while (capacity < kept + n) capacity *= 2;
    if (capacity !== this.pool.length / 3 || compact) {
      const pool = new Int32Array(3 * capacity);
      if (compact) {
        let to = 0;
        for (let e = 0; e < this.entries; e++) {
          if (this.pool[3 * e + 1] === REMOVED) continue;
          pool[3 * to] = this.pool[3 * e]!;
          pool[3 * to + 1] = this.pool[3 * e + 1]!;
          to++;
        }
        this.entries = to;
        this.removed = 0;
      } else pool.set(this.pool.subarray(0, 3 * this.entries));
      this.pool = pool;
    }
    this.rethread(buckets);
  }

  /** Rebuilds the buckets' chains over `buckets` buckets: entries in filing order, each pushed in front. */
  private rethread(buckets: number): void {
    const heads = this.heads.length === buckets ? this.heads.fill(NONE) : new Int32Array(buckets).fill(NONE);
    const mask = buckets - 1;
    const { pool } = this;
    for (let e = 0; e < this.entries; e++) {
      if (pool[3 * e + 1] === REMOVED) continue;
      const b = pool[3 * e]! & mask;
      pool[3 * e + 2] = heads[b]!;
      heads[b] = e;
    }
    this.heads = heads;
    this.mask = mask;
  }
}
