/**
 * Filtered, sorted lists with totals (store/list-query.ts) in PostgreSQL: the SQLite store's lists
 * (../sqlite/query-tables.ts) with the same filters, sorts and ties. SQLite's NOCASE and lower()
 * fold ASCII letters only, so `asciiLower` does the same here; text is compared in byte order
 * (COLLATE "C"); `wt_julian_day` (migrations.ts) is SQLite's julianday(). Every filter is a bound
 * parameter; sorts come from fixed tables of SQL, never from what a caller typed.
 */
import type { ArticleSummary, QuoteGroup, Relation } from '../../core/types.js';
import type { ArticleQuery, EventQuery, EventSummary, FacetCount, Listed, QuoteQuery, RelationQuery, StorylineQuery, StorylineSummary } from '../list-query.js';
import { resolvePage } from '../page.js';
import {
  EVENT_LAST,
  EVENT_SIZE,
  MAX_FACET_VALUES,
  orderBy,
  QUOTE_SORTS,
  RELATION_SORTS,
  storylinesWithTotals,
  words,
  type SortSql,
} from '../sqlite/query-tables.js';
import { rowToRelation, rowToSummary, type QuoteGroupRow, type RelationRow, type SummaryRow } from '../sqlite/rows.js';
import { RANK_WEIGHTS } from './article-queries.js';
import { withListedVariants } from './quote-variants.js';
import { numbered, type Sql } from './sql.js';
import { tsQuery } from './tsquery.js';

/** `text` with A–Z lowered and every other character kept, as SQLite's lower() and NOCASE see it. */
const asciiLower = (text: string) => `translate(${text}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"`;

/** The WHERE clause of a list being built: conditions with `?` for their values, in order. */
class Filter {
  private readonly conditions: Array<{ sql: string; values: unknown[] }> = [];

  add(sql: string, ...values: unknown[]): this {
    this.conditions.push({ sql, values });
    return this;
  }

  /** The clause and its values, leaving out the condition that starts with `except` (a facet counts over the other filters). */
  where(except?: string, ...extra: string[]): { sql: string; values: unknown[] } {
    const kept = this.conditions.filter((c) => except === undefined || !c.sql.startsWith(except));
    const sql = [...kept.map((c) => c.sql), ...extra];
    return { sql: sql.length ? `WHERE ${sql.join(' AND ')}` : '', values: kept.flatMap((c) => c.values) };
  }
}

/** The day after a YYYY-MM-DD day (SQLite's date(day, '+1 day')), or null when `day` is no date. */
export function dayAfter(day: string): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!parts) return null;
  const [year, month, date] = parts.slice(1).map(Number);
  if (month < 1 || month > 12 || date < 1 || date > 31) return null;
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

const ARTICLE_SORTS: Record<NonNullable<ArticleQuery['sort']>, SortSql> = {
  published: { sql: '(a.published IS NULL), a.published DIR, a.name, a.seq', natural: 'asc' },
  title: { sql: `${asciiLower('coalesce(a.title, a.name)')} DIR, a.seq`, natural: 'asc' },
  outlet: { sql: `(a.source IS NULL), ${asciiLower('a.source')} DIR, a.published NULLS FIRST, a.seq`, natural: 'asc' },
  words: { sql: 'a.words DIR, a.seq', natural: 'desc' },
  // ts_rank: higher is better.
  relevance: { sql: 'hits.rank DIR, a.seq', natural: 'desc' },
};

/** SQLite sorts NULL first ascending and last descending; `NULLS FIRST` there and PostgreSQL's default here. */
const EVENT_SORTS: Record<NonNullable<EventQuery['sort']>, SortSql> = {
  date: { sql: '(e.date_begin IS NULL), e.date_begin DIR, e.date_end NULLS FIRST, e.seq', natural: 'asc' },
  recency: { sql: `(${EVENT_LAST} IS NULL), ${EVENT_LAST} DIR, e.seq`, natural: 'desc' },
  size: { sql: 'size DIR, e.seq', natural: 'desc' },
  span: { sql: `(e.date_begin IS NULL), wt_julian_day(${EVENT_LAST}) - wt_julian_day(e.date_begin) DIR {NULLS}, size DESC, e.seq`, natural: 'desc' },
};

const STORYLINE_SORTS: Record<NonNullable<StorylineQuery['sort']>, SortSql> = {
  created: { sql: 's.position DIR', natural: 'asc' },
  recency: { sql: '(agg.date_end IS NULL), agg.date_end DIR, s.position', natural: 'desc' },
  size: { sql: 'articles DIR, s.position', natural: 'desc' },
  events: { sql: 'events DIR, s.position', natural: 'desc' },
  span: { sql: '(agg.date_begin IS NULL), wt_julian_day(agg.date_end) - wt_julian_day(agg.date_begin) DIR {NULLS}, articles DESC, s.position', natural: 'desc' },
};

/** `orderBy`, with NULLs where SQLite puts them for a sort key that can be NULL (`{NULLS}`). */
function order<S extends string>(sorts: Record<S, SortSql>, query: { sort?: S; order?: 'asc' | 'desc' }, fallback: S): string {
  const sql = orderBy(sorts, query, fallback);
  const ascending = (query.order ?? (sorts[query.sort ?? fallback] ?? sorts[fallback]).natural) === 'asc';
  return sql.replace(/\{NULLS\}/g, ascending ? 'NULLS FIRST' : 'NULLS LAST');
}

/** The filtered lists. */
export class ListQueries {
  constructor(private readonly sql: Sql) {}

  async articles(query: ArticleQuery): Promise<Listed<ArticleSummary>> {
    const filter = new Filter();
    let from = 'articles a';
    let lead: string[] = [];
    let sort = query.sort ?? 'published';
    if (query.q !== undefined && query.q.trim() !== '') {
      const compiled = tsQuery(query.q);
      if (compiled === null) return { total: 0, items: [], facets: { outlet: [] } };
      from = `(SELECT seq, ts_rank(${RANK_WEIGHTS}, search, q.query) AS rank FROM articles, (SELECT ${compiled.sql} AS query) q WHERE search @@ q.query) hits
        JOIN articles a ON a.seq = hits.seq`;
      lead = compiled.params;
      if (query.sort === undefined) sort = 'relevance';
    } else if (sort === 'relevance') sort = 'published';
    if (query.from) filter.add('a.published >= ?', query.from);
    if (query.to) {
      const end = dayAfter(query.to);
      if (end === null) filter.add('false');
      else filter.add('a.published < ?', end);
    }
    if (query.outlet) filter.add('a.source = ?', query.outlet);
    if (query.entity) filter.add('a.id IN (SELECT article FROM entities WHERE name = ?)', query.entity);
    const where = filter.where();
    const rows = await this.page<SummaryRow>(
      `SELECT a.id, a.name, a.source, a.title, a.published, a.words FROM ${from} ${where.sql} ORDER BY ${order(ARTICLE_SORTS, { ...query, sort }, 'published')}`,
      [...lead, ...where.values],
      query,
      lead.length,
    );
    const total = await this.count(`SELECT count(*) AS n FROM ${from} ${where.sql}`, [...lead, ...where.values], lead.length);
    const facet = filter.where('a.source =', 'a.source IS NOT NULL');
    const outlets = await this.facet(`SELECT a.source AS value, count(*) AS count FROM ${from} ${facet.sql} GROUP BY a.source`, [...lead, ...facet.values], lead.length);
    return { total, items: rows.map(rowToSummary), facets: { outlet: outlets } };
  }

  async relations(query: RelationQuery): Promise<Listed<Relation>> {
    const filter = new Filter();
    if (query.kind) filter.add('r.kind = ?', query.kind);
    if (query.minScore !== undefined && query.minScore > 0) filter.add('r.score >= ?', query.minScore);
    if (query.article) filter.add('(r.a = ? OR r.b = ?)', query.article, query.article);
    const where = filter.where();
    const rows = await this.page<RelationRow>(`SELECT r.* FROM relations r ${where.sql} ORDER BY ${order(RELATION_SORTS, query, 'score')}`, where.values, query);
    const total = await this.count(`SELECT count(*) AS n FROM relations r ${where.sql}`, where.values);
    const facet = filter.where('r.kind =');
    const kinds = await this.facet(`SELECT r.kind AS value, count(*) AS count FROM relations r ${facet.sql} GROUP BY r.kind`, facet.values);
    return { total, items: rows.map(rowToRelation), facets: { kind: kinds } };
  }

  async events(query: EventQuery): Promise<Listed<EventSummary>> {
    const filter = new Filter();
    if (query.from) filter.add(`${EVENT_LAST} >= ?`, query.from);
    if (query.to) filter.add('e.date_begin <= ?', query.to);
    for (const word of words(query.q)) filter.add(`strpos(${asciiLower('e.title')}, ?) > 0`, word);
    if (query.entity) {
      filter.add('e.id IN (SELECT ea.event_id FROM entities en JOIN event_articles ea ON ea.article_id = en.article WHERE en.name = ?)', query.entity);
    }
    const where = filter.where();
    const rows = await this.page<{ id: string; title: string; date_begin: string | null; date_end: string | null; entities: string; size: number }>(
      `SELECT e.id, e.title, e.date_begin, e.date_end, e.entities, ${EVENT_SIZE} AS size FROM events e ${where.sql} ORDER BY ${order(EVENT_SORTS, query, 'date')}`,
      where.values,
      query,
    );
    const total = await this.count(`SELECT count(*) AS n FROM events e ${where.sql}`, where.values);
    const items = rows.map((r) => ({ id: r.id, title: r.title, dateBegin: r.date_begin, dateEnd: r.date_end, entities: JSON.parse(r.entities) as string[], size: r.size }));
    return { total, items };
  }

  async storylines(query: StorylineQuery): Promise<Listed<StorylineSummary>> {
    const filter = new Filter();
    if (query.from) filter.add('agg.date_end >= ?', query.from);
    if (query.to) filter.add('agg.date_begin <= ?', query.to);
    for (const word of words(query.q)) filter.add(`strpos(${asciiLower('s.title')}, ?) > 0`, word);
    const from = storylinesWithTotals(EVENT_SIZE);
    const where = filter.where();
    const rows = await this.page<{ id: string; title: string; events: number; articles: number; date_begin: string | null; date_end: string | null }>(
      `SELECT s.id, s.title, coalesce(agg.events, 0) AS events, coalesce(agg.articles, 0) AS articles, agg.date_begin, agg.date_end
       FROM ${from} ${where.sql} ORDER BY ${order(STORYLINE_SORTS, query, 'created')}`,
      where.values,
      query,
    );
    const total = await this.count(`SELECT count(*) AS n FROM ${from} ${where.sql}`, where.values);
    const items = rows.map((r) => ({ id: r.id, title: r.title, events: r.events, articles: r.articles, dateBegin: r.date_begin, dateEnd: r.date_end }));
    return { total, items };
  }

  async quoteGroups(query: QuoteQuery): Promise<Listed<QuoteGroup>> {
    const filter = new Filter();
    if (query.speaker) filter.add('g.speaker = ?', query.speaker);
    const minVariants = Math.max(1, Math.floor(query.minVariants ?? 1) || 1);
    if (minVariants > 1) filter.add('g.variant_count >= ?', minVariants);
    for (const word of words(query.q)) {
      filter.add(`EXISTS (SELECT 1 FROM quote_variants v WHERE v.group_id = g.id AND strpos(${asciiLower('v.text')}, ?) > 0)`, word);
    }
    const where = filter.where();
    const rows = await this.page<QuoteGroupRow>(`SELECT g.* FROM quote_groups g ${where.sql} ORDER BY ${order(QUOTE_SORTS, query, 'first')}`, where.values, query);
    const total = await this.count(`SELECT count(*) AS n FROM quote_groups g ${where.sql}`, where.values);
    return { total, items: await withListedVariants(this.sql, rows) };
  }

  /**
   * One page of `sql` (LIMIT and OFFSET after its values). In these three, `?` marks are numbered
   * after the `lead` values a compiled search (`$1`…) already holds: `values` starts with them.
   */
  private page<R>(sql: string, values: readonly unknown[], query: { offset?: number; limit?: number }, lead = 0): Promise<R[]> {
    const { offset, limit } = resolvePage(query);
    return this.sql.rows<R>(numbered(`${sql} LIMIT ? OFFSET ?`, lead + 1), [...values, limit, offset]);
  }

  private async count(sql: string, values: readonly unknown[], lead = 0): Promise<number> {
    return (await this.sql.rows<{ n: number }>(numbered(sql, lead + 1), values))[0].n;
  }

  /** The most frequent values of a `value, count` query, most frequent first. */
  private facet(sql: string, values: readonly unknown[], lead = 0): Promise<FacetCount[]> {
    return this.sql.rows<FacetCount>(numbered(`SELECT * FROM (${sql}) f ORDER BY count DESC, value COLLATE "C" LIMIT ${MAX_FACET_VALUES}`, lead + 1), values);
  }
}
