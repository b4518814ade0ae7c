import type { Article, Relation, StoryEvent } from '../core/types.js';
import { createError } from '../core/errors.js';
import { eventCoverage } from '../cluster/coverage.js';
import type { Store } from '../store/store.js';
import type { ExportRow } from './export-format.js';
import { pagesOf } from './paging.js';
import { quotesView } from './queries.js';

/**
 * The tables `wiretrace export` and GET /api/export/{table}.{csv|json} write, each a stream of rows
 * read from the store a page at a time (memory stays bounded however big the store is), filtered
 * as the current view is.
 */

export const EXPORT_TABLES = ['articles', 'relations', 'coverage', 'quotes'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ExportFilter {
  /** Full-text search over articles (quotes: every word in the quote or its speaker). */
  q?: string;
  /** Published on or after / on or before, YYYY-MM-DD (relations: either article). */
  from?: string;
  to?: string;
  /** Outlet, case-insensitive (relations: either article). */
  outlet?: string;
  /** Relation kinds, any of them (relations only). */
  kind?: string[];
  /** Lowest relation score (relations only). */
  minScore?: number;
  /** Speaker, case-insensitive part of the name (quotes only). */
  speaker?: string;
}

export const EXPORT_COLUMNS: Record<ExportTable, readonly string[]> = {
  articles: ['id', 'name', 'outlet', 'title', 'published', 'words', 'url', 'event'],
  relations: ['a', 'b', 'aId', 'bId', 'kind', 'score', 'source', 'aOutlet', 'bOutlet', 'aPublished', 'bPublished', 'passages', 'evidence'],
  coverage: ['storyline', 'event', 'eventTitle', 'date', 'outlet', 'articles', 'original', 'copies', 'firstSeen', 'names'],
  quotes: ['group', 'speaker', 'article', 'articleId', 'outlet', 'published', 'indirect', 'text', 'flags'],
};

/** The rows of one table that pass the filter. */
export function exportRows(store: Store, table: ExportTable, filter: ExportFilter = {}): AsyncGenerator<ExportRow> {
  switch (table) {
    case 'articles':
      return articleRows(store, filter);
    case 'relations':
      return relationRows(store, filter);
    case 'coverage':
      return coverageRows(store, filter);
    case 'quotes':
      return quoteRows(store, filter);
  }
}

export function isExportTable(name: string): name is ExportTable {
  return (EXPORT_TABLES as readonly string[]).includes(name);
}

/** True for a real calendar date written YYYY-MM-DD (2022-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks a filter's values; a bad one is a BAD_USAGE error naming it. */
export function checkFilter(filter: ExportFilter): ExportFilter {
  for (const key of ['from', 'to'] as const) {
    const value = filter[key];
    if (value !== undefined && !isIsoDate(value)) throw createError('BAD_USAGE', `${key} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  if (filter.from && filter.to && filter.from > filter.to) throw createError('BAD_USAGE', `from ${filter.from} is after to ${filter.to}`);
  const score = filter.minScore;
  if (score !== undefined && !(Number.isFinite(score) && score >= 0 && score <= 1)) {
    throw createError('BAD_USAGE', `minScore must be a number from 0 to 1, got ${String(score)}`);
  }
  return filter;
}

/** What the article-level filters (q, dates, outlet) say of one article. */
class ArticleMatcher {
  private constructor(private readonly filter: ExportFilter, private readonly hits: Set<string> | null) {}

  /** Runs the full-text query once, page by page, into the set of matching ids. */
  static async create(store: Store, filter: ExportFilter): Promise<ArticleMatcher> {
    if (!filter.q?.trim()) return new ArticleMatcher(filter, null);
    const hits = new Set<string>();
    for await (const page of pagesOf((p) => store.search(filter.q!, p))) for (const hit of page) hits.add(hit.article.id);
    return new ArticleMatcher(filter, hits);
  }

  get active(): boolean {
    const f = this.filter;
    return this.hits !== null || !!f.from || !!f.to || !!f.outlet;
  }

  matches(a: Pick<Article, 'id' | 'source' | 'published'>): boolean {
    const f = this.filter;
    if (this.hits && !this.hits.has(a.id)) return false;
    if (f.outlet && (a.source ?? '').toLowerCase() !== f.outlet.trim().toLowerCase()) return false;
    if ((f.from || f.to) && !a.published) return false;
    const day = a.published?.slice(0, 10) ?? '';
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    return true;
  }
}

async function* articleRows(store: Store, filter: ExportFilter): AsyncGenerator<ExportRow> {
  const match = await ArticleMatcher.create(store, filter);
  for await (const page of pagesOf((p) => store.listArticles(p), (a) => a.id)) {
    const shown = page.filter((a) => match.matches(a));
    for (const a of await store.getArticles(shown.map((s) => s.id))) {
      yield {
        id: a.id, name: a.name, outlet: a.source, title: a.title, published: a.published, words: a.words, url: a.url,
        event: (await store.eventOfArticle(a.id)) ?? null,
      };
    }
  }
}

async function* relationRows(store: Store, filter: ExportFilter): AsyncGenerator<ExportRow> {
  const match = await ArticleMatcher.create(store, filter);
  const kinds = filter.kind?.length ? new Set(filter.kind) : null;
  for await (const page of pagesOf((p) => store.listRelations(undefined, p), (r) => `${r.a}|${r.b}`)) {
    const wanted = page.filter((r) => (!kinds || kinds.has(r.kind)) && (filter.minScore === undefined || r.score >= filter.minScore));
    const articles = new Map((await store.getArticles([...new Set(wanted.flatMap((r) => [r.a, r.b]))])).map((a) => [a.id, a]));
    for (const r of wanted) {
      const a = articles.get(r.a);
      const b = articles.get(r.b);
      if (!a || !b || (match.active && !match.matches(a) && !match.matches(b))) continue;
      yield relationRow(r, a, b);
    }
  }
}

function relationRow(r: Relation, a: Article, b: Article): ExportRow {
  return {
    a: a.name, b: b.name, aId: a.id, bId: b.id, kind: r.kind, score: Math.round(r.score * 1000) / 1000,
    source: r.source === a.id ? a.name : r.source === b.id ? b.name : 'unknown',
    aOutlet: a.source, bOutlet: b.source, aPublished: a.published, bPublished: b.published,
    passages: r.passages.length, evidence: r.evidence,
  };
}

/**
 * Per event (and its storyline), articles per day per outlet: how many, how many are original
 * reporting and how many copies, and which row holds the event's first-seen article (the earliest
 * published; among the undated, the first to join).
 */
async function* coverageRows(store: Store, filter: ExportFilter): AsyncGenerator<ExportRow> {
  const match = await ArticleMatcher.create(store, filter);
  const storylineOf = new Map<string, string>();
  for await (const page of pagesOf((p) => store.listStorylines(p), (s) => s.id)) {
    for (const s of page) for (const e of s.events) storylineOf.set(e, s.id);
  }
  for await (const page of pagesOf((p) => store.listEvents(p), (e) => e.id)) {
    for (const event of page) {
      const members = await store.getArticles(event.articles);
      if (match.active && !members.some((a) => match.matches(a))) continue;
      yield* eventCoverageRows(store, event, members, storylineOf.get(event.id) ?? null, match);
    }
  }
}

async function* eventCoverageRows(store: Store, event: StoryEvent, members: Article[], storyline: string | null, match: ArticleMatcher): AsyncGenerator<ExportRow> {
  const byId = new Map(members.map((a) => [a.id, a]));
  const copies = new Set(eventCoverage(event, byId, await memberRelations(store, event)).flatMap((c) => c.copies));
  const first = firstSeen(members);
  const cells = new Map<string, { date: string | null; outlet: string | null; names: string[]; original: number; copies: number; first: boolean }>();
  for (const a of members) {
    if (match.active && !match.matches(a)) continue;
    const date = a.published?.slice(0, 10) ?? null;
    const key = `${date ?? ''}\u0000${a.source ?? ''}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { date, outlet: a.source, names: [], original: 0, copies: 0, first: false }));
    cell.names.push(a.name);
    if (copies.has(a.id)) cell.copies++;
    else cell.original++;
    if (a === first) cell.first = true;
  }
  const ordered = [...cells.values()].sort((x, y) => (x.date ?? '9999').localeCompare(y.date ?? '9999') || (x.outlet ?? '\uffff').localeCompare(y.outlet ?? '\uffff'));
  for (const c of ordered) {
    yield {
      storyline, event: event.id, eventTitle: event.title, date: c.date, outlet: c.outlet, articles: c.names.length,
      original: c.original, copies: c.copies, firstSeen: c.first ? first!.name : null, names: c.names,
    };
  }
}

/** The member published first; members without a date count after every dated one, in joining order. */
function firstSeen(members: Article[]): Article | undefined {
  let best: Article | undefined;
  for (const a of members) {
    if (!best) best = a;
    else if (a.published && (!best.published || a.published < best.published)) best = a;
  }
  return best;
}

/** Relations between members of the event, each once (the rewrite ones tell copies from originals). */
async function memberRelations(store: Store, event: StoryEvent): Promise<Relation[]> {
  const inside = new Set(event.articles);
  const seen = new Map<string, Relation>();
  for (const id of event.articles) {
    for await (const page of pagesOf((p) => store.listRelations(id, p), (r) => `${r.a}|${r.b}`)) {
      for (const r of page) if (inside.has(r.a) && inside.has(r.b)) seen.set(`${r.a}|${r.b}`, r);
    }
  }
  return [...seen.values()];
}

async function* quoteRows(store: Store, filter: ExportFilter): AsyncGenerator<ExportRow> {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const speaker = filter.speaker?.trim().toLowerCase();
  const articleFilter = { ...filter, q: undefined };
  const match = await ArticleMatcher.create(store, articleFilter);
  for await (const page of pagesOf((p) => quotesView(store, p), (g) => g.group)) {
    const articles = new Map((await store.getArticles([...new Set(page.flatMap((g) => g.variants.map((v) => v.articleId)))])).map((a) => [a.id, a]));
    for (const group of page) {
      if (speaker && !(group.speaker ?? '').toLowerCase().includes(speaker)) continue;
      for (const v of group.variants) {
        const article = articles.get(v.articleId);
        if (!article || (match.active && !match.matches(article))) continue;
        const haystack = `${v.text} ${group.speaker ?? ''}`.toLowerCase();
        if (!words.every((w) => haystack.includes(w))) continue;
        yield {
          group: group.group, speaker: group.speaker, article: v.article, articleId: v.articleId, outlet: article.source,
          published: article.published, indirect: v.indirect, text: v.text, flags: v.flags,
        };
      }
    }
  }
}
