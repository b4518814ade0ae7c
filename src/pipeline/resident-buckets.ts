import type { Store } from '../store/store.js';
import { LshTable } from '../fingerprint/lsh.js';
import { KeyFilter } from '../fingerprint/key-filter.js';
import { IntLists } from '../core/int-lists.js';

/** Bucket rows read per call while loading. */
const PAGE = 50_000;
/**
 * Most bucket entries held (~16 bytes each): past it the oldest articles' entries leave memory,
 * down to three-fifths of it, and only their keys stay, in a Bloom filter (1.5 bytes a key).
 */
const ENTRIES = 4_000_000;

/**
 * Most keys whose answer from articles that left memory is kept. The entries below the cut-off never
 * change but for the ones leaving memory (added to the answers kept), so these answers stay exact;
 * a story's later copies ask for its keys again and again (a copy made long after its source).
 */
const OLDER_ANSWERS = 200_000;

export interface ResidentLimits {
  /** Bucket rows read per call while loading. @default 50,000 */
  page?: number;
  /** Most entries held before the oldest leave memory. @default 4,000,000 */
  entries?: number;
  /** Most keys whose answer below the cut-off is kept. @default 200,000 */
  olderAnswers?: number;
}

/**
 * The stored LSH buckets of the latest articles held in memory, for a process about to analyse
 * many articles: one scan of the bucket rows, then look-ups are answered from memory (the same
 * answer as `Store.lookupBuckets`: each key's newest `perKey` articles) while new rows are written
 * to the store as usual. Memory is bounded: entries of articles older than a moving cut-off leave,
 * their keys kept in a filter; a key the filter may hold, with fewer than `perKey` entries in
 * memory, has its older entries looked up in the store, and that answer is kept (bounded, kept
 * exact as entries leave memory). A one-article ingest never loads it.
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
  /** Each key's newest `olderPerKey` seqs below the cut-off (newest first), for the keys looked up in the store. */
  private readonly olderAnswers = new IntLists();
  private olderPerKey = 0;
  private readonly olderLimit: number;

  private constructor(limits: ResidentLimits) {
    this.limit = limits.entries ?? ENTRIES;
    this.olderLimit = limits.olderAnswers ?? OLDER_ANSWERS;
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

  /** Each key's newest `perKey` articles: from memory, and for keys with older entries, from the answers kept or the store through `tx`. */
  async lookup(tx: Store, keys: Int32Array, perKey: number): Promise<Int32Array> {
    if (perKey !== this.olderPerKey) {
      this.olderAnswers.clear();
      this.olderPerKey = perKey;
    }
    const found: number[] = [];
    /** Keys to ask the store about, each with how many of its entries memory held. */
    const asked: number[] = [];
    const hit = (seq: number) => found.push(seq);
    for (const key of keys) {
      const before = found.length;
      this.table.forKey(key, perKey, hit);
      const held = found.length - before;
      if (held >= perKey || !this.older.mayHave(key)) continue;
      if (!this.olderAnswers.appendTo(key, found, perKey - held)) asked.push(key, held);
    }
    if (asked.length > 0) {
      const answers = new Map<number, number[]>();
      for (let i = 0; i < asked.length; i += 2) answers.set(asked[i]!, []);
      const pairs = await tx.lookupOlderBuckets(Int32Array.from(answers.keys()), perKey, this.cutoff);
      for (let i = 0; i < pairs.length; i += 2) answers.get(pairs[i]!)?.push(pairs[i + 1]!);
      for (const older of answers.values()) older.sort((a, b) => b - a);
      for (let i = 0; i < asked.length; i += 2) {
        const older = answers.get(asked[i]!)!;
        for (let j = 0; j < older.length && asked[i + 1]! + j < perKey; j++) found.push(older[j]!);
      }
      this.keepOlder(answers);
    }
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
      const grown = new Map<number, number[]>();
      this.table.dropSlotsBelow(this.cutoff, (key, seq) => {
        this.older.add(key);
        let older = grown.get(key);
        if (older === undefined) {
          older = this.olderAnswers.get(key);
          if (older === undefined) return;
          grown.set(key, older);
        }
        older.push(seq);
      });
      // Entries leave in filing order, not seq order: each grown answer is put back in order, newest `olderPerKey`.
      for (const [key, older] of grown) {
        older.sort((a, b) => b - a);
        older.length = Math.min(older.length, this.olderPerKey);
        this.olderAnswers.set(key, older);
      }
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

  private keepOlder(answers: Map<number, number[]>): void {
    if (this.olderAnswers.size + answers.size > this.olderLimit) {
      // The first kept go first: half of the room is made at once.
      let drop = this.olderAnswers.size + answers.size - (this.olderLimit >> 1);
      for (const key of this.olderAnswers.keys()) {
        if (drop-- <= 0) break;
        this.olderAnswers.delete(key);
      }
    }
    for (const [key, older] of answers) this.olderAnswers.set(key, older);
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
