import type { AnalysisOutcome, PendingArticle } from '../store.js';
import { rowToArticle, type ArticleRow } from './rows.js';
import type { Statements } from './statements.js';
import { SWEEP_START } from './migrations.js';
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
 * One key's newest entries below a bound, in one of the two bucket tables: one index seek (~7 µs
 * into 17 million entries). Not a UNION ALL of CHUNK such seeks padded with nulls: each padded arm
 * cost ~5 µs, so a call asking a few keys (the usual one: the keys held buckets cannot answer) cost ~260 µs.
 */
const bucketLookup = (table: BucketTable) => `SELECT seq FROM ${table} WHERE key = ? AND seq < ? ORDER BY seq DESC LIMIT ?`;

/**
 * Bucket entries `lsh_recent` holds; past it, each article's insert moves about as many entries as it
 * added to `lsh_buckets`, the next ones in key order after the last moved (a sweep over the key space,
 * starting again from the lowest key at the end). An article's ~90 band keys land all over the large
 * table, so inserting them there wrote a page of log per entry once it outgrew the page cache (a
 * checkpoint of ~60 articles wrote ~5,000 pages for them); the small table stays in a few hundred
 * pages, and the sweep writes each page of the large one once per ~2,000 articles' entries. Moving a
 * little with every article, not all at once, keeps every checkpoint short (all 200,000 at once took ~2 s).
 */
export const RECENT_BUCKET_ENTRIES = 200_000;

/**
 * Articles from this seq on file their entries through `lsh_recent`; earlier ones straight into
 * `lsh_buckets`. While the large table is small, an insert's page is shared with others of the same
 * checkpoint, and the small table's extra writes only cost: 4–14% more CPU over the first 20,000 real
 * articles, about even at 40,000, 38% fewer bytes written at 193,000.
 */
export const RECENT_BUCKETS_FROM_SEQ = 50_000;

/** Above every band key: the end of a sweep. */
const SWEEP_END = 2 ** 31;

type BucketTable = 'lsh_buckets' | 'lsh_recent';

/** Derived analysis state as rows, the LSH buckets and the analysis queue, synchronously. */
export class StateTables {
  constructor(
    private readonly st: Statements,
    /** Entries `lsh_recent` holds before they move (tests make it tiny). */
    private readonly recentEntries = RECENT_BUCKET_ENTRIES,
    /** The first article seq whose entries go through `lsh_recent` (tests make it 0). */
    private readonly recentFromSeq = RECENT_BUCKETS_FROM_SEQ,
  ) {}

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

  /**
   * Multi-row inserts, CHUNK keys a statement: one call instead of one per key. From `recentFromSeq`
   * on into the recent entries; past `recentEntries` of those, as many move on to `lsh_buckets`, in the
   * same transaction.
   */
  addBuckets(seq: number, keys: Int32Array): void {
    const table: BucketTable = seq >= this.recentFromSeq ? 'lsh_recent' : 'lsh_buckets';
    this.st.atomically(() => {
      let added = 0;
      for (let from = 0; from < keys.length; from += CHUNK) {
        const part = keys.subarray(from, from + CHUNK);
        const values = Array.from(part, () => '(?, ?)').join(', ');
        const params: number[] = [];
        for (const key of part) params.push(key, seq);
        added += this.st.get(`INSERT OR IGNORE INTO ${table} (key, seq) VALUES ${values}`).run(...params).changes;
      }
      if (table === 'lsh_buckets') return;
      const held = this.st.get("UPDATE row_counts SET n = n + ? WHERE name = 'lsh_recent' RETURNING n").pluck().get(added) as number;
      // Articles are analysed in seq order, so this changes nothing, unless one is analysed again later.
      this.st.get("UPDATE row_counts SET n = min(n, ?) WHERE name IN ('lsh_recent_floor', 'lsh_recent_wrap')").run(seq);
      if (held > this.recentEntries) this.sweep(held - this.recentEntries, seq);
    });
  }

  /**
   * Moves the entries of the next keys after the sweep's last, at least `count` of them (starting
   * again from the lowest key at the end). Every entry present when a sweep starts over is moved by
   * the time it starts over again, so from then on the seq at which it started over is a floor under
   * every seq `lsh_recent` holds: look-ups below it skip the table.
   */
  private sweep(count: number, seq: number): void {
    let left = count;
    for (let round = 0; round < 2 && left > 0; round++) {
      const swept = this.st.get("SELECT n FROM row_counts WHERE name = 'lsh_recent_swept'").pluck().get() as number;
      const last = this.st.get('SELECT key FROM lsh_recent WHERE key > ? ORDER BY key LIMIT 1 OFFSET ?').pluck().get(swept, left - 1) as number | undefined;
      const upTo = last ?? SWEEP_END;
      this.st.get('INSERT OR IGNORE INTO lsh_buckets (key, seq) SELECT key, seq FROM lsh_recent WHERE key > ? AND key <= ? ORDER BY key, seq').run(swept, upTo);
      const moved = this.st.get('DELETE FROM lsh_recent WHERE key > ? AND key <= ?').run(swept, upTo).changes;
      this.st.get("UPDATE row_counts SET n = n - ? WHERE name = 'lsh_recent'").run(moved);
      this.st.get("UPDATE row_counts SET n = ? WHERE name = 'lsh_recent_swept'").run(last ?? SWEEP_START);
      if (last === undefined) {
        this.st.get("UPDATE row_counts SET n = (SELECT n FROM row_counts WHERE name = 'lsh_recent_wrap') WHERE name = 'lsh_recent_floor'").run();
        this.st.get("UPDATE row_counts SET n = ? WHERE name = 'lsh_recent_wrap'").run(seq);
      }
      left -= moved;
    }
  }

  lookupBuckets(keys: Int32Array, perKey: number): Int32Array {
    return seqsOf(this.lookupOlderBuckets(keys, perKey, NO_SEQ_BOUND));
  }

  /** Each key's newest `perKey` below `below` (from both tables), as (key, seq) pairs, keys in the order given. */
  lookupOlderBuckets(keys: Int32Array, perKey: number, below: number): Int32Array {
    const limit = Math.max(0, Math.floor(perKey));
    const found: number[] = [];
    if (limit === 0) return new Int32Array(0);
    // A look-up below every recent entry (an ingest holding the newer buckets asks for older ones) skips their table.
    const [held, floor] = this.st.get("SELECT n FROM row_counts WHERE name IN ('lsh_recent', 'lsh_recent_floor') ORDER BY name").pluck().all() as [number, number];
    const recent = held > 0 && floor < below ? this.st.get(bucketLookup('lsh_recent')).pluck() : null;
    const moved = this.st.get(bucketLookup('lsh_buckets')).pluck();
    for (const key of keys) {
      const newer = recent ? (recent.all(key, below, limit) as number[]) : [];
      const older = moved.all(key, below, limit) as number[];
      for (const seq of newestFirst(newer, older, limit)) found.push(key, seq);
    }
    return Int32Array.from(found);
  }

  /** Entries of both tables in (key, seq) order after `after`, at most `limit` (an entry in both once). */
  scanBuckets(after: readonly [number, number] | null, limit: number): Int32Array {
    const n = Math.max(0, Math.floor(limit));
    const out = new Int32Array(2 * n);
    let k = 0;
    let from = after;
    while (k < n) {
      const want = n - k;
      const moved = this.scanTable('lsh_buckets', from, null, want);
      // Recent entries past the last one read from the large table wait for the next round.
      const last = moved.length === want ? moved[want - 1]! : null;
      const recent = this.scanTable('lsh_recent', from, last, want);
      let i = 0;
      let j = 0;
      while (k < n && (i < moved.length || j < recent.length)) {
        const takeMoved = j >= recent.length || (i < moved.length && compareEntries(moved[i]!, recent[j]!) <= 0);
        const [key, seq] = takeMoved ? moved[i++]! : recent[j++]!;
        if (k > 0 && out[2 * k - 2] === key && out[2 * k - 1] === seq) continue;
        out[2 * k] = key;
        out[2 * k + 1] = seq;
        k++;
      }
      if (k === 0 || (moved.length < want && recent.length < want)) break;
      from = [out[2 * k - 2]!, out[2 * k - 1]!];
    }
    return out.subarray(0, 2 * k);
  }

  private scanTable(table: BucketTable, after: readonly [number, number] | null, upTo: readonly [number, number] | null, n: number): Array<[number, number]> {
    const where = [after ? '(key, seq) > (?, ?)' : '', upTo ? '(key, seq) <= (?, ?)' : ''].filter(Boolean);
    const sql = `SELECT key, seq FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY key, seq LIMIT ?`;
    return this.st
      .get(sql)
      .raw()
      .all(...(after ?? []), ...(upTo ?? []), n) as Array<[number, number]>;
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
      for (const table of ['relations', 'event_articles', 'events', 'storylines', 'quote_groups', 'quote_variants', 'state_rows', 'lsh_buckets', 'lsh_recent']) {
        this.st.db.exec(`DELETE FROM ${table}`);
      }
      this.st.get("UPDATE row_counts SET n = CASE name WHEN 'lsh_recent_swept' THEN ? ELSE 0 END WHERE name LIKE 'lsh_recent%'").run(SWEEP_START);
      this.st.get('UPDATE articles SET analysed = 0 WHERE analysed <> 0').run();
    });
  }
}

function compareEntries(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** The `limit` largest of two lists each sorted newest first, without repeats. */
function newestFirst(a: readonly number[], b: readonly number[], limit: number): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const next = j >= b.length || (i < a.length && a[i]! >= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}
