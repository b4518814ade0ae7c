import { createHash } from 'node:crypto';
import type { Article, ArticleSummary, QuarantineRecord } from '../../core/types.js';
import { resolvePage } from '../page.js';
import { bracketHits, HIT_CLOSE, HIT_OPEN } from '../snippet.js';
import type { ArticleResolution, OutletCount, Page, SearchHit } from '../store.js';
import { pageAfterNullsLast, type Dialect, type NullsLastOrder } from '../sqlite/keyset.js';
import { articleToRow, inOrderAsked, rowToArticle, rowToSummary, SUMMARY_COLUMNS, type ArticleRow, type SummaryRow } from '../sqlite/rows.js';
import { unknownPageKey } from '../sqlite/statements.js';
import { numbered, type Sql } from './sql.js';
import { TS_CONFIG, tsQuery } from './tsquery.js';

const PREFIX_END = '\u{10FFFF}';
const AMBIGUOUS_SHOWN = 10;
const ARTICLE_ORDER = '(published IS NULL), published, name, seq';
const ARTICLE_KEYSET: NullsLastOrder = { lead: 'published', rest: ['name', 'seq'] };
export const PG_DIALECT: Dialect = { yes: 'true', no: 'false', nullsFirst: ' NULLS FIRST' };
/** Every stored column but the search vector (the row mappings know these). */
export const ARTICLE_COLUMNS =
  'seq, id, name, format, title, source, url, byline, dateline, published, wire, language, based_on, text, paragraphs, captions, contributors, words, source_map, ingested_at';
const INSERT_COLUMNS = ARTICLE_COLUMNS.split(', ').slice(1);
/** Title weighs 3, text 1 (weights are listed D, C, B, A). */
export const RANK_WEIGHTS = "'{0.333, 0, 0, 1}'";

/** Articles, their full-text search and the quarantine. */
export class ArticleQueries {
  constructor(private readonly sql: Sql) {}

  async put(article: Article): Promise<boolean> {
    const row = articleToRow(article, new Date().toISOString()) as unknown as Record<string, unknown>;
    const marks = INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
    const inserted = await this.sql.rows(
      `INSERT INTO articles (${INSERT_COLUMNS.join(', ')}) VALUES (${marks}) ON CONFLICT (id) DO NOTHING RETURNING seq`,
      INSERT_COLUMNS.map((c) => row[c]),
    );
    return inserted.length > 0;
  }

  /** Inserts the articles in order in one statement; resolves, for each, whether it was new (the first of two with one id is). */
  async putMany(articles: readonly Article[]): Promise<boolean[]> {
    if (articles.length === 0) return [];
    const at = new Date().toISOString();
    const params: unknown[] = [];
    const tuples = articles.map((article) => {
      const row = articleToRow(article, at) as unknown as Record<string, unknown>;
      const first = params.length;
      for (const c of INSERT_COLUMNS) params.push(row[c]);
      return `(${INSERT_COLUMNS.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    const inserted = await this.sql.rows<{ id: string }>(
      `INSERT INTO articles (${INSERT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    );
    const fresh = new Set(inserted.map((r) => r.id));
    return articles.map((a) => fresh.delete(a.id));
  }

  async get(id: string): Promise<Article | undefined> {
    const [row] = await this.sql.rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]);
    return row ? rowToArticle(row) : undefined;
  }

  async getSummaries(ids: readonly string[]): Promise<ArticleSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.rows<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
    return inOrderAsked(ids, rows.map(rowToSummary));
  }

  async getMany(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
    return inOrderAsked(ids, rows.map(rowToArticle));
  }

  async resolve(ref: string): Promise<ArticleResolution> {
    if (ref === '') return { none: true };
    const exact = await this.get(ref);
    if (exact) return { found: exact };
    const byName = await this.sql.rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE name = $1 ORDER BY seq LIMIT 2`, [ref]);
    if (byName.length === 1) return { found: rowToArticle(byName[0]) };
    if (byName.length > 1) return { ambiguous: await this.summaries('name = $1 ORDER BY seq', [ref]) };
    for (const column of ['name', 'id'] as const) {
      const rows = (
        await this.sql.rows<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${column} >= $1 AND ${column} < $2 ORDER BY ${column} LIMIT 2`, [ref, ref + PREFIX_END])
      ).filter((r) => r[column].startsWith(ref));
      if (rows.length === 1) return { found: rowToArticle(rows[0]) };
      if (rows.length > 1) {
        const listed = await this.summaries(`${column} >= $1 AND ${column} < $2 ORDER BY ${column}, seq`, [ref, ref + PREFIX_END]);
        return { ambiguous: listed.filter((s) => s[column].startsWith(ref)) };
      }
    }
    return { none: true };
  }

  private async summaries(where: string, params: unknown[]): Promise<ArticleSummary[]> {
    const rows = await this.sql.rows<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE ${where} LIMIT ${AMBIGUOUS_SHOWN}`, params);
    return rows.map(rowToSummary);
  }

  async has(id: string): Promise<boolean> {
    return (await this.sql.rows('SELECT 1 FROM articles WHERE id = $1', [id])).length > 0;
  }

  async list(page?: Page): Promise<ArticleSummary[]> {
    const { offset, limit } = resolvePage(page);
    if (page?.after !== undefined) return this.listAfter(page.after, limit);
    const rows = await this.sql.rows<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY ${ARTICLE_ORDER} LIMIT $1 OFFSET $2`, [limit, offset]);
    return rows.map(rowToSummary);
  }

  private async listAfter(id: string, limit: number): Promise<ArticleSummary[]> {
    const [key] = await this.sql.rows<{ published: string | null; name: string; seq: number }>('SELECT published, name, seq FROM articles WHERE id = $1', [id]);
    if (!key) throw unknownPageKey('article', id);
    const rows = await pageAfterNullsLast(
      ARTICLE_KEYSET,
      [key.published, key.name, key.seq],
      limit,
      (where, params, orderBy, n) => this.sql.rows<SummaryRow>(numbered(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE ${where} ORDER BY ${orderBy} LIMIT ?`), [...params, n]),
      PG_DIALECT,
    );
    return rows.map(rowToSummary);
  }

  async count(): Promise<number> {
    return (await this.sql.rows<{ n: number }>('SELECT count(*) AS n FROM articles'))[0].n;
  }

  /** Ranks every match, but builds snippets (which re-read the text) only for the page shown. */
  async search(text: string, page?: Page): Promise<SearchHit[]> {
    const { offset, limit } = resolvePage(page);
    const query = tsQuery(text, 3);
    if (query === null || limit === 0) return [];
    const marks = `StartSel="${HIT_OPEN}", StopSel="${HIT_CLOSE}", MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter="…"`;
    const rows = await this.sql.rows<SummaryRow & { score: number; snippet: string; title_hit: string | null }>(
      `WITH q AS (SELECT ${query.sql} AS query),
       top AS (
         SELECT a.seq, ts_rank(${RANK_WEIGHTS}, a.search, q.query) AS score FROM articles a, q
         WHERE a.search @@ q.query ORDER BY score DESC, a.seq LIMIT $1 OFFSET $2
       )
       SELECT a.id, a.name, a.source, a.title, a.published, a.words, top.score,
         ts_headline('${TS_CONFIG}', a.text, q.query, '${marks}') AS snippet,
         CASE WHEN a.title IS NULL THEN NULL ELSE ts_headline('${TS_CONFIG}', a.title, q.query, 'StartSel="${HIT_OPEN}", StopSel="${HIT_CLOSE}", HighlightAll=true') END AS title_hit
       FROM top JOIN articles a ON a.seq = top.seq, q
       ORDER BY top.score DESC, top.seq`,
      [limit, offset, ...query.params],
    );
    return rows.map((r) => ({ article: rowToSummary(r), snippet: bracketHits(r.snippet, r.title_hit), rank: r.score }));
  }

  async putQuarantine(record: QuarantineRecord): Promise<void> {
    // JSON keeps characters PostgreSQL text cannot hold (NUL) in a quarantined excerpt.
    const kept: QuarantineRecord = { origin: record.origin, code: record.code, message: record.message, excerpt: record.excerpt };
    // A record already held (same origin, code and message: the same file read again) is kept once.
    const identity = createHash('md5').update(JSON.stringify([record.origin, record.code, record.message])).digest('hex');
    await this.sql.rows(
      `INSERT INTO quarantine (record, at, identity) SELECT $1::text, $2::text, $3::text
       WHERE NOT EXISTS (SELECT 1 FROM quarantine WHERE identity = $3::text)`,
      [JSON.stringify(kept), new Date().toISOString(), identity],
    );
  }

  /** Offset paging only: outlets are ordered by their count. */
  async listOutlets(page?: Page): Promise<OutletCount[]> {
    const { offset, limit } = resolvePage(page);
    return this.sql.rows<OutletCount>(
      `SELECT source AS outlet, count(*) AS articles FROM articles WHERE source IS NOT NULL AND source <> ''
       GROUP BY source ORDER BY articles DESC, source COLLATE "C" LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
  }

  async countOutlets(): Promise<{ outlets: number; unknown: number }> {
    const [row] = await this.sql.rows<{ outlets: number; unknown: number }>(
      `SELECT count(DISTINCT source) FILTER (WHERE source <> '') AS outlets, count(*) FILTER (WHERE source IS NULL OR source = '') AS unknown FROM articles`,
    );
    return row;
  }

  async listQuarantine(page?: Page): Promise<QuarantineRecord[]> {
    const { offset, limit } = resolvePage(page);
    const rows = await this.sql.rows<{ record: string }>('SELECT record FROM quarantine ORDER BY seq LIMIT $1 OFFSET $2', [limit, offset]);
    return rows.map((r) => JSON.parse(r.record) as QuarantineRecord);
  }

  async countQuarantine(): Promise<number> {
    return (await this.sql.rows<{ n: number }>('SELECT count(*) AS n FROM quarantine'))[0].n;
  }
}
