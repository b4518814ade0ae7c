import type { AnalysisOutcome, PendingArticle } from '../store.js';
import { rowToArticle, type ArticleRow } from './rows.js';
import type { Statements } from './statements.js';

const ANALYSED = { pending: 0, done: 1, failed: 2 } as const;

/** Derived analysis state as rows, the LSH buckets and the analysis queue, synchronously. */
export class StateTables {
  constructor(private readonly st: Statements) {}

  getRows(ns: string, keys: readonly string[]): Map<string, Uint8Array> {
    const select = this.st.get('SELECT value FROM state_rows WHERE ns = ? AND key = ?').pluck();
    const found = new Map<string, Uint8Array>();
    for (const key of keys) {
      const value = select.get(ns, key) as Buffer | undefined;
      // better-sqlite3 hands out a fresh Buffer per read: a view on it stays valid.
      if (value !== undefined) found.set(key, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
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

  addBuckets(seq: number, keys: Int32Array): void {
    const insert = this.st.get('INSERT OR IGNORE INTO lsh_buckets (key, seq) VALUES (?, ?)');
    this.st.atomically(() => {
      for (const key of keys) insert.run(key, seq);
    });
  }

  lookupBuckets(keys: Int32Array, perKey: number): Int32Array {
    const limit = Math.max(0, Math.floor(perKey));
    const select = this.st.get('SELECT seq FROM lsh_buckets WHERE key = ? ORDER BY seq DESC LIMIT ?').pluck();
    const found: number[] = [];
    if (limit === 0) return new Int32Array(0);
    for (const key of keys) for (const seq of select.all(key, limit) as number[]) found.push(seq);
    return Int32Array.from(found);
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
      for (const table of ['relations', 'event_articles', 'events', 'storylines', 'quote_groups', 'state_rows', 'lsh_buckets']) {
        this.st.db.exec(`DELETE FROM ${table}`);
      }
      this.st.get('UPDATE articles SET analysed = 0 WHERE analysed <> 0').run();
    });
  }
}
