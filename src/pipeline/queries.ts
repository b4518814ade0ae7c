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
  Relation,
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
  /** Name of the original side, or 'unknown'. */
  source: string;
  evidence: string[];
  passages: Array<{ a: Span; b: Span; edit: EditKind; score: number; diff: WordDiffOp[] }>;
}

export interface DiffView {
  a: ArticleDetail;
  b: ArticleDetail;
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
  events: EventRow[];
}

export interface QuoteGroupRow {
  group: string;
  speaker: string | null;
  variants: Array<{ article: string; articleId: string; text: string; span: Span; drift: WordDiffOp[]; flags: string[] }>;
}

/** Resolves article ids to names with one lookup each. */
class Names {
  private readonly cache = new Map<string, Article | undefined>();
  constructor(private readonly store: Store) {}
  article(id: string): Article | undefined {
    if (!this.cache.has(id)) this.cache.set(id, this.store.getArticle(id));
    return this.cache.get(id);
  }
  name(id: string): string {
    return this.article(id)?.name ?? id;
  }
}

function row(a: Article | ArticleRow): ArticleRow {
  return { id: a.id, name: a.name, source: a.source, title: a.title, published: a.published, words: a.words };
}

export function articlesView(store: Store, page?: Page): { total: number; items: ArticleRow[] } {
  return { total: store.countArticles(), items: store.listArticles(page).map(row) };
}

export function linkRow(relation: Relation, names: { name(id: string): string }): LinkRow {
  return {
    a: names.name(relation.a),
    b: names.name(relation.b),
    aId: relation.a,
    bId: relation.b,
    kind: relation.kind,
    score: round(relation.score),
    source: relation.source ? names.name(relation.source) : 'unknown',
    evidence: relation.evidence,
    passages: relation.passages.map((p) => ({ a: p.a, b: p.b, edit: p.edit, score: round(p.score), diff: p.diff })),
  };
}

export function articleView(store: Store, idOrName: string): ArticleDetail | undefined {
  const article = store.getArticle(idOrName);
  if (!article) return undefined;
  const names = new Names(store);
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
    entities: store.listEntities(article.id),
    mentions,
    quotes: store.listQuotes(article.id),
    event: store.eventOfArticle(article.id) ?? null,
    links: store.listRelations(article.id).map((r) => linkRow(r, names)),
  };
}

export function searchView(store: Store, q: string, page?: Page): { items: SearchHit[] } {
  return { items: store.search(q, page) };
}

export function linksView(store: Store, idOrName?: string, page?: Page): LinkRow[] {
  const names = new Names(store);
  if (idOrName === undefined) return store.listRelations(undefined, page).map((r) => linkRow(r, names));
  const article = store.getArticle(idOrName);
  if (!article) return [];
  return store.listRelations(article.id, page).map((r) => linkRow(r, names));
}

/** The stored relation between two articles, or one computed on the spot when none is stored. */
export function diffView(store: Store, x: string, y: string): DiffView | undefined {
  const a = store.getArticle(x);
  const b = store.getArticle(y);
  if (!a || !b) return undefined;
  const names = new Names(store);
  const stored = store.listRelations(a.id).find((r) => r.a === b.id || r.b === b.id);
  const relation = stored ?? relate(a, b);
  const link = relation ? linkRow(orient(relation, a.id), names) : null;
  return { a: articleView(store, a.id)!, b: articleView(store, b.id)!, link };
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

function eventRow(store: Store, event: StoryEvent, names: Names): EventRow {
  const members = new Map<string, { id: string; name: string; source: string | null; published: string | null }>();
  const relations: Relation[] = [];
  for (const id of event.articles) {
    const article = names.article(id);
    if (article) members.set(id, { id, name: article.name, source: article.source, published: article.published });
    for (const relation of store.listRelations(id)) {
      if (event.articles.includes(relation.a) && event.articles.includes(relation.b)) relations.push(relation);
    }
  }
  const coverage = eventCoverage(event, members, dedupe(relations)).map((c) => ({
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

function dedupe(relations: Relation[]): Relation[] {
  const seen = new Map<string, Relation>();
  for (const r of relations) seen.set(r.a < r.b ? `${r.a}|${r.b}` : `${r.b}|${r.a}`, r);
  return [...seen.values()];
}

export function storiesView(store: Store, page?: Page): StoryRow[] {
  const names = new Names(store);
  return store.listStorylines(page).map((storyline) => storyRow(store, storyline, names));
}

function storyRow(store: Store, storyline: Storyline, names: Names): StoryRow {
  return {
    id: storyline.id,
    title: storyline.title,
    events: storyline.events.flatMap((id) => {
      const event = store.getEvent(id);
      return event ? [eventRow(store, event, names)] : [];
    }),
  };
}

export function storyView(store: Store, id: string): StoryRow | undefined {
  const storyline = store.getStoryline(id);
  return storyline ? storyRow(store, storyline, new Names(store)) : undefined;
}

export function eventView(store: Store, id: string): EventDetail | undefined {
  const event = store.getEvent(id);
  if (!event) return undefined;
  const names = new Names(store);
  const base = eventRow(store, event, names);
  const nodes = event.articles.flatMap((articleId) => {
    const a = names.article(articleId);
    return a ? [{ id: a.id, name: a.name, source: a.source, published: a.published, title: a.title }] : [];
  });
  const inside = new Set(event.articles);
  const edges = dedupe(event.articles.flatMap((articleId) => store.listRelations(articleId)))
    .filter((r) => inside.has(r.a) && inside.has(r.b))
    .map((r) => {
      const from = r.source ?? r.a;
      return { from, to: from === r.a ? r.b : r.a, kind: r.kind, score: round(r.score), directed: r.source !== null };
    });
  return { ...base, graph: { nodes, edges } };
}

/** Quote groups; `minVariants: 2` keeps the quotes seen in several articles, where drift can show. */
export function quotesView(store: Store, page?: Page, filter?: QuoteGroupFilter): QuoteGroupRow[] {
  const names = new Names(store);
  return store.listQuoteGroups(page, filter).map((group) => ({
    group: group.id,
    speaker: group.speaker,
    variants: group.variants.map((v) => ({
      article: names.name(v.article),
      articleId: v.article,
      text: v.text,
      span: v.span,
      drift: v.drift,
      flags: v.flags,
    })),
  }));
}

export function quarantineView(store: Store, page?: Page): QuarantineRecord[] {
  return store.listQuarantine(page);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
