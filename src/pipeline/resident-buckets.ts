import type { Store } from '../store/store.js';
import { LshTable } from '../fingerprint/lsh.js';
import { KeyFilter } from '../fingerprint/key-filter.js';

/** Bucket rows read per call while loading. */
const PAGE = 50_000;
/**
 * Most bucket entries held (~16 bytes each): past it the oldest articles' entries leave memory,
 * down to three-fifths of it, and only their keys stay, in a Bloom filter (1.5 bytes a key).
 */
const ENTRIES = 4_000_000;

export interface ResidentLimits {
  /** Bucket rows read per call while loading. @default 50,000 */
  page?: number;
  /** Most entries held before the oldest leave memory. @default 4,000,000 */
  entries?: number;
}

/**
 * The stored LSH buckets of the latest articles held in memory, for a process about to analyse
 * many articles: one scan of the bucket rows, then look-ups are answered from memory (the same
 * answer as `Store.lookupBuckets`: each key's newest `perKey` articles) while new rows are written
 * to the store as usual. Memory is bounded: entries of articles older than a moving cut-off leave,
 * their keys kept in a filter; a key the filter may hold, with fewer than `perKey` entries in
 * memory, is looked up in the store. A one-article ingest never loads it.
 *
 * Work rolled back is undone with `rollback()` (back to the last `settle()` or `committed()`), so a
 * failed checkpoint does not cost a reload of every bucket row.
 */
export class ResidentBuckets {
  private readonly table = new LshTable({ bands: 0, rows: 0 });
  /** Keys of the entries that left memory. */
  private readonly older = new KeyFilter();
  /** Every entry of a seq below it has left memory; every other one is held. */
  private cutoff = 0;
  /** Entries held at the last settle or commit: the rest were filed by the checkpoint in progress. */
  private mark = 0;
  private readonly limit: number;

  private constructor(limits: ResidentLimits) {
    this.limit = limits.entries ?? ENTRIES;
  }

  static async load(tx: Store, limits: ResidentLimits = {}): Promise<ResidentBuckets> {
    const buckets = new ResidentBuckets(limits);
    const page = limits.page ?? PAGE;
    let after: [number, number] | null = null;
    for (;;) {
      const rows = await tx.scanBuckets(after, page);
      for (let i = 0; i < rows.length; i += 2) {
        if (rows[i + 1]! < buckets.cutoff) buckets.older.add(rows[i]!);
        else buckets.table.addKey(rows[i + 1]!, rows[i]!);
      }
      buckets.settle();
      if (rows.length < 2 * page) return buckets;
      after = [rows[rows.length - 2]!, rows[rows.length - 1]!];
    }
  }

  /** Entries held in memory. */
  get held(): number {
    return this.table.size;
  }

  /** Each key's newest `perKey` articles, from memory where it holds the whole answer, else from the store through `tx`. */
  async lookup(tx: Store, keys: Int32Array, perKey: number): Promise<Int32Array> {
    const found: number[] = [];
    const fromStore: number[] = [];
    const hit = (seq: number) => found.push(seq);
    for (const key of keys) {
      const before = found.length;
      this.table.forKey(key, perKey, hit);
      if (found.length - before < perKey && this.older.mayHave(key)) {
        found.length = before;
        fromStore.push(key);
      }
    }
    if (fromStore.length > 0) for (const seq of await tx.lookupBuckets(Int32Array.from(fromStore), perKey)) found.push(seq);
    return Int32Array.from(found);
  }

  add(seq: number, keys: Int32Array): void {
    for (const key of keys) this.table.addKey(seq, key);
  }

  /**
   * Between checkpoints: past the limit, the oldest articles' entries leave memory (their keys go
   * to the filter) until about three-fifths of the limit stay.
   */
  settle(): void {
    if (this.table.size > this.limit) {
      this.cutoff = Math.max(this.cutoff, this.cutoffKeeping(Math.floor((this.limit * 3) / 5)));
      this.table.dropSlotsBelow(this.cutoff, (key) => this.older.add(key));
    }
    this.mark = this.table.size;
  }

  /** The checkpoint in progress was committed: its entries stay on a rollback. */
  committed(): void {
    this.mark = this.table.size;
  }

  /** The checkpoint in progress was rolled back: forgets the entries it filed. */
  rollback(): void {
    this.table.truncate(this.mark);
  }

  /** The lowest seq such that the entries of it and newer seqs number at most `keep` (by a histogram of the seqs held). */
  private cutoffKeeping(keep: number): number {
    let top = 0;
    this.table.forEachSlot((slot) => {
      if (slot > top) top = slot;
    });
    const width = Math.max(1, Math.ceil((top + 1) / 65_536));
    const counts = new Int32Array(Math.floor(top / width) + 1);
    this.table.forEachSlot((slot) => counts[Math.floor(slot / width)]!++);
    let kept = 0;
    for (let bin = counts.length - 1; bin >= 0; bin--) {
      if (kept + counts[bin]! > keep) return (bin + 1) * width;
      kept += counts[bin]!;
    }
    return 0;
  }
}
