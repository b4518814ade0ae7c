import type { AnalysisOutcome, PendingArticle } from '../store.js';
import { NO_SEQ_BOUND, seqsOf } from '../bucket-pairs.js';
import { rowToArticle, type ArticleRow } from '../sqlite/rows.js';
import { ARTICLE_COLUMNS } from './article-queries.js';
import type { Sql } from './sql.js';

const ANALYSED = { pending: 0, done: 1, failed: 2 } as const;
/** Tables resetAnalysis empties: everything derived. */
const DERIVED_TABLES = ['relations', 'event_articles', 'events', 'storyline_events', 'storylines', 'quote_groups', 'quote_variants', 'state_rows', 'lsh_buckets'];

/** A state key as stored: its UTF-8 bytes (PostgreSQL text cannot hold NUL, which keys may). */
function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/** Derived analysis state as rows, the LSH buckets and the analysis queue; each call one statement per kind of change. */
export class StateQueries {
  constructor(private readonly sql: Sql) {}

  async getRows(ns: string, keys: readonly string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    if (keys.length === 0) return found;
    const rows = await this.sql.rows<{ key: Buffer; value: Buffer }>('SELECT key, value FROM state_rows WHERE ns = $1 AND key = ANY($2::bytea[])', [ns, keys.map(keyBytes)]);
    for (const { key, value } of rows) found.set(key.toString('utf8'), new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return found;
  }

  /** The last write of each key wins, as if the rows were written one after another. */
  async putRows(ns: string, rows: ReadonlyArray<readonly [key: string, value: Uint8Array | null]>): Promise<void> {
    const last = new Map<string, Uint8Array | null>();
    for (const [key, value] of rows) last.set(key, value);
    const removed = [...last].filter(([, v]) => v === null).map(([k]) => k);
    const kept = [...last].filter((entry): entry is [string, Uint8Array] => entry[1] !== null);
    if (removed.length > 0) await this.sql.rows('DELETE FROM state_rows WHERE ns = $1 AND key = ANY($2::bytea[])', [ns, removed.map(keyBytes)]);
    if (kept.length === 0) return;
    await this.sql.rows(
      `INSERT INTO state_rows (ns, key, value) SELECT $1, k, v FROM unnest($2::bytea[], $3::bytea[]) AS t(k, v)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value`,
      [ns, kept.map(([k]) => keyBytes(k)), kept.map(([, v]) => Buffer.from(v.buffer, v.byteOffset, v.byteLength))],
    );
  }

  async addBuckets(seq: number, keys: Int32Array): Promise<void> {
    if (keys.length === 0) return;
    await this.sql.rows('INSERT INTO lsh_buckets (key, seq) SELECT DISTINCT k, $2::bigint FROM unnest($1::int[]) AS k ON CONFLICT DO NOTHING', [[...keys], seq]);
  }

  lookupBuckets(keys: Int32Array, perKey: number): Promise<Int32Array> {
    return this.lookupOlderBuckets(keys, perKey, NO_SEQ_BOUND).then(seqsOf);
  }

  /** Each key's newest `perKey` below `below` by an index seek of its own (a lateral join over the keys). */
  async lookupOlderBuckets(keys: Int32Array, perKey: number, below: number): Promise<Int32Array> {
    const limit = Math.max(0, Math.floor(perKey));
    if (limit === 0 || keys.length === 0) return new Int32Array(0);
    const rows = await this.sql.rows<{ key: number; seq: number }>(
      `SELECT k.key, b.seq FROM unnest($1::int[]) AS k(key)
       CROSS JOIN LATERAL (SELECT seq FROM lsh_buckets WHERE lsh_buckets.key = k.key AND seq < $3 ORDER BY seq DESC LIMIT $2) AS b`,
      [[...keys], limit, below],
    );
    return flatPairs(rows);
  }

  async scanBuckets(after: readonly [number, number] | null, limit: number): Promise<Int32Array> {
    const n = Math.max(0, Math.floor(limit));
    const rows =
      after === null
        ? await this.sql.rows<{ key: number; seq: number }>('SELECT key, seq FROM lsh_buckets ORDER BY key, seq LIMIT $1', [n])
        : await this.sql.rows<{ key: number; seq: number }>('SELECT key, seq FROM lsh_buckets WHERE (key, seq) > ($1, $2) ORDER BY key, seq LIMIT $3', [after[0], after[1], n]);
    return flatPairs(rows);
  }

  async pendingAnalysis(limit: number): Promise<PendingArticle[]> {
    const rows = await this.sql.rows<ArticleRow & { seq: number }>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE analysed = 0 ORDER BY seq LIMIT $1`, [
      Math.max(0, Math.floor(limit)),
    ]);
    return rows.map((row) => ({ seq: row.seq, article: rowToArticle(row) }));
  }

  async countPendingAnalysis(): Promise<number> {
    return (await this.sql.rows<{ n: number }>('SELECT count(*) AS n FROM articles WHERE analysed = 0'))[0].n;
  }

  /** Sets each outcome's state; a failure's record goes to the quarantine through `quarantine`. */
  async markAnalysed(outcomes: readonly AnalysisOutcome[], quarantine: (outcome: Extract<AnalysisOutcome, { ok: false }>) => Promise<void>): Promise<void> {
    const done = outcomes.filter((o) => o.ok).map((o) => o.id);
    if (done.length > 0) await this.sql.rows('UPDATE articles SET analysed = $1 WHERE id = ANY($2::text[])', [ANALYSED.done, done]);
    for (const outcome of outcomes) {
      if (outcome.ok) continue;
      await this.sql.rows('UPDATE articles SET analysed = $1 WHERE id = $2', [ANALYSED.failed, outcome.id]);
      await quarantine(outcome);
    }
  }

  async resetAnalysis(): Promise<void> {
    await this.sql.rows(`TRUNCATE ${DERIVED_TABLES.join(', ')}`);
    await this.sql.rows('UPDATE articles SET analysed = 0 WHERE analysed <> 0');
  }
}

/** Bucket rows flat as [key, seq, key, seq, ...]. */
function flatPairs(rows: ReadonlyArray<{ key: number; seq: number }>): Int32Array {
  const out = new Int32Array(2 * rows.length);
  rows.forEach(({ key, seq }, i) => {
    out[2 * i] = key;
    out[2 * i + 1] = seq;
  });
  return out;
}
