import type {
  Article,
  ArticleSummary,
  EventCoverage,
  EditKind,
  Entity,
  EntityMention,
  JoinReason,
  QuarantineRecord,
  Quote,
  QuoteGroup,
  Relation,
  RelationEnds,
  RelationKind,
  Span,
  StoryEvent,
  Storyline,
  WordDiffOp,
} from '../core/types.js';
import type { Page, QuoteGroupFilter, SearchHit, Store } from '../store/store.js';
import { relate } from '../align/relate.js';
import { eventCoverage } from '../cluster/coverage.js';
import { extractEntities } from '../extract/entities.js';
import { createError } from '../core/errors.js';
import { everything } from './paging.js';

/** The views behind the CLI's --json output and the HTTP API: one shape for both. */

/** One line of the article list: the store's summary. */
export type ArticleRow = ArticleSummary;

export interface ArticleDetail extends ArticleRow {
  url: string | null;
  byline: string | null;
  dateline: string | null;
  wire: string[];
  language: string | null;
  text: string;
  paragraphs: Span[];
  captions: string[];
  contributors: string[];
  entities: Entity[];
  mentions: EntityMention[];
  quotes: Quote[];
  event: string | null;
  links: LinkRow[];
}

export interface LinkRow {
  a: string;
  b: string;
  aId: string;
  bId: string;
  kind: RelationKind;
  score: number;
  /** 0..1: how strongly the two cover the same story. */
  similarity: number;
  /** 0..1: the share of text one takes from the other. */
  reuse: number;
  /** Name of the original side, or 'unknown'. */
  source: string;
  evidence: string[];
  passages: Array<{ a: Span; b: Span; edit: EditKind; score: number; diff: WordDiffOp[] }>;
}

export interface DiffView {
  a: ArticleDetail;
  b: ArticleDetail;
  /** True when both references name one article: there is nothing to compare, and `link` is null. */
  same: boolean;
  link: LinkRow | null;
}

/** An outlet's coverage of an event, with article names in place of ids. */
export type CoverageRow = EventCoverage;

export interface EventRow {
  id: string;
  date: string | null;
  dateEnd: string | null;
  title: string;
  articles: string[];
  articleIds: string[];
  entities: string[];
  coverage: CoverageRow[];
  reasons: JoinReason[];
}

export interface EventDetail extends EventRow {
  graph: {
    nodes: Array<{ id: string; name: string; source: string | null; published: string | null; title: string | null }>;
    edges: Array<{ from: string; to: string; kind: RelationKind; score: number; directed: boolean }>;
  };
}

export interface StoryRow {
  id: string;
  title: string;
  /** Each event with `link`: why it is on the storyline (which event it follows, on what evidence). */
  events: Array<EventRow & { link: string }>;
  /** When `events` is a window of the storyline's events: how many it has in all, and where the window starts. */
  eventCount?: number;
  offset?: number;
}

/** A window of a storyline's events, in storyline order. */
export interface EventWindow {
  offset: number;
  limit: number;
}

export interface QuoteGroupRow {
  group: string;
  speaker: string | null;
  /** `indirect`: reported speech (no quote marks of its own), as opposed to a direct quote. */
  variants: Array<{ article: string; articleId: string; text: string; span: Span; indirect: boolean; drift: WordDiffOp[]; flags: string[] }>;
  /** Variants (articles) and distinct wordings in all: a listed page's `variants` are the first of each of the first wordings of a big group. */
  variantCount: number;
  wordings: number;
}

/** Resolves article ids to names (and outlets, titles, dates): `load` fetches the summaries not seen yet in one batch, then lookups are synchronous. */
export class Names {
  private readonly cache = new Map<string, ArticleSummary | undefined>();
  constructor(private readonly store: Store) {}
  async load(ids: Iterable<string>): Promise<this> {
    const missing = [...new Set(ids)].filter((id) => !this.cache.has(id));
    if (missing.length === 0) return this;
    const found = new Map((await this.store.getArticleSummaries(missing)).map((a) => [a.id, a]));
    for (const id of missing) this.cache.set(id, found.get(id));
    return this;
  }
  article(id: string): ArticleSummary | undefined {
    return this.cache.get(id);
  }
  name(id: string): string {
    return this.article(id)?.name ?? id;
  }
}

/** The ids a relation names (both sides and its source). */
export function relationIds(relations: readonly Relation[]): string[] {
  return relations.flatMap((r) => (r.source ? [r.a, r.b, r.source] : [r.a, r.b]));
}

/**
 * The article a user's reference (id, name or unique prefix of either) points at; undefined when none
 * does; an AMBIGUOUS error listing the candidates when several do.
 */
export async function findArticle(store: Store, ref: string): Promise<Article | undefined> {
  const resolution = await store.resolveArticle(ref);
  if ('found' in resolution) return resolution.found;
  if ('none' in resolution) return undefined;
  throw createError('AMBIGUOUS', ref, resolution.ambiguous.map((a) => `${a.name} (${a.id})`));
}

function row(a: Article | ArticleRow): ArticleRow {
  return { id: a.id, name: a.name, source: a.source, title: a.title, published: a.published, words: a.words };
}

export async function articlesView(store: Store, page?: Page): Promise<{ total: number; items: ArticleRow[] }> {
  return { total: await store.countArticles(), items: (await store.listArticles(page)).map(row) };
}

export function linkRow(relation: Relation, names: { name(id: string): string }): LinkRow {
  return {
    a: names.name(relation.a),
    b: names.name(relation.b),
    aId: relation.a,
    bId: relation.b,
    kind: relation.kind,
    score: round(relation.score),
    similarity: round(relation.similarity),
    reuse: round(relation.reuse),
    source: relation.source ? names.name(relation.source) : 'unknown',
    evidence: relation.evidence,
    passages: relation.passages.map((p) => ({ a: p.a, b: p.b, edit: p.edit, score: round(p.score), diff: p.diff })),
  };
}

export async function articleView(store: Store, idOrName: string): Promise<ArticleDetail | undefined> {
  const article = await findArticle(store, idOrName);
  return article ? articleDetail(store, article) : undefined;
}

async function articleDetail(store: Store, article: Article): Promise<ArticleDetail> {
  const relations = await store.listRelations(article.id);
  const names = await new Names(store).load(relationIds(relations));
  const { mentions } = extractEntities(article.text);
  return {
    ...row(article),
    url: article.url,
    byline: article.byline,
    dateline: article.dateline,
    wire: article.wire,
    language: article.language,
    text: article.text,
    paragraphs: article.paragraphs,
    captions: article.captions,
    contributors: article.contributors,
    entities: await store.listEntities(article.id),
    mentions,
    quotes: await store.listQuotes(article.id),
    event: (await store.eventOfArticle(article.id)) ?? null,
    links: relations.map((r) => linkRow(r, names)),
  };
}

export async function searchView(store: Store, q: string, page?: Page): Promise<{ items: SearchHit[] }> {
  return { items: await store.search(q, page) };
}

/** All relations, or those of one referenced article (none when it names no article). */
export async function linksView(store: Store, idOrName?: string, page?: Page): Promise<LinkRow[]> {
  let relations: Relation[];
  if (idOrName === undefined) {
    relations = await store.listRelations(undefined, page);
  } else {
    const article = await findArticle(store, idOrName);
    if (!article) return [];
    relations = await store.listRelations(article.id, page);
  }
  const names = await new Names(store).load(relationIds(relations));
  return relations.map((r) => linkRow(r, names));
}

/** The stored relation between two articles, or one computed on the spot when none is stored. */
export async function diffView(store: Store, x: string, y: string): Promise<DiffView | undefined> {
  const a = await findArticle(store, x);
  const b = await findArticle(store, y);
  if (!a || !b) return undefined;
  const relation = await relationBetween(store, a, b);
  const names = await new Names(store).load(relation ? relationIds([relation]) : []);
  const link = relation ? linkRow(orient(relation, a.id), names) : null;
  const detailA = await articleDetail(store, a);
  return { a: detailA, b: a.id === b.id ? detailA : await articleDetail(store, b), same: a.id === b.id, link };
}

/**
 * The stored relation of two articles, else one computed on the spot, else null; null for an
 * article and itself (a relation links two articles).
 */
export async function relationBetween(store: Store, a: Article, b: Article): Promise<Relation | null> {
  if (a.id === b.id) return null;
  const stored = await everything((page) => store.listRelations(a.id, page), (r) => `${r.a}|${r.b}`);
  return stored.find((r) => (r.a === a.id && r.b === b.id) || (r.a === b.id && r.b === a.id)) ?? relate(a, b);
}

/** Puts article `aId` on side a, swapping spans and diffs when the stored relation has it on side b. */
export function orient(relation: Relation, aId: string): Relation {
  if (relation.a === aId) return relation;
  return {
    ...relation,
    a: relation.b,
    b: relation.a,
    passages: relation.passages.map((p) => ({
      ...p,
      a: p.b,
      b: p.a,
      edit: p.edit === 'inserted' ? 'deleted' : p.edit === 'deleted' ? 'inserted' : p.edit,
      diff: p.diff.map(flipOp),
    })),
  };
}

function flipOp(op: WordDiffOp): WordDiffOp {
  const kind = op.op === 'insert' ? 'delete' : op.op === 'delete' ? 'insert' : op.op;
  const flipped: WordDiffOp = { op: kind };
  if (op.b !== undefined) flipped.a = op.b;
  if (op.a !== undefined) flipped.b = op.a;
  if (op.synonym !== undefined) flipped.synonym = op.synonym;
  return flipped;
}

/** The relations between members of an event, each once, strongest first. */
export function eventRelations(store: Store, event: StoryEvent): Promise<RelationEnds[]> {
  return store.relationsAmong(event.articles);
}

async function eventRow(store: Store, event: StoryEvent, names: Names, relations?: RelationEnds[]): Promise<EventRow> {
  const members = new Map<string, { id: string; name: string; source: string | null; published: string | null }>();
  await names.load(event.articles);
  for (const id of event.articles) {
    const article = names.article(id);
    if (article) members.set(id, { id, name: article.name, source: article.source, published: article.published });
  }
  const coverage = eventCoverage(event, members, relations ?? (await eventRelations(store, event))).map((c) => ({
    source: c.source,
    copies: c.copies.map((id) => names.name(id)),
    original: c.original.map((id) => names.name(id)),
  }));
  return {
    id: event.id,
    date: event.dateBegin,
    dateEnd: event.dateEnd,
    title: event.title,
    articles: event.articles.map((id) => names.name(id)),
    articleIds: event.articles,
    entities: event.entities,
    coverage,
    reasons: event.reasons,
  };
}

/** Storylines with their events; with `eventsEach`, at most that many of each (the first), so that a page costs a bounded amount. */
export async function storiesView(store: Store, page?: Page, eventsEach?: number): Promise<StoryRow[]> {
  const names = new Names(store);
  const rows: StoryRow[] = [];
  const window = eventsEach === undefined ? undefined : { offset: 0, limit: eventsEach };
  for (const storyline of await store.listStorylines(page)) rows.push(await storyRow(store, storyline, names, window));
  return rows;
}

async function storyRow(store: Store, storyline: Storyline, names: Names, window?: EventWindow): Promise<StoryRow> {
  const events: StoryRow['events'] = [];
  const from = window?.offset ?? 0;
  const to = window ? Math.min(storyline.events.length, from + window.limit) : storyline.events.length;
  for (let i = from; i < to; i++) {
    const event = await store.getEvent(storyline.events[i]!);
    if (event) events.push({ ...(await eventRow(store, event, names)), link: storyline.reasons[i] ?? '' });
  }
  const row: StoryRow = { id: storyline.id, title: storyline.title, events };
  return window ? { ...row, eventCount: storyline.events.length, offset: from } : row;
}

/** One storyline with its events, or with the `window` of them (a storyline of 11,000 events was 15 MB). */
export async function storyView(store: Store, id: string, window?: EventWindow): Promise<StoryRow | undefined> {
  const storyline = await store.getStoryline(id);
  return storyline ? storyRow(store, storyline, new Names(store), window) : undefined;
}

export async function eventView(store: Store, id: string): Promise<EventDetail | undefined> {
  const event = await store.getEvent(id);
  if (!event) return undefined;
  const names = new Names(store);
  const relations = await eventRelations(store, event);
  const base = await eventRow(store, event, names, relations);
  const nodes = event.articles.flatMap((articleId) => {
    const a = names.article(articleId);
    return a ? [{ id: a.id, name: a.name, source: a.source, published: a.published, title: a.title }] : [];
  });
  const edges = relations.map((r) => {
    const from = r.source ?? r.a;
    return { from, to: from === r.a ? r.b : r.a, kind: r.kind, score: round(r.score), directed: r.source !== null };
  });
  return { ...base, graph: { nodes, edges } };
}

/** Quote groups; `minVariants: 2` keeps the quotes seen in several articles, where drift can show. */
export async function quotesView(store: Store, page?: Page, filter?: QuoteGroupFilter): Promise<QuoteGroupRow[]> {
  return quoteGroupRows(store, await store.listQuoteGroups(page, filter));
}

/** Groups as the API shows them: article names, and whether each variant is an indirect quote. */
export async function quoteGroupRows(store: Store, groups: QuoteGroup[]): Promise<QuoteGroupRow[]> {
  const articleIds = groups.flatMap((g) => g.variants.map((v) => v.article));
  const names = await new Names(store).load(articleIds);
  const indirect = await indirectQuotes(store, articleIds);
  return groups.map((group) => ({
    group: group.id,
    speaker: group.speaker,
    variants: group.variants.map((v) => ({
      article: names.name(v.article),
      articleId: v.article,
      text: v.text,
      span: v.span,
      indirect: indirect.has(v.quote),
      drift: v.drift,
      flags: v.flags,
    })),
    variantCount: group.variantCount ?? group.variants.length,
    wordings: group.wordings ?? new Set(group.variants.map((v) => v.text)).size,
  }));
}

/** Ids of the indirect (reported) quotes of these articles: group rows keep the quote's id, its article keeps the rest. */
async function indirectQuotes(store: Store, articleIds: Iterable<string>): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of new Set(articleIds)) {
    for (const quote of await store.listQuotes(id)) if (quote.indirect) out.add(quote.id);
  }
  return out;
}

export async function quarantineView(store: Store, page?: Page): Promise<QuarantineRecord[]> {
  return store.listQuarantine(page);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
