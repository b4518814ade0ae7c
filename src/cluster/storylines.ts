import type { Relation, StoryEvent, Storyline } from '../core/types.js';
import type { ClusterDoc } from './events.js';
import { TermStats, contentTerms, dayNumber, nameTerms } from './features.js';
import { type SparseVector, EMPTY_VECTOR, addScaled, capTop, cosine, fromEntries, normalizeInPlace, topIds } from './sparse.js';

export interface StorylineOptions {
  /**
   * Score at which an event continues a storyline: 0.6 * topic cosine + 0.4 * shared-entity
   * overlap, plus 0.2 when their articles share a passage.
   * @default 0.3
   */
  threshold?: number;
  /**
   * Most days between an event and the storyline event it continues.
   * @default 60
   */
  windowDays?: number;
  /** Terms kept per event topic vector. @default 100 */
  topicTerms?: number;
}

interface EventProfile {
  event: StoryEvent;
  order: number;
  begin: number | null;
  end: number | null;
  topic: SparseVector;
  names: Set<string>;
  labels: string[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function profiles(events: StoryEvent[], docs: ReadonlyMap<string, ClusterDoc>, topicTerms: number): EventProfile[] {
  const stats = new TermStats();
  const perDoc = new Map<string, Map<number, number>>();
  for (const e of events) {
    for (const a of e.articles) {
      const d = docs.get(a);
      if (!d || perDoc.has(a)) continue;
      const counts = new Map<number, number>();
      for (const t of contentTerms(`${d.title ?? ''}\n${d.text}`)) {
        const id = stats.id(t);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      stats.observe(counts.keys());
      perDoc.set(a, counts);
    }
  }
  return events.map((event, order) => {
    let topic = EMPTY_VECTOR;
    const names = new Set(event.entities.map((x) => x.toLowerCase()));
    for (const a of event.articles) {
      const counts = perDoc.get(a);
      const d = docs.get(a);
      if (!counts || !d) continue;
      const ids = [...counts.keys()];
      const v = normalizeInPlace(fromEntries(ids, ids.map((id) => (1 + Math.log(counts.get(id)!)) * stats.idf(id))));
      topic = capTop(addScaled(topic, v), topicTerms * 2);
      for (const n of d.entities.length ? d.entities : nameTerms(`${d.title ?? ''}\n${d.text}`).map((x) => x.slice(1))) {
        names.add(n.toLowerCase());
      }
    }
    const begin = dayNumber(event.dateBegin);
    const end = dayNumber(event.dateEnd) ?? begin;
    return { event, order, begin, end, topic: capTop(topic, topicTerms), names, labels: event.entities };
  });
}

const KEY_TERMS = 30;

function keysOf(e: EventProfile): Array<string | number> {
  return [...topIds(e.topic, KEY_TERMS), ...[...e.names].slice(0, KEY_TERMS)];
}

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): { score: number; shared: string[] } {
  const shared: string[] = [];
  for (const x of a) if (b.has(x)) shared.push(x);
  const denom = Math.min(a.size, b.size);
  return { score: denom > 0 ? shared.length / denom : 0, shared };
}

function dayGap(a: EventProfile, b: EventProfile): number | null {
  if (a.begin === null || b.begin === null) return null;
  return Math.max(0, a.begin - b.end!, b.begin - a.end!);
}

/** Pairs of events whose articles share a passage (or any relation), keyed "i|j" with i < j. */
function passageLinks(events: StoryEvent[], links: Relation[]): Map<string, Relation> {
  const eventOf = new Map<string, number>();
  events.forEach((e, i) => e.articles.forEach((a) => eventOf.set(a, i)));
  const out = new Map<string, Relation>();
  for (const r of links) {
    const i = eventOf.get(r.a);
    const j = eventOf.get(r.b);
    if (i === undefined || j === undefined || i === j) continue;
    out.set(i < j ? `${i}|${j}` : `${j}|${i}`, r);
  }
  return out;
}

/**
 * Threads events into storylines (Story Forest style): events are taken in date order and each
 * continues the storyline holding its most similar earlier event within the time window (topic
 * cosine of event centroids, shared entities, shared passages), or starts a new one. Storyline
 * ids follow their earliest event ("S1" is the storyline that starts first); each carries why.
 */
export function buildStorylines(
  events: StoryEvent[],
  docs: ReadonlyMap<string, ClusterDoc>,
  links: Relation[] = [],
  options: StorylineOptions = {},
): Storyline[] {
  const threshold = options.threshold ?? 0.3;
  const windowDays = options.windowDays ?? 60;
  const all = profiles(events, docs, options.topicTerms ?? 100);
  const timeline = all.slice().sort((a, b) => (a.begin ?? Infinity) - (b.begin ?? Infinity) || a.order - b.order);
  const shared = passageLinks(events, links);
  const passageNeighbours = new Map<number, number[]>();
  for (const key of shared.keys()) {
    const [i, j] = key.split('|').map(Number) as [number, number];
    passageNeighbours.set(i, [...(passageNeighbours.get(i) ?? []), j]);
    passageNeighbours.set(j, [...(passageNeighbours.get(j) ?? []), i]);
  }
  const lineOf = new Int32Array(all.length).fill(-1);
  const lines: Array<{ members: EventProfile[]; reasons: string[] }> = [];
  /** Recent events by their top topic terms and names: the candidates an event is compared with. */
  const index = new Map<string | number, number[]>();
  for (const e of timeline) {
    const seen = new Set<number>();
    let best: { other: EventProfile; score: number; why: string } | undefined;
    const consider = (other: EventProfile) => {
      if (seen.has(other.order)) return;
      seen.add(other.order);
      const gap = dayGap(e, other);
      if (gap !== null && gap > windowDays) return;
      const topic = cosine(e.topic, other.topic);
      const ents = overlap(e.names, other.names);
      const key = e.order < other.order ? `${e.order}|${other.order}` : `${other.order}|${e.order}`;
      const passage = shared.get(key);
      const score = 0.6 * topic + 0.4 * ents.score + (passage ? 0.2 : 0);
      if (!best || score > best.score) {
        const why = [
          `topic ${round(topic)}`,
          ents.shared.length ? `shared entities ${ents.shared.slice(0, 5).join(', ')}` : 'no shared entities',
          passage ? `shared passage between ${passage.a} and ${passage.b}` : '',
        ].filter(Boolean);
        best = { other, score, why: why.join('; ') };
      }
    };
    for (const key of keysOf(e)) for (const o of index.get(key) ?? []) consider(all[o]!);
    for (const other of passageNeighbours.get(e.order) ?? []) {
      if (lineOf[other]! >= 0) consider(all[other]!);
    }
    if (best && best.score >= threshold) {
      const line = lineOf[best.other.order]!;
      lineOf[e.order] = line;
      lines[line]!.members.push(e);
      lines[line]!.reasons.push(`${e.event.id} follows ${best.other.event.id} (score ${round(best.score)}: ${best.why})`);
    } else {
      lineOf[e.order] = lines.length;
      lines.push({ members: [e], reasons: [`${e.event.id} starts the storyline`] });
    }
    for (const key of keysOf(e)) {
      const list = index.get(key) ?? [];
      list.push(e.order);
      if (list.length > 50) list.shift();
      index.set(key, list);
    }
  }
  return lines.map((line, i) => {
    const lead = line.members.reduce((a, b) => (b.event.articles.length >= a.event.articles.length ? b : a));
    return { id: `S${i + 1}`, title: lead.event.title, events: line.members.map((m) => m.event.id), reasons: line.reasons };
  });
}
