import type { EventHeader } from '../core/types.js';
import { type DocFeatures, type TermStats, dayString } from './features.js';
import {
  type IdfView,
  type SparseVector,
  EMPTY_VECTOR,
  addScaled,
  capTop,
  capTopIdf,
  cosine,
  normIdf,
  topIds,
  packVector,
  unpackVector,
} from './sparse.js';

/** A few early members, kept to choose the event's most central title. */
export interface Exemplar {
  id: string;
  title: string | null;
  snippet: string;
  body: SparseVector;
}

/** An event while clustering: centroids (sums of member unit vectors, capped to the top terms) and members. */
export interface EventRecord {
  id: string;
  index: number;
  size: number;
  /** Sums of member unit TF vectors; weighed by the current IDF when scored. */
  title: SparseVector;
  body: SparseVector;
  entities: SparseVector;
  /** IDF-weighed norms of title, body and entity centroids, as of the event's last change. */
  norms: [title: number, body: number, entities: number];
  dayBegin: number | null;
  dayEnd: number | null;
  entityCounts: Map<string, number>;
  /** Capitalised names from members without entities: the fallback for key entities. */
  nameCounts: Map<string, number>;
  exemplars: Exemplar[];
  /** False once the event fell out of the time window: no longer a candidate for new articles. */
  active: boolean;
  /** Index of the (older) event this one was merged into; its id is then retired, never reused. */
  mergedInto: number | null;
  /**
   * Whether the counts and exemplars are held (they are stored apart and loaded only for events an
   * article changes); false only for records read from rows for scoring. Not stored.
   */
  detailed: boolean;
}

export interface CentroidLimits {
  /** Most terms a body centroid keeps. */
  centroidTerms: number;
}

const EXEMPLARS = 6;
const KEY_ENTITIES = 6;
/** Most entity and name counts an event keeps: past it, names seen once are dropped. */
const COUNTED_NAMES = 400;

export function newEvent(index: number): EventRecord {
  return {
    id: `E${index + 1}`,
    index,
    size: 0,
    title: EMPTY_VECTOR,
    body: EMPTY_VECTOR,
    entities: EMPTY_VECTOR,
    norms: [0, 0, 0],
    dayBegin: null,
    dayEnd: null,
    entityCounts: new Map(),
    nameCounts: new Map(),
    exemplars: [],
    active: true,
    mergedInto: null,
    detailed: true,
  };
}

function grow(centroid: SparseVector, v: SparseVector, cap: number, idf: IdfView): SparseVector {
  if (v.ids.length === 0) return centroid;
  const sum = addScaled(centroid, v);
  return sum.ids.length > cap * 1.5 ? capTopIdf(sum, cap, idf) : sum;
}

function snippetOf(text: string): string {
  const flat = text.slice(0, 400).replace(/\s+/g, ' ').trim();
  const end = /[.!?]["\u201d]?\s/.exec(flat.slice(20, 240));
  if (end) return flat.slice(0, 20 + end.index + 1).replace(/\s+$/, '');
  if (flat.length <= 160) return flat;
  const cut = flat.lastIndexOf(' ', 157);
  return `${flat.slice(0, cut > 80 ? cut : 157)}...`;
}

/** Adds a document (already featurized) to the event. */
export function absorb(
  event: EventRecord,
  doc: { id: string; title: string | null; text: string; entities: readonly string[] },
  day: number | null,
  features: DocFeatures,
  limits: CentroidLimits,
  idf: IdfView,
): void {
  const cap = limits.centroidTerms;
  event.title = grow(event.title, features.titleTf, cap, idf);
  event.body = grow(event.body, features.bodyTf, cap, idf);
  event.entities = grow(event.entities, features.entitiesTf, cap, idf);
  event.norms = [normIdf(event.title, idf), normIdf(event.body, idf), normIdf(event.entities, idf)];
  event.size++;
  if (day !== null) {
    event.dayBegin = event.dayBegin === null ? day : Math.min(event.dayBegin, day);
    event.dayEnd = event.dayEnd === null ? day : Math.max(event.dayEnd, day);
  }
  for (const e of new Set(doc.entities)) event.entityCounts.set(e, (event.entityCounts.get(e) ?? 0) + 1);
  if (event.entityCounts.size > COUNTED_NAMES) pruneSingles(event.entityCounts);
  if (doc.entities.length === 0) {
    const names = new Set(features.names);
    for (const n of names) event.nameCounts.set(n, (event.nameCounts.get(n) ?? 0) + 1);
    if (event.nameCounts.size > COUNTED_NAMES) pruneSingles(event.nameCounts);
  }
  if (event.exemplars.length < EXEMPLARS) {
    event.exemplars.push({ id: doc.id, title: doc.title, snippet: snippetOf(doc.text), body: capTop(features.body, 60) });
  }
}

/**
 * Folds `younger` into `older` (the older id is kept): centroids, dates, counts and exemplars.
 * Its articles are not walked: they still name `younger`, which now points at `older`.
 */
export function mergeEvents(older: EventRecord, younger: EventRecord, limits: CentroidLimits, idf: IdfView): void {
  const cap = limits.centroidTerms;
  older.title = grow(older.title, younger.title, cap, idf);
  older.body = grow(older.body, younger.body, cap, idf);
  older.entities = grow(older.entities, younger.entities, cap, idf);
  older.norms = [normIdf(older.title, idf), normIdf(older.body, idf), normIdf(older.entities, idf)];
  older.size += younger.size;
  if (younger.dayBegin !== null) older.dayBegin = older.dayBegin === null ? younger.dayBegin : Math.min(older.dayBegin, younger.dayBegin);
  if (younger.dayEnd !== null) older.dayEnd = older.dayEnd === null ? younger.dayEnd : Math.max(older.dayEnd, younger.dayEnd);
  for (const [k, c] of younger.entityCounts) older.entityCounts.set(k, (older.entityCounts.get(k) ?? 0) + c);
  for (const [k, c] of younger.nameCounts) older.nameCounts.set(k, (older.nameCounts.get(k) ?? 0) + c);
  if (older.entityCounts.size > COUNTED_NAMES) pruneSingles(older.entityCounts);
  if (older.nameCounts.size > COUNTED_NAMES) pruneSingles(older.nameCounts);
  for (const x of younger.exemplars) if (older.exemplars.length < EXEMPLARS) older.exemplars.push(x);
  younger.title = younger.body = younger.entities = EMPTY_VECTOR;
  younger.norms = [0, 0, 0];
  younger.size = 0;
  younger.entityCounts = new Map();
  younger.nameCounts = new Map();
  younger.exemplars = [];
  younger.active = false;
  younger.mergedInto = older.index;
}

function pruneSingles(counts: Map<string, number>): void {
  for (const [k, c] of counts) if (c <= 1) counts.delete(k);
}

function topCounted(counts: Map<string, number>, k: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name]) => name);
}

/** The exemplar nearest the event's centroids: a titled one when any member had a title. */
function centralExemplar(event: EventRecord): Exemplar | undefined {
  let best: Exemplar | undefined;
  let bestScore = -1;
  for (const ex of event.exemplars) {
    const score = cosine(ex.body, event.body) + (ex.title ? 1 : 0);
    if (score > bestScore) {
      best = ex;
      bestScore = score;
    }
  }
  return best;
}

/** The event as the rest of wiretrace sees it (its counts and exemplars must be held). */
export function toEventHeader(event: EventRecord, stats: TermStats): EventHeader {
  if (!event.detailed) throw new Error(`event ${event.id}: its counts and exemplars were not loaded`);
  const central = centralExemplar(event);
  let entities = topCounted(event.entityCounts, KEY_ENTITIES);
  if (entities.length === 0) entities = topCounted(event.nameCounts, KEY_ENTITIES);
  if (entities.length === 0) entities = topIds(event.body, 3).map((id) => stats.term(id));
  return {
    id: event.id,
    title: central ? (central.title ?? central.snippet) : event.id,
    dateBegin: dayString(event.dayBegin),
    dateEnd: dayString(event.dayEnd),
    entities,
  };
}

/** An event's counts and exemplars: what only a change to the event or its header reads. */
export interface EventDetailsJson {
  entityCounts: Array<[string, number]>;
  nameCounts: Array<[string, number]>;
  exemplars: Array<{ id: string; title: string | null; snippet: string; body: string }>;
}

/** The rest of an event: what scoring an article against it reads. */
export interface EventJson {
  id: string;
  index: number;
  size: number;
  /** Centroids as `packVector` strings. */
  title: string;
  body: string;
  entities: string;
  norms: [number, number, number];
  dayBegin: number | null;
  dayEnd: number | null;
  active: boolean;
  mergedInto: number | null;
}

export function eventToJson(e: EventRecord): EventJson {
  return {
    id: e.id,
    index: e.index,
    size: e.size,
    title: packVector(e.title),
    body: packVector(e.body),
    entities: packVector(e.entities),
    norms: [...e.norms],
    dayBegin: e.dayBegin,
    dayEnd: e.dayEnd,
    active: e.active,
    mergedInto: e.mergedInto,
  };
}

/** A record without its details (`detailed` false) until `withDetails` adds them. */
export function eventFromJson(j: EventJson): EventRecord {
  return {
    id: j.id,
    index: j.index,
    size: j.size,
    title: unpackVector(j.title),
    body: unpackVector(j.body),
    entities: unpackVector(j.entities),
    norms: [...j.norms],
    dayBegin: j.dayBegin,
    dayEnd: j.dayEnd,
    entityCounts: new Map(),
    nameCounts: new Map(),
    exemplars: [],
    active: j.active,
    mergedInto: j.mergedInto,
    detailed: false,
  };
}

export function detailsToJson(e: EventRecord): EventDetailsJson {
  return {
    entityCounts: [...e.entityCounts],
    nameCounts: [...e.nameCounts],
    exemplars: e.exemplars.map((x) => ({ id: x.id, title: x.title, snippet: x.snippet, body: packVector(x.body) })),
  };
}

export function withDetails(e: EventRecord, j: EventDetailsJson | undefined): void {
  if (e.detailed) return;
  e.entityCounts = new Map(j?.entityCounts ?? []);
  e.nameCounts = new Map(j?.nameCounts ?? []);
  e.exemplars = (j?.exemplars ?? []).map((x) => ({ id: x.id, title: x.title, snippet: x.snippet, body: unpackVector(x.body) }));
  e.detailed = true;
}
