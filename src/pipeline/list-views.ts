/**
 * The filtered lists the web UI pages through (store/list-query.ts), an entity's page, an event's or
 * storyline's coverage timeline, and two pasted texts compared: the views behind /api.
 */
import type { Entity, RelationKind } from '../core/types.js';
import type { ArticleQuery, EventQuery, EventSummary, Listed, QuoteQuery, RelationQuery, StorylineQuery, StorylineSummary } from '../store/list-query.js';
import type { Store } from '../store/store.js';
import { eventCoverage } from '../cluster/coverage.js';
import { compare } from '../align/compare.js';
import { cleanDocument } from '../clean/clean.js';
import { eventRelations, linkRow, Names, quoteGroupRows, relationIds, type ArticleRow, type EventDetail, type LinkRow, type QuoteGroupRow } from './queries.js';

export async function articleListView(store: Store, query: ArticleQuery): Promise<Listed<ArticleRow>> {
  return store.queryArticles(query);
}

export async function relationListView(store: Store, query: RelationQuery): Promise<Listed<LinkRow>> {
  const listed = await store.queryRelations(query);
  const names = await new Names(store).load(relationIds(listed.items));
  return { ...listed, items: listed.items.map((r) => linkRow(r, names)) };
}

export async function eventListView(store: Store, query: EventQuery): Promise<Listed<EventSummary>> {
  return store.queryEvents(query);
}

export async function storylineListView(store: Store, query: StorylineQuery): Promise<Listed<StorylineSummary>> {
  return store.queryStorylines(query);
}

export async function quoteListView(store: Store, query: QuoteQuery): Promise<Listed<QuoteGroupRow>> {
  const listed = await store.queryQuoteGroups(query);
  return { ...listed, items: await quoteGroupRows(store, listed.items) };
}

export interface EntityView extends Entity {
  articles: Listed<ArticleRow>;
  events: Listed<EventSummary>;
  quotes: Listed<QuoteGroupRow>;
}

/** How many of each an entity's page shows at first; the UI pages on through the lists. */
const ENTITY_PAGE = 20;

/** A person, organisation or place: its articles, events and quotes; undefined when no article names it. */
export async function entityView(store: Store, name: string): Promise<EntityView | undefined> {
  const articles = await store.queryArticles({ entity: name, sort: 'published', order: 'desc', limit: ENTITY_PAGE });
  if (articles.total === 0) return undefined;
  const found = (await Promise.all(articles.items.slice(0, 5).map((a) => store.listEntities(a.id)))).flat().filter((e) => e.name === name);
  const entity: Entity = {
    name,
    kind: found[0]?.kind ?? 'person',
    aliases: [...new Set(found.flatMap((e) => e.aliases))].sort(),
    roles: [...new Set(found.flatMap((e) => e.roles))].sort(),
  };
  const events = await store.queryEvents({ entity: name, sort: 'recency', limit: ENTITY_PAGE });
  const quotes = await quoteListView(store, { speaker: name, sort: 'variants', limit: ENTITY_PAGE });
  return { ...entity, articles, events, quotes };
}

/** One outlet's articles per day of a timeline: original reporting and copies apart. */
export interface OutletSeries {
  outlet: string;
  original: number[];
  copies: number[];
}

/** Articles per day by outlet over an event or a storyline, and the article seen first. */
export interface CoverageTimeline {
  days: string[];
  /** The outlets with most articles first; beyond MAX_OUTLETS they are summed as "other outlets". */
  outlets: OutletSeries[];
  first: { id: string; name: string; source: string | null; published: string } | null;
  /** Articles with no date, left off the timeline. */
  undated: number;
  total: number;
}

const MAX_OUTLETS = 8;
/** Longest timeline drawn, in days; a storyline running longer is cut at its last MAX_DAYS. */
const MAX_DAYS = 3660;

/** An article on a timeline, and whether it copies or rewrites another of its event. */
export interface TimelineArticle {
  id: string;
  name: string;
  source: string | null;
  published: string | null;
  copy: boolean;
}

/** The coverage timeline of some events (one event's, or a storyline's). */
export async function coverageTimeline(store: Store, eventIds: readonly string[]): Promise<CoverageTimeline> {
  const members: TimelineArticle[] = [];
  const names = new Names(store);
  for (const eventId of eventIds) {
    const event = await store.getEvent(eventId);
    if (!event) continue;
    await names.load(event.articles);
    const relations = await eventRelations(store, event);
    const known = new Map(event.articles.flatMap((id) => {
      const a = names.article(id);
      return a ? [[id, { id, name: a.name, source: a.source, published: a.published }] as const] : [];
    }));
    const copies = new Set(eventCoverage(event, known, relations).flatMap((c) => c.copies));
    for (const a of known.values()) members.push({ ...a, copy: copies.has(a.id) });
  }
  return timelineOf(members);
}

/** The timeline of an event already viewed (its graph nodes and coverage), with no further reads. */
export function eventTimeline(event: EventDetail): CoverageTimeline {
  const idOf = new Map(event.articles.map((name, i) => [name, event.articleIds[i]!]));
  const copies = new Set(event.coverage.flatMap((c) => c.copies.map((name) => idOf.get(name))));
  return timelineOf(event.graph.nodes.map((n) => ({ id: n.id, name: n.name, source: n.source, published: n.published, copy: copies.has(n.id) })));
}

/** Articles per day by outlet, copies apart; the top MAX_OUTLETS outlets, the rest summed. */
export function timelineOf(members: readonly TimelineArticle[]): CoverageTimeline {
  const dated = members.flatMap((m) => (m.published ? [{ ...m, day: m.published.slice(0, 10), outlet: m.source ?? 'unknown outlet' }] : []));
  if (dated.length === 0) return { days: [], outlets: [], first: null, undated: members.length, total: members.length };
  dated.sort((x, y) => x.day.localeCompare(y.day) || x.name.localeCompare(y.name));
  const days = dayRange(dated[0]!.day, dated[dated.length - 1]!.day);
  const index = new Map(days.map((d, i) => [d, i]));
  const byOutlet = new Map<string, OutletSeries>();
  const totals = new Map<string, number>();
  for (const m of dated) totals.set(m.outlet, (totals.get(m.outlet) ?? 0) + 1);
  const kept = new Set([...totals.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, MAX_OUTLETS).map(([o]) => o));
  for (const m of dated) {
    const at = index.get(m.day);
    if (at === undefined) continue;
    const outlet = kept.has(m.outlet) ? m.outlet : 'other outlets';
    let series = byOutlet.get(outlet);
    if (!series) byOutlet.set(outlet, (series = { outlet, original: days.map(() => 0), copies: days.map(() => 0) }));
    (m.copy ? series.copies : series.original)[at]! += 1;
  }
  const first = dated[0]!;
  return {
    days,
    outlets: [...byOutlet.values()].sort((x, y) => sum(y) - sum(x)),
    first: { id: first.id, name: first.name, source: first.source, published: first.published! },
    undated: members.length - dated.length,
    total: members.length,
  };
}

function sum(s: OutletSeries): number {
  return s.original.reduce((n, x) => n + x, 0) + s.copies.reduce((n, x) => n + x, 0);
}

/** Every day from `first` to `last` (YYYY-MM-DD), at most MAX_DAYS of them (the latest). */
function dayRange(first: string, last: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  let at = Math.max(Date.parse(`${first}T00:00:00Z`), end - (MAX_DAYS - 1) * 86_400_000);
  for (; at <= end; at += 86_400_000) out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

/** One side of two pasted texts, shaped as the diff page reads an article. */
export interface ComparedText {
  id: string;
  name: string;
  title: string | null;
  source: string | null;
  published: string | null;
  text: string;
  paragraphs: Array<[number, number]>;
}

export interface CompareView {
  a: ComparedText;
  b: ComparedText;
  /** null when the two tell different stories. */
  kind: RelationKind | null;
  /** 0..1: how strongly the two cover the same story. */
  similarity: number;
  /** 0..1: the share of text one takes from the other. */
  reuse: number;
  passages: LinkRow['passages'];
}

/** Two texts compared with the same code as `wiretrace compare`, nothing stored. */
export function compareTextsView(textA: string, textB: string): CompareView {
  const [a, b] = [textA, textB].map((text, i) => cleanDocument({ name: i === 0 ? 'left' : 'right', format: 'text', text, origin: 'pasted text' }));
  const result = compare(a!, b!);
  const side = (x: typeof a): ComparedText => ({ id: x!.id, name: x!.name, title: x!.title, source: x!.source, published: x!.published, text: x!.text, paragraphs: x!.paragraphs });
  const passages = result.passages.map((p) => ({ a: p.a, b: p.b, edit: p.edit, score: Math.round(p.score * 1000) / 1000, diff: p.diff }));
  return { a: side(a), b: side(b), kind: result.kind, similarity: Math.round(result.similarity * 1000) / 1000, reuse: Math.round(result.reuse * 1000) / 1000, passages };
}
