import type { Article, ArticleSummary, QuarantineRecord } from '../../core/types.js';
import { resolvePage } from '../page.js';
import { bracketHits } from '../snippet.js';
import type { ArticleResolution, OutletCount, Page, SearchHit } from '../store.js';
import { ftsMatch } from './fts.js';
import { pageAfterNullsLast, type NullsLastOrder } from './keyset.js';
import {
  articleToRow,
  rowToArticle,
  rowToQuarantine,
  inOrderAsked,
  rowToSummary,
  SUMMARY_COLUMNS,
  type ArticleRow,
  type QuarantineRow,
  type SummaryRow,
} from './rows.js';
import { unknownPageKey, type Statements } from './statements.js';

/** Sorts after any character a name or id can continue with, for index range scans on a prefix. */
const PREFIX_END = '\u{10FFFF}';
/** Most articles an ambiguous reference lists. */
const AMBIGUOUS_SHOWN = 10;

const ARTICLE_ORDER = 'published IS NULL, published, name, seq';
const ARTICLE_KEYSET: NullsLastOrder = { lead: 'published', rest: ['name', 'seq'] };

/** Articles, their full-text index and the quarantine, synchronously (SqliteStore wraps them in promises). */
export class ArticleTables {
  constructor(private readonly st: Statements) {}

  put(article: Article): boolean {
    const row = articleToRow(article, new Date().toISOString());
    const result = this.st.get(
      `INSERT INTO articles (id, name, format, title, source, url, byline, dateline, published, wire, language,
         based_on, text, paragraphs, captions, contributors, words, source_map, ingested_at)
       VALUES (@id, @name, @format, @title, @source, @url, @byline, @dateline, @published, @wire, @language,
         @based_on, @text, @paragraphs, @captions, @contributors, @words, @source_map, @ingested_at)
       ON CONFLICT(id) DO NOTHING`,
    ).run(row);
    return result.changes > 0;
  }

  get(id: string): Article | undefined {
    const row = this.st.get('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
    return row ? rowToArticle(row) : undefined;
  }

  getSummaries(ids: readonly string[]): ArticleSummary[] {
    if (ids.length === 0) return [];
    const rows = this.st.get(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as SummaryRow[];
    return inOrderAsked(ids, rows.map(rowToSummary));
  }

  getMany(ids: readonly string[]): Article[] {
    return ids.flatMap((id) => {
      const article = this.get(id);
      return article ? [article] : [];
    });
  }

  resolve(ref: string): ArticleResolution {
    if (ref === '') return { none: true };
    const exact = this.get(ref);
    if (exact) return { found: exact };
    const byName = this.st.get('SELECT * FROM articles WHERE name = ? LIMIT 2').all(ref) as ArticleRow[];
    if (byName.length === 1) return { found: rowToArticle(byName[0]) };
    if (byName.length > 1) return { ambiguous: this.withName(ref) };
    for (const column of ['name', 'id'] as const) {
      const rows = this.prefixed(column, ref);
      if (rows.length === 1) return { found: rowToArticle(rows[0]) };
      if (rows.length > 1) return { ambiguous: this.prefixedSummaries(column, ref) };
    }
    return { none: true };
  }

  private withName(name: string): ArticleSummary[] {
    const rows = this.st.get(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE name = ? ORDER BY seq LIMIT ?`).all(name, AMBIGUOUS_SHOWN);
    return (rows as SummaryRow[]).map(rowToSummary);
  }

  /** At most two full rows whose `column` starts with `prefix`: enough to tell one from several. */
  private prefixed(column: 'name' | 'id', prefix: string): ArticleRow[] {
    const rows = this.st
      .get(`SELECT * FROM articles WHERE ${column} >= ? AND ${column} < ? ORDER BY ${column} LIMIT 2`)
      .all(prefix, prefix + PREFIX_END) as ArticleRow[];
    return rows.filter((row) => row[column].startsWith(prefix));
  }

  private prefixedSummaries(column: 'name' | 'id', prefix: string): ArticleSummary[] {
    const rows = this.st
      .get(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE ${column} >= ? AND ${column} < ? ORDER BY ${column}, seq LIMIT ?`)
      .all(prefix, prefix + PREFIX_END, AMBIGUOUS_SHOWN) as SummaryRow[];
    return rows.filter((row) => row[column].startsWith(prefix)).map(rowToSummary);
  }

  has(id: string): boolean {
    return this.st.get('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
  }

  list(page?: Page): ArticleSummary[] {
    const { offset, limit } = resolvePage(page);
    if (page?.after !== undefined) return this.listAfter(page.after, limit);
    // Page through the (published, name) index alone, then fetch only the rows shown.
    const rows = this.st.get(
      `SELECT ${SUMMARY_COLUMNS} FROM articles
       WHERE seq IN (SELECT seq FROM articles ORDER BY ${ARTICLE_ORDER} LIMIT ? OFFSET ?)
       ORDER BY ${ARTICLE_ORDER}`,
    ).all(limit, offset) as SummaryRow[];
    return rows.map(rowToSummary);
  }

  private listAfter(id: string, limit: number): ArticleSummary[] {
    const key = this.st.get('SELECT published, name, seq FROM articles WHERE id = ?').raw().get(id) as unknown[] | undefined;
    if (!key) throw unknownPageKey('article', id);
    const rows = pageAfterNullsLast(ARTICLE_KEYSET, key, limit, (where, params, orderBy, n) =>
      this.st
        .get(`SELECT ${SUMMARY_COLUMNS} FROM articles INDEXED BY articles_published WHERE ${where} ORDER BY ${orderBy} LIMIT ?`)
        .all(...params, n) as SummaryRow[],
    );
    return rows.map(rowToSummary);
  }

  count(): number {
    return this.st.get('SELECT count(*) FROM articles').pluck().get() as number;
  }

  /** Offset paging only: hits are ranked, so there is no stable key to page after. */
  search(query: string, page?: Page): SearchHit[] {
    const { offset, limit } = resolvePage(page);
    const expression = ftsMatch(query);
    return expression === null || limit === 0 ? [] : this.match(expression, limit, offset);
  }

  /**
   * Ranks every match by bm25 (title weighs 3, text 1) but builds snippets only for
   * the page shown: snippets re-read the text, ranking does not.
   */
  private match(expression: string, limit: number, offset: number): SearchHit[] {
    const rows = this.st.get(
      `WITH top AS (
         SELECT rowid AS seq, bm25(articles_fts, 3.0, 1.0) AS score FROM articles_fts
         WHERE articles_fts MATCH @query ORDER BY score, rowid LIMIT @limit OFFSET @offset
       )
       SELECT a.id, a.name, a.source, a.title, a.published, a.words, top.score,
         snippet(articles_fts, 1, char(1), char(2), '…', 16) AS snippet,
         highlight(articles_fts, 0, char(1), char(2)) AS title_hit
       FROM top
       JOIN articles_fts ON articles_fts.rowid = top.seq AND articles_fts MATCH @query
       JOIN articles a ON a.seq = top.seq
       ORDER BY top.score, top.seq`,
    ).all({ query: expression, limit, offset }) as Array<SummaryRow & { score: number; snippet: string; title_hit: string | null }>;
    return rows.map((r) => ({ article: rowToSummary(r), snippet: bracketHits(r.snippet, r.title_hit), rank: -r.score }));
  }

  /** A record already held (same origin, code and message: the same file read again) is kept once. */
  putQuarantine(record: QuarantineRecord): void {
    this.st
      .get(
        `INSERT INTO quarantine (origin, code, message, excerpt, at)
         SELECT @origin, @code, @message, @excerpt, @at
         WHERE NOT EXISTS (SELECT 1 FROM quarantine WHERE origin = @origin AND code = @code AND message = @message)`,
      )
      .run({ origin: record.origin, code: record.code, message: record.message, excerpt: record.excerpt, at: new Date().toISOString() });
  }

  /** Offset paging only: outlets are ordered by their count. */
  listOutlets(page?: Page): OutletCount[] {
    const { offset, limit } = resolvePage(page);
    return this.st
      .get(
        `SELECT source AS outlet, count(*) AS articles FROM articles WHERE source IS NOT NULL AND source <> ''
         GROUP BY source ORDER BY articles DESC, source LIMIT ? OFFSET ?`,
      )
      .all(limit, offset) as OutletCount[];
  }

  countOutlets(): { outlets: number; unknown: number } {
    const outlets = this.st.get(`SELECT count(DISTINCT source) FROM articles WHERE source IS NOT NULL AND source <> ''`).pluck().get() as number;
    // From the outlet index (it holds the articles with a source): counting those without one read every article.
    const named = this.st.get('SELECT count(*) FROM articles WHERE source IS NOT NULL').pluck().get() as number;
    const empty = this.st.get(`SELECT count(*) FROM articles WHERE source = ''`).pluck().get() as number;
    return { outlets, unknown: this.count() - named + empty };
  }

  /** Offset paging only: quarantine records have no key. */
  listQuarantine(page?: Page): QuarantineRecord[] {
    const { offset, limit } = resolvePage(page);
    const rows = this.st.get('SELECT * FROM quarantine ORDER BY seq LIMIT ? OFFSET ?').all(limit, offset) as QuarantineRow[];
    return rows.map(rowToQuarantine);
  }

  countQuarantine(): number {
    return this.st.get('SELECT count(*) FROM quarantine').pluck().get() as number;
  }
}
