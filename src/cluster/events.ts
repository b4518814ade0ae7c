import type { JoinReason, RelationKind, StoryEvent } from '../core/types.js';
import { type DocFeatures, TermStats, dayNumber, featurize } from './features.js';
import {
  type EventJson,
  type EventRecord,
  absorb,
  eventFromJson,
  eventToJson,
  mergeEvents,
  newEvent,
  toStoryEvent,
} from './event-record.js';
import { type IdfView, cosineIdf, dotIdf } from './sparse.js';
import { type ClusterOptions, type ResolvedClusterOptions, resolveClusterOptions } from './options.js';
import { type MemberIndexJson, MemberIndex } from './members.js';

export { type ClusterOptions, type ResolvedClusterOptions, resolveClusterOptions };

export interface ClusterDoc {
  id: string;
  title: string | null;
  text: string;
  /** YYYY-MM-DD, or null when unknown (time is then neutral). */
  published: string | null;
  /** Canonical entity names; may be empty. */
  entities: string[];
}

/** A relation from the new document to a document already clustered. */
export interface RelatedLink {
  id: string;
  kind: RelationKind;
  score: number;
}

/** JSON-serialisable snapshot: `new EventClusterer(options, state)` resumes exactly. */
export interface ClustererState {
  version: 1;
  stats: { terms: string[]; df: number[]; docs: number };
  latestDay: number | null;
  events: EventJson[];
  active: number[];
  postings: Array<number[] | null>;
  /** The member index, when `memberWeight` > 0. */
  members?: MemberIndexJson;
}

/** Relations that mean "the same report, rewritten": evidence of the same event. */
const REWRITES: ReadonlySet<RelationKind> = new Set(['duplicate', 'excerpt', 'paraphrase', 'spin']);

interface Scored {
  event: number;
  score: number;
  parts: Record<string, number>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Online event clustering (Miranda et al. 2018, simplified): each article joins the event whose
 * TF-IDF centroids (title, body, entities) it is most similar to, discounted by the day gap, or
 * starts a new one. Event ids are "E1", "E2", ... in order of creation and never change.
 */
export class EventClusterer {
  private readonly options: ResolvedClusterOptions;
  private readonly stats: TermStats;
  private readonly records: EventRecord[];
  private readonly docEvent = new Map<string, number>();
  private active: number[];
  private postings: Array<number[] | undefined>;
  private latestDay: number | null;
  private stamp = new Int32Array(256);
  private tick = 1;
  private readonly members: MemberIndex | null;

  constructor(options?: ClusterOptions, state?: ClustererState) {
    this.options = resolveClusterOptions(options);
    this.stats = state ? TermStats.fromJson(state.stats) : new TermStats();
    this.records = state ? state.events.map(eventFromJson) : [];
    this.active = state ? state.active.slice() : [];
    this.postings = state ? state.postings.map((p) => p?.slice() ?? undefined) : [];
    this.latestDay = state?.latestDay ?? null;
    for (const r of this.records) for (const a of r.articles) this.docEvent.set(a, r.index);
    this.members = this.options.memberWeight > 0 ? new MemberIndex(state?.members) : null;
  }

  /** Clusters one article. Adding an article already clustered returns its first decision. */
  add(doc: ClusterDoc, related: RelatedLink[] = []): { eventId: string; reason: JoinReason; merged?: string[] } {
    const known = this.docEvent.get(doc.id);
    if (known !== undefined) {
      const r = this.records[known]!;
      return { eventId: r.id, reason: r.reasons[r.articles.indexOf(doc.id)]! };
    }
    const day = dayNumber(doc.published);
    this.advance(day);
    const features = featurize(this.stats, doc, this.options);
    const idf = this.stats.idfView();
    const near = this.neighbours(features, idf);
    const scored = this.candidates(features, near).map((e) => this.score(features, day, e, idf, near));
    scored.sort((a, b) => b.score - a.score || b.event - a.event);
    const linked = this.linkedEvent(related);
    let chosen: Scored | undefined;
    let action: JoinReason['action'] = 'joined';
    let note: string;
    if (linked) {
      chosen = scored.find((s) => s.event === linked.event) ?? this.score(features, day, linked.event, idf, near);
      chosen.parts.relation = round(linked.score);
      chosen.score = Math.max(chosen.score, linked.score);
      note = `${linked.kind} of ${linked.id}, which is in ${this.records[linked.event]!.id}`;
    } else if (scored.length > 0 && scored[0]!.score >= this.options.threshold) {
      chosen = scored[0]!;
      note = `most similar event, score ${round(chosen.score)} >= threshold ${this.options.threshold}`;
    } else {
      action = 'started';
      note = scored.length
        ? `no event reached threshold ${this.options.threshold} (best ${this.records[scored[0]!.event]!.id} at ${round(scored[0]!.score)})`
        : 'no candidate event shares its key terms';
    }
    const top = chosen ?? scored[0];
    const runnerUp = scored.find((s) => s.event !== top?.event);
    if (runnerUp && chosen) note += `; runner-up ${this.records[runnerUp.event]!.id} at ${round(runnerUp.score)}`;
    const target = chosen ? chosen.event : this.createEvent();
    const best = chosen ?? scored[0];
    const parts: Record<string, number> = best ? { ...best.parts } : {};
    if (runnerUp) parts.runnerUp = round(runnerUp.score);
    const reason: JoinReason = { article: doc.id, action, score: round(best?.score ?? 0), parts, note };
    const record = this.records[target]!;
    absorb(record, doc, day, features, reason, this.options, idf);
    this.docEvent.set(doc.id, target);
    this.index(features, target);
    this.members?.add(features.bodyTf, target, this.options.memberTerms, idf);
    this.closeIfLong(record);
    const merged = chosen ? this.mergeConverging(target, scored, idf) : [];
    if (merged.length === 0) return { eventId: record.id, reason };
    const live = this.records[this.root(target)]!;
    return { eventId: live.id, reason: live.reasons[live.articles.lastIndexOf(doc.id)]!, merged };
  }

  /** Live events in creation order (events merged into older ones are gone; their ids are never reused). */
  events(): StoryEvent[] {
    return this.records.filter((r) => r.mergedInto === null).map((r) => toStoryEvent(r, this.stats));
  }

  /** How many documents have been clustered. */
  get documents(): number {
    return this.docEvent.size;
  }

  eventOf(docId: string): string | undefined {
    const e = this.docEvent.get(docId);
    return e === undefined ? undefined : this.records[e]!.id;
  }

  toState(): ClustererState {
    return {
      version: 1,
      stats: this.stats.toJson(),
      latestDay: this.latestDay,
      events: this.records.map(eventToJson),
      active: this.active.slice(),
      postings: this.postings.map((p) => (p ? p.slice() : null)),
      ...(this.members ? { members: this.members.toJson() } : {}),
    };
  }

  /** The live event an index now stands for (following merges). */
  private root(e: number): number {
    let r = e;
    while (this.records[r]!.mergedInto !== null) r = this.records[r]!.mergedInto!;
    return r;
  }

  /**
   * After an article joined `target`, other events it also matched above the threshold are merged
   * into the older of the two when their centroids have converged. Returns the retired ids.
   */
  private mergeConverging(target: number, scored: Scored[], idf: IdfView): string[] {
    const retired: string[] = [];
    if (this.options.mergeThreshold <= 0) return retired;
    let into = target;
    for (const s of scored.slice(0, 4)) {
      if (s.score < this.options.threshold) break;
      const other = this.root(s.event);
      if (other === into) continue;
      const a = this.records[into]!;
      const b = this.records[other]!;
      const time = this.rangeCloseness(a, b);
      const body = cosineIdf(a.body, b.body, idf);
      const score = body * time;
      if (score < this.options.mergeThreshold) continue;
      const [older, younger] = a.index < b.index ? [a, b] : [b, a];
      const note = `${younger.id} merged into ${older.id}: centroids converged (cosine ${round(body)}, time ${round(time)})`;
      for (const article of younger.articles) this.docEvent.set(article, older.index);
      mergeEvents(older, younger, note, round(score), this.options, idf);
      this.active = this.active.filter((e) => e !== younger.index);
      this.closeIfLong(older);
      retired.push(younger.id);
      into = older.index;
    }
    return retired;
  }

  private rangeCloseness(a: EventRecord, b: EventRecord): number {
    if (a.dayBegin === null || b.dayBegin === null || a.dayEnd === null || b.dayEnd === null) return 1;
    const gap = Math.max(0, a.dayBegin - b.dayEnd, b.dayBegin - a.dayEnd);
    const x = gap / this.options.daySigma;
    return Math.pow(2, -x * x);
  }

  private createEvent(): number {
    const index = this.records.length;
    this.records.push(newEvent(index));
    this.active.push(index);
    if (index >= this.stamp.length) {
      const grown = new Int32Array(this.stamp.length * 2);
      grown.set(this.stamp);
      this.stamp = grown;
    }
    return index;
  }

  /** Moves the stream clock forward and retires events whose last date fell out of the window. */
  private advance(day: number | null): void {
    if (day === null || (this.latestDay !== null && day <= this.latestDay)) return;
    this.latestDay = day;
    const horizon = day - this.options.activeDays;
    const keep: number[] = [];
    for (const e of this.active) {
      const r = this.records[e]!;
      if (r.dayEnd !== null && r.dayEnd < horizon) r.active = false;
      else keep.push(e);
    }
    this.active = keep;
  }

  /**
   * An event whose articles span `maxSpanDays` or more stops being a candidate: it only grows by
   * rewrites of its own articles from then on.
   */
  private closeIfLong(r: EventRecord): void {
    const cap = this.options.maxSpanDays;
    if (cap <= 0 || !r.active || r.dayBegin === null || r.dayEnd === null || r.dayEnd - r.dayBegin < cap) return;
    r.active = false;
    this.active = this.active.filter((e) => e !== r.index);
  }

  /** Mean cosine of the article to each live event's nearest members (empty without a member index). */
  private neighbours(f: DocFeatures, idf: IdfView): Map<number, number> {
    if (!this.members) return new Map();
    const live = (e: number) => {
      const r = this.root(e);
      return this.records[r]!.active ? r : null;
    };
    return this.members.neighbours(f.body, this.options.memberK, this.options.postingScan, idf, live, (e) => this.records[e]!.size);
  }

  /**
   * Events sharing key terms with the article, by summed key weight, best `maxCandidates`; plus
   * every event holding a near member.
   */
  private candidates(f: DocFeatures, near: Map<number, number>): number[] {
    const acc = new Map<number, number>();
    const scan = this.options.postingScan;
    for (let i = 0; i < f.keys.length; i++) {
      const list = this.postings[f.keys[i]!];
      if (!list) continue;
      const tick = this.tick++;
      let seen = 0;
      let stale = 0;
      for (let j = list.length - 1; j >= 0 && seen < scan; j--) {
        const e = this.root(list[j]!);
        if (this.stamp[e] === tick) continue;
        this.stamp[e] = tick;
        seen++;
        if (!this.records[e]!.active) {
          stale++;
          continue;
        }
        acc.set(e, (acc.get(e) ?? 0) + f.keyWeights[i]!);
      }
      if (stale > 8 && stale * 2 > seen) this.postings[f.keys[i]!] = this.compact(list);
    }
    const best = [...acc.entries()]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, this.options.maxCandidates)
      .map(([e]) => e);
    if (near.size === 0) return best;
    const chosen = new Set(best);
    for (const e of near.keys()) if (!chosen.has(e)) best.push(e);
    return best;
  }

  /** A posting list without retired events, merged ones redirected to the event they joined. */
  private compact(list: number[]): number[] {
    const out: number[] = [];
    for (const e of list) {
      const r = this.root(e);
      if (this.records[r]!.active && out[out.length - 1] !== r) out.push(r);
    }
    return out;
  }

  private closeness(day: number | null, r: EventRecord): number {
    if (day === null || r.dayBegin === null || r.dayEnd === null) return 1;
    const gap = day < r.dayBegin ? r.dayBegin - day : day > r.dayEnd ? day - r.dayEnd : 0;
    const x = gap / this.options.daySigma;
    return Math.pow(2, -x * x);
  }

  private score(f: DocFeatures, day: number | null, event: number, idf: IdfView, near: Map<number, number>): Scored {
    const r = this.records[event]!;
    const parts: Record<string, number> = {};
    let num = 0;
    let den = 0;
    if (f.body.ids.length > 0) {
      const n = r.norms[1];
      const c = n > 0 ? dotIdf(f.body, r.body, idf) / n : 0;
      parts.body = round(c);
      num += c;
      den += 1;
    }
    if (f.title.ids.length > 0 && r.title.ids.length > 0) {
      const c = dotIdf(f.title, r.title, idf) / r.norms[0];
      parts.title = round(c);
      num += this.options.titleWeight * c;
      den += this.options.titleWeight;
    }
    if (f.entities.ids.length > 0 && r.entities.ids.length > 0) {
      const c = dotIdf(f.entities, r.entities, idf) / r.norms[2];
      parts.entities = round(c);
      num += this.options.entityWeight * c;
      den += this.options.entityWeight;
    }
    let content = den > 0 ? num / den : 0;
    if (this.members) {
      const m = near.get(event) ?? 0;
      parts.members = round(m);
      content = (1 - this.options.memberWeight) * content + this.options.memberWeight * m;
    }
    const time = this.closeness(day, r);
    parts.content = round(content);
    parts.time = round(time);
    return { event, score: content * time, parts };
  }

  /** The event holding the strongest rewrite (duplicate/excerpt/paraphrase/spin) of this article. */
  private linkedEvent(related: RelatedLink[]): { event: number; id: string; kind: RelationKind; score: number } | undefined {
    let best: { event: number; id: string; kind: RelationKind; score: number } | undefined;
    for (const link of related) {
      if (!REWRITES.has(link.kind) || link.score < this.options.relationMin) continue;
      const found = this.docEvent.get(link.id);
      if (found === undefined) continue;
      const event = this.root(found);
      if (!best || link.score > best.score) best = { event, id: link.id, kind: link.kind, score: link.score };
    }
    return best;
  }

  /** Files the event under the article's key terms. */
  private index(f: DocFeatures, event: number): void {
    for (const key of f.keys) {
      let list = this.postings[key];
      if (!list) {
        while (this.postings.length <= key) this.postings.push(undefined);
        list = this.postings[key] = [];
      }
      if (list[list.length - 1] !== event) list.push(event);
    }
  }
}
