import type { Store } from '../store/store.js';
import { LshTable } from '../fingerprint/lsh.js';

/** Bucket rows read per call while loading. */
const PAGE = 50_000;

/**
 * The stored LSH buckets held in memory, for a process about to analyse many articles: one scan of
 * the bucket rows, then every look-up is in memory (the same answer as `Store.lookupBuckets`: each
 * key's newest `perKey` articles) while new rows are written to the store as usual. Worth it when
 * the articles to analyse are many compared with those already stored; a one-article ingest never
 * loads it.
 */
export class ResidentBuckets {
  private readonly table = new LshTable({ bands: 0, rows: 0 });

  static async load(tx: Store, page = PAGE): Promise<ResidentBuckets> {
    const buckets = new ResidentBuckets();
    let after: [number, number] | null = null;
    for (;;) {
      const rows = await tx.scanBuckets(after, page);
      for (let i = 0; i < rows.length; i += 2) buckets.table.addKey(rows[i + 1]!, rows[i]!);
      if (rows.length < 2 * page) return buckets;
      after = [rows[rows.length - 2]!, rows[rows.length - 1]!];
    }
  }

  lookup(keys: Int32Array, perKey: number): Int32Array {
    const found: number[] = [];
    const hit = (seq: number) => found.push(seq);
    for (const key of keys) this.table.forKey(key, perKey, hit);
    return Int32Array.from(found);
  }

  add(seq: number, keys: Int32Array): void {
    for (const key of keys) this.table.addKey(seq, key);
  }
}
