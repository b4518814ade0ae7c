import type { StoryEvent, Storyline } from '../core/types.js';
import type { ClusterDoc } from './events.js';
import { TermStats, contentTerms, dayNumber, nameTerms } from './features.js';
import {
  type IdfView,
  type SparseVector,
  EMPTY_VECTOR,
  addScaled,
  capTop,
  capTopIdf,
  cosineIdf,
  fromEntries,
  normIdf,
  normalizeInPlace,
  vectorFromJson,
} from './sparse.js';
import { overlap, type StorylineOptions } from './storylines.js';

/** Terms and names of an event that find its candidate storyline neighbours. */
const KEY_TERMS = 30;
/** Latest events kept per key. */
const KEY_EVENTS = 50;

interface Profile {
  id: string;
  /** Creation order: breaks date ties on a timeline. */
  seq: number;
  /** Sum of its articles' length-normalised log term frequencies; IDF is applied when compared. */
  tf: SparseVector;
  names: Set<string>;
  /** Relations `[a, b]` from this event's articles to articles that may sit in other events. */
  links: Array<[string, string]>;
  articles: string[];
  title: string;
  begin: number | null;
  end: number | null;
  line: string | null;
}

interface Line { id: string; events: string[]; reasons: string[] }

/** What a `StorylineBuilder` persists (JSON-safe). */
export interface StorylineBuilderState {
  version: 1;
  stats: { terms: string[]; df: number[]; docs: number };
  nextSeq: number;
  nextLine: number;
  events: Array<{
    id: string; seq: number; tf: [number[], number[]]; names: string[]; links: Array<[string, string]>;
    articles: string[]; title: string; begin: number | null; end: number | null; line: string | null;
  }>;
  lines: Line[];
  keys: Array<[string, string[]]>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * `buildStorylines` for a stream: articles are fed as they join events (`addArticle`, `merge`),
 * then `update` places the touched events. An event already threaded with others stays in its
 * storyline; a new (or still lone) event continues the storyline of its most similar event within
 * the window, earlier or later (topic cosine under current IDF, shared entities, shared passages),
 * or starts one. Storyline ids ("S1", "S2", ...) never change; `changed()` says what to store.
 */
export class StorylineBuilder {
  private readonly threshold: number;
  private readonly windowDays: number;
  private readonly topicTerms: number;
  private readonly stats: TermStats;
  private readonly events = new Map<string, Profile>();
  private readonly lines = new Map<string, Line>();
  private readonly keys = new Map<string, string[]>();
  private readonly eventOf = new Map<string, string>();
  private readonly dirtyLines = new Set<string>();
  private readonly deletedLines = new Set<string>();
  /** Capped topic vectors under the IDF of the current `update` (cleared by each). */
  private readonly topics = new Map<string, { v: SparseVector; norm: number }>();
  private nextSeq = 0;
  private nextLine = 1;

  constructor(options: StorylineOptions = {}, state?: StorylineBuilderState) {
    this.threshold = options.threshold ?? 0.3;
    this.windowDays = options.windowDays ?? 60;
    this.topicTerms = options.topicTerms ?? 100;
    this.stats = state ? TermStats.fromJson(state.stats) : new TermStats();
    if (!state) return;
    this.nextSeq = state.nextSeq;
    this.nextLine = state.nextLine;
    for (const e of state.events) {
      this.events.set(e.id, { ...e, tf: vectorFromJson(e.tf), names: new Set(e.names) });
      for (const a of e.articles) this.eventOf.set(a, e.id);
    }
    for (const line of state.lines) this.lines.set(line.id, line);
    for (const [k, ids] of state.keys) this.keys.set(k, ids);
  }

  /** `doc` joined event `eventId`; `links` are its relations to other articles (shared passages). */
  addArticle(eventId: string, doc: ClusterDoc, links: ReadonlyArray<{ a: string; b: string }> = []): void {
    const p = this.profile(eventId);
    const text = `${doc.title ?? ''}\n${doc.text}`;
    const counts = new Map<number, number>();
    for (const t of contentTerms(text)) {
      const id = this.stats.id(t);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    this.stats.observe(counts.keys());
    const ids = [...counts.keys()];
    const v = normalizeInPlace(fromEntries(ids, ids.map((id) => 1 + Math.log(counts.get(id)!))));
    p.tf = capTop(addScaled(p.tf, v), this.topicTerms * 2);
    for (const n of doc.entities.length ? doc.entities : nameTerms(text).map((x) => x.slice(1))) p.names.add(n.toLowerCase());
    for (const l of links) p.links.push([l.a, l.b]);
    if (!p.articles.includes(doc.id)) p.articles.push(doc.id);
    this.eventOf.set(doc.id, eventId);
  }

  /** Events `retired` were merged into `into`: their profiles fold into it and they leave their storylines. */
  merge(retired: readonly string[], into: string): void {
    const target = this.profile(into);
    for (const id of retired) {
      const p = this.events.get(id);
      if (!p || id === into) continue;
      target.tf = capTop(addScaled(target.tf, p.tf), this.topicTerms * 2);
      for (const n of p.names) target.names.add(n);
      target.links.push(...p.links);
      for (const a of p.articles) this.eventOf.set(a, into);
      this.leaveLine(p);
      this.events.delete(id);
    }
  }

  /** Takes the current state of the touched events and threads the new or lone ones. */
  update(touched: readonly StoryEvent[]): void {
    const profiles = touched.map((event) => {
      const p = this.profile(event.id);
      p.articles = event.articles.slice();
      p.title = event.title;
      p.begin = dayNumber(event.dateBegin);
      p.end = dayNumber(event.dateEnd) ?? p.begin;
      for (const n of event.entities) p.names.add(n.toLowerCase());
      for (const a of event.articles) this.eventOf.set(a, event.id);
      return p;
    });
    profiles.sort(byTimeline);
    const idf = this.stats.idfView();
    this.topics.clear();
    for (const p of profiles) {
      const line = p.line === null ? undefined : this.lines.get(p.line);
      if (line && line.events.length > 1) {
        this.sortLine(line);
      } else {
        this.place(p, idf);
      }
      this.index(p, idf);
    }
  }

  /** Storylines changed since the last call (to upsert) and ids of those that are gone. */
  changed(): { put: Storyline[]; deleted: string[] } {
    const put = [...this.dirtyLines].filter((id) => this.lines.has(id)).map((id) => this.toStoryline(this.lines.get(id)!));
    const deleted = [...this.deletedLines].filter((id) => !this.lines.has(id));
    this.dirtyLines.clear();
    this.deletedLines.clear();
    return { put, deleted };
  }

  /** Every storyline, in the order they were started. */
  storylines(): Storyline[] {
    return [...this.lines.values()].map((line) => this.toStoryline(line));
  }

  toState(): StorylineBuilderState {
    return {
      version: 1,
      stats: this.stats.toJson(),
      nextSeq: this.nextSeq,
      nextLine: this.nextLine,
      events: [...this.events.values()].map((p) => ({
        id: p.id, seq: p.seq, tf: [Array.from(p.tf.ids), Array.from(p.tf.weights, (w) => Math.round(w * 1e4) / 1e4)],
        names: [...p.names], links: p.links, articles: p.articles, title: p.title, begin: p.begin, end: p.end, line: p.line,
      })),
      lines: [...this.lines.values()],
      keys: [...this.keys],
    };
  }

  private topic(p: Profile, idf: IdfView): { v: SparseVector; norm: number } {
    let t = this.topics.get(p.id);
    if (!t) {
      const v = capTopIdf(p.tf, this.topicTerms, idf);
      t = { v, norm: normIdf(v, idf) };
      this.topics.set(p.id, t);
    }
    return t;
  }

  private profile(id: string): Profile {
    let p = this.events.get(id);
    if (!p) {
      p = { id, seq: this.nextSeq++, tf: EMPTY_VECTOR, names: new Set(), links: [], articles: [], title: '', begin: null, end: null, line: null };
      this.events.set(id, p);
    }
    return p;
  }

  /** Joins the storyline of the best-scoring other event, or keeps (or starts) its own. */
  private place(p: Profile, idf: IdfView): void {
    const topic = this.topic(p, idf);
    let best: { other: Profile; score: number; why: string } | undefined;
    for (const other of this.candidates(p, idf)) {
      const gap = dayGap(p, other);
      if (gap !== null && gap > this.windowDays) continue;
      const theirs = this.topic(other, idf);
      const cos = topic.norm > 0 && theirs.norm > 0 ? cosineIdf(topic.v, theirs.v, idf) : 0;
      const ents = overlap(p.names, other.names);
      const passage = this.passageBetween(p, other);
      const score = 0.6 * cos + 0.4 * ents.score + (passage ? 0.2 : 0);
      if (best && score <= best.score) continue;
      const why = [
        `topic ${round(cos)}`,
        ents.shared.length ? `shared entities ${ents.shared.slice(0, 5).join(', ')}` : 'no shared entities',
        passage ? `shared passage between ${passage[0]} and ${passage[1]}` : '',
      ].filter(Boolean);
      best = { other, score, why: why.join('; ') };
    }
    if (best && best.score >= this.threshold) {
      this.leaveLine(p);
      const line = this.lines.get(best.other.line!)!;
      p.line = line.id;
      line.events.push(p.id);
      line.reasons.push(`${p.id} follows ${best.other.id} (score ${round(best.score)}: ${best.why})`);
      this.sortLine(line);
    } else if (p.line === null) {
      const id = `S${this.nextLine++}`;
      this.lines.set(id, { id, events: [p.id], reasons: [`${p.id} starts the storyline`] });
      p.line = id;
      this.dirtyLines.add(id);
    } else {
      this.dirtyLines.add(p.line);
    }
  }

  /** Placed events sharing a key term or name with `p`, or linked to it by a relation. */
  private candidates(p: Profile, idf: IdfView): Profile[] {
    const ids = new Set<string>();
    for (const k of keysOf(p, idf)) for (const id of this.keys.get(k) ?? []) ids.add(id);
    for (const [a, b] of p.links) {
      for (const x of [a, b]) {
        const id = this.eventOf.get(x);
        if (id !== undefined) ids.add(id);
      }
    }
    ids.delete(p.id);
    const out: Profile[] = [];
    for (const id of ids) {
      const other = this.events.get(id);
      if (other && other.line !== null && other.line !== p.line) out.push(other);
    }
    return out;
  }

  private passageBetween(p: Profile, other: Profile): [string, string] | undefined {
    if (p.links.length === 0 && other.links.length === 0) return undefined;
    const mine = new Set(p.articles);
    const theirs = new Set(other.articles);
    for (const [a, b] of p.links) if ((mine.has(a) && theirs.has(b)) || (mine.has(b) && theirs.has(a))) return [a, b];
    for (const [a, b] of other.links) if ((mine.has(a) && theirs.has(b)) || (mine.has(b) && theirs.has(a))) return [a, b];
    return undefined;
  }

  private index(p: Profile, idf: IdfView): void {
    for (const k of keysOf(p, idf)) {
      const list = this.keys.get(k) ?? [];
      if (list[list.length - 1] === p.id) continue;
      const at = list.indexOf(p.id);
      if (at >= 0) list.splice(at, 1);
      list.push(p.id);
      if (list.length > KEY_EVENTS) list.shift();
      this.keys.set(k, list);
    }
  }

  private leaveLine(p: Profile): void {
    if (p.line === null) return;
    const line = this.lines.get(p.line);
    p.line = null;
    if (!line) return;
    line.events = line.events.filter((id) => id !== p.id);
    line.reasons = line.reasons.filter((r) => !r.startsWith(`${p.id} `));
    if (line.events.length === 0) {
      this.lines.delete(line.id);
      this.deletedLines.add(line.id);
    } else {
      this.dirtyLines.add(line.id);
    }
  }

  private sortLine(line: Line): void {
    line.events.sort((a, b) => byTimeline(this.events.get(a)!, this.events.get(b)!));
    this.dirtyLines.add(line.id);
  }

  private toStoryline(line: Line): Storyline {
    const members = line.events.map((id) => this.events.get(id)!);
    const lead = members.reduce((a, b) => (b.articles.length >= a.articles.length ? b : a));
    return { id: line.id, title: lead.title, events: line.events.slice(), reasons: line.reasons.slice() };
  }
}

function byTimeline(a: Profile, b: Profile): number {
  return (a.begin ?? Infinity) - (b.begin ?? Infinity) || a.seq - b.seq;
}

function keysOf(p: Profile, idf: IdfView): string[] {
  const terms = Array.from(capTopIdf(p.tf, KEY_TERMS, idf).ids, (id) => `t${id}`);
  return [...terms, ...[...p.names].slice(0, KEY_TERMS).map((n) => `n${n}`)];
}

function dayGap(a: Profile, b: Profile): number | null {
  if (a.begin === null || b.begin === null) return null;
  return Math.max(0, a.begin - b.end!, b.begin - a.end!);
}
