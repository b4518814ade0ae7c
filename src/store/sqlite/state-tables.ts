import type { AnalysisOutcome, PendingArticle } from '../store.js';
import { rowToArticle, type ArticleRow } from './rows.js';
import type { Statements } from './statements.js';
import { NO_SEQ_BOUND, seqsOf } from '../bucket-pairs.js';

const ANALYSED = { pending: 0, done: 1, failed: 2 } as const;
/** Keys per row look-up statement, and bucket entries per insert statement. */
const CHUNK = 48;
/**
 * A look-up's keys padded with nulls (they match no row) to CHUNK: one statement shape per query,
 * prepared once per connection instead of once per distinct count (a one-article ingest asks for
 * ~40 counts, and preparing them was ~1.5 ms of its time).
 */
function padded<T>(keys: ArrayLike<T>): Array<T | null> {
  const out: Array<T | null> = Array.from(keys);
  while (out.length < CHUNK) out.push(null);
  return out;
}
const ROW_LOOKUP = `SELECT key, value FROM state_rows WHERE ns = ? AND key IN (${Array.from({ length: CHUNK }, () => '?').join(', ')})`;
/**
 * One key's newest entries below a bound: one index seek (~7 µs into 17 million entries). Not a
 * UNION ALL of CHUNK such seeks padded with nulls: each padded arm cost ~5 µs, so a call asking a
 * few keys (the usual one: the keys held buckets cannot answer) cost ~260 µs.
 */
const BUCKET_LOOKUP = 'SELECT seq FROM lsh_buckets WHERE key = ? AND seq < ? ORDER BY seq DESC LIMIT ?';

/** Derived analysis state as rows, the LSH buckets and the analysis queue, synchronously. */
export class StateTables {
  constructor(private readonly st: Statements) {}

  getRows(ns: string, keys: readonly string[]): Map<string, Uint8Array> {
    const found = new Map<string, Uint8Array>();
    for (let from = 0; from < keys.length; from += CHUNK) {
      const rows = this.st.get(ROW_LOOKUP).raw().all(ns, ...padded(keys.slice(from, from + CHUNK))) as Array<[string, Buffer]>;
      // better-sqlite3 hands out a fresh Buffer per read: a view on it stays valid.
      for (const [key, value] of rows) found.set(key, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
    return found;
  }

  putRows(ns: string, rows: ReadonlyArray<readonly [key: string, value: Uint8Array | null]>): void {
    const upsert = this.st.get('INSERT OR REPLACE INTO state_rows (ns, key, value) VALUES (?, ?, ?)');
    const remove = this.st.get('DELETE FROM state_rows WHERE ns = ? AND key = ?');
    this.st.atomically(() => {
      for (const [key, value] of rows) {
        if (value === null) remove.run(ns, key);
        else upsert.run(ns, key, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      }
    });
  }

  /** Multi-row inserts, CHUNK keys a statement: one call instead of one per key. */
  addBuckets(seq: number, keys: Int32Array): void {
    this.st.atomically(() => {
      for (let from = 0; from < keys.length; from += CHUNK) {
        const part = keys.subarray(from, from + CHUNK);
        const values = Array.from(part, () => '(?, ?)').join(', ');
        const params: number[] = [];
        for (const key of part) params.push(key, seq);
        this.st.get(`INSERT OR IGNORE INTO lsh_buckets (key, seq) VALUES ${values}`).run(...params);
      }
    });
  }

  lookupBuckets(keys: Int32Array, perKey: number): Int32Array {
    return seqsOf(this.lookupOlderBuckets(keys, perKey, NO_SEQ_BOUND));
  }

  /** Each key's newest `perKey` below `below`, as (key, seq) pairs, keys in the order given. */
  lookupOlderBuckets(keys: Int32Array, perKey: number, below: number): Int32Array {
    const limit = Math.max(0, Math.floor(perKey));
    const found: number[] = [];
    if (limit === 0) return new Int32Array(0);
    const lookup = this.st.get(BUCKET_LOOKUP).pluck();
    for (const key of keys) for (const seq of lookup.all(key, below, limit) as number[]) found.push(key, seq);
    return Int32Array.from(found);
  }

  scanBuckets(after: readonly [number, number] | null, limit: number): Int32Array {
    const n = Math.max(0, Math.floor(limit));
    const rows = (
      after === null
        ? this.st.get('SELECT key, seq FROM lsh_buckets ORDER BY key, seq LIMIT ?').raw().all(n)
        : this.st.get('SELECT key, seq FROM lsh_buckets WHERE (key, seq) > (?, ?) ORDER BY key, seq LIMIT ?').raw().all(after[0], after[1], n)
    ) as Array<[number, number]>;
    const out = new Int32Array(2 * rows.length);
    rows.forEach(([key, seq], i) => {
      out[2 * i] = key;
      out[2 * i + 1] = seq;
    });
    return out;
  }

  pendingAnalysis(limit: number): PendingArticle[] {
    const rows = this.st
      .get('SELECT * FROM articles WHERE analysed = 0 ORDER BY seq LIMIT ?')
      .all(Math.max(0, Math.floor(limit))) as Array<ArticleRow & { seq: number }>;
    return rows.map((row) => ({ seq: row.seq, article: rowToArticle(row) }));
  }

  countPendingAnalysis(): number {
    return this.st.get('SELECT count(*) FROM articles WHERE analysed = 0').pluck().get() as number;
  }

  /** Sets each outcome's state; a failure's record goes to the quarantine through `quarantine`. */
  markAnalysed(outcomes: readonly AnalysisOutcome[], quarantine: (outcome: Extract<AnalysisOutcome, { ok: false }>) => void): void {
    const mark = this.st.get('UPDATE articles SET analysed = ? WHERE id = ?');
    this.st.atomically(() => {
      for (const outcome of outcomes) {
        mark.run(outcome.ok ? ANALYSED.done : ANALYSED.failed, outcome.id);
        if (!outcome.ok) quarantine(outcome);
      }
    });
  }

  resetAnalysis(): void {
    this.st.atomically(() => {
      for (const table of ['relations', 'event_articles', 'events', 'storylines', 'quote_groups', 'quote_variants', 'state_rows', 'lsh_buckets']) {
        this.st.db.exec(`DELETE FROM ${table}`);
      }
      this.st.get('UPDATE articles SET analysed = 0 WHERE analysed <> 0').run();
    });
  }
}
