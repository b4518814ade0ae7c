import type { EventHeader, JoinReason, RelationKind, StoryEvent } from '../core/types.js';
import { createError } from '../core/errors.js';
import { RowSet } from '../core/rows.js';
import { type DocFeatures, dayNumber, docTerms, featurize } from './features.js';
import { type EventRecord, absorb, mergeEvents, newEvent, toEventHeader } from './event-record.js';
import { type IdfView, cosineIdf, dotIdf } from './sparse.js';
import { type ClusterOptions, type ResolvedClusterOptions, resolveClusterOptions } from './options.js';
import { ClusterRows, type Postings } from './cluster-rows.js';
import { EventLog } from './event-log.js';

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

/** An event merged into an older one by an article's arrival. */
export interface EventMerge {
  /** The retired (younger) event id. */
  from: string;
  into: string;
  note: string;
  score: number;
}

/** What clustering one article decided, for the event log or the store to apply. */
export interface ClusterDecision {
  eventId: string;
  reason: JoinReason;
  /** Events retired into `eventId` (or into each other, oldest last), in the order merged. */
  merged: EventMerge[];
  /** The current header of every event the article changed (its event after merges). */
  headers: EventHeader[];
}

/** Relations that mean "the same report, rewritten": evidence of the same event. */
const REWRITES: ReadonlySet<RelationKind> = new Set(['duplicate', 'excerpt', 'update', 'paraphrase', 'spin']);

/** The scores an article must reach to join an event, and to merge two it matched. */
interface Thresholds {
  join: number;
  merge: number;
  label: string;
}

interface Scored {
  event: number;
  score: number;
  parts: Record<string, number>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Postings kept per key term: the newest, twice what one look-up reads. */
const postingsKept = (scan: number) => 2 * scan;

/**
 * Online event clustering (Miranda et al. 2018, simplified): each article joins the event whose
 * TF-IDF centroids (title, body, entities) it is most similar to, discounted by the day gap, or
 * starts a new one. Event ids are "E1", "E2", ... in order of creation and never change.
 *
 * Its state is rows (`ClusterRows`): an article loads its terms, the postings of its key terms and
 * a bounded number of candidate events, so its cost does not grow with the corpus. Without a
 * store behind the rows everything stays in memory, and an event log keeps the members
 * (`events()`, `eventOf()`), for evaluations and tests; with one, the caller stores each decision.
 */
export class EventClusterer {
  private readonly options: ResolvedClusterOptions;
  readonly state: ClusterRows;
  private readonly log: EventLog | null;

  constructor(options?: ClusterOptions, rows: RowSet = new RowSet()) {
    this.options = resolveClusterOptions(options);
    this.state = new ClusterRows(rows);
    this.log = rows.backed ? null : new EventLog();
  }

  /** Clusters one article. Adding an article already clustered returns its event, changing nothing. */
  async add(doc: ClusterDoc, related: RelatedLink[] = []): Promise<ClusterDecision> {
    const state = this.state;
    await state.begin();
    await state.docs.load([doc.id, ...related.map((r) => r.id)]);
    const known = state.docs.get(doc.id);
    if (known !== undefined) {
      await state.loadEvents([known]);
      const id = state.event(state.root(known)).id;
      return { eventId: id, reason: { article: doc.id, action: 'joined', score: 0, parts: {}, note: `already in ${id}` }, merged: [], headers: [] };
    }
    const terms = docTerms(doc);
    await state.loadTerms([...terms.title, ...terms.body, ...terms.entity]);
    const day = dayNumber(doc.published);
    if (day !== null && (state.latestDay === null || day > state.latestDay)) state.latestDay = day;
    const features = featurize(state.stats, terms, this.options);
    const idf = state.stats.idfView();
    const bar = this.thresholds(features);
    const candidates = await this.candidates(features);
    const scored = candidates.map((e) => this.score(features, day, e, idf));
    scored.sort((a, b) => b.score - a.score || b.event - a.event);
    const linked = await this.linkedEvent(related, features.template, day);
    let chosen: Scored | undefined;
    let action: JoinReason['action'] = 'joined';
    let note: string;
    if (linked) {
      chosen = scored.find((s) => s.event === linked.event) ?? this.score(features, day, linked.event, idf);
      chosen.parts.relation = round(linked.score);
      chosen.score = Math.max(chosen.score, linked.score);
      note = `${linked.kind} of ${linked.id}, which is in ${state.event(linked.event).id}`;
    } else if (scored.length > 0 && scored[0]!.score >= bar.join) {
      chosen = scored[0]!;
      note = `most similar event, score ${round(chosen.score)} >= ${bar.label}threshold ${bar.join}`;
    } else {
      action = 'started';
      note = scored.length
        ? `no event reached ${bar.label}threshold ${bar.join} (best ${state.event(scored[0]!.event).id} at ${round(scored[0]!.score)})`
        : 'no candidate event shares its key terms';
    }
    if (features.template) note += '; a template (a form filled with figures): matched by title and names, not by the form\'s words';
    const top = chosen ?? scored[0];
    const runnerUp = scored.find((s) => s.event !== top?.event);
    if (runnerUp && chosen) note += `; runner-up ${state.event(runnerUp.event).id} at ${round(runnerUp.score)}`;
    // Updating a centroid weighs its own terms: bring their frequencies in (merges load theirs when they happen).
    if (chosen) await state.loadEvents([chosen.event], true);
    const target = chosen ? chosen.event : this.createEvent();
    const best = chosen ?? scored[0];
    const parts: Record<string, number> = best ? { ...best.parts } : {};
    if (runnerUp) parts.runnerUp = round(runnerUp.score);
    const reason: JoinReason = { article: doc.id, action, score: round(best?.score ?? 0), parts, note };
    const record = state.event(target);
    const weights = state.stats.idfView();
    absorb(record, doc, day, features, this.options, weights);
    state.touchEvent(record);
    state.docs.set(doc.id, target);
    this.index(features, target, day);
    this.closeIfLong(record);
    const merged = chosen ? await this.mergeConverging(target, scored, bar) : [];
    const live = state.event(state.root(target));
    state.commit();
    const decision: ClusterDecision = { eventId: live.id, reason, merged, headers: [toEventHeader(live, state.stats)] };
    this.log?.apply(decision);
    return decision;
  }

  /** The event each clustered article is in now (following merges); unclustered ones are left out. */
  async eventsOf(articleIds: readonly string[]): Promise<Map<string, string>> {
    const state = this.state;
    await state.docs.load(articleIds);
    const found = new Map<string, number>();
    for (const id of articleIds) {
      const e = state.docs.get(id);
      if (e !== undefined) found.set(id, e);
    }
    await state.loadEvents(found.values());
    const out = new Map<string, string>();
    for (const [id, e] of found) out.set(id, state.event(state.root(e)).id);
    return out;
  }

  /** Live events in creation order, with their members (in-memory clusterers only). */
  events(): StoryEvent[] {
    return this.memoryLog().events();
  }

  /** How many documents have been clustered (in-memory clusterers only). */
  get documents(): number {
    return this.memoryLog().documents;
  }

  /** The event an article is in now (in-memory clusterers only). */
  eventOf(docId: string): string | undefined {
    return this.memoryLog().eventOf(docId);
  }

  private memoryLog(): EventLog {
    if (!this.log) throw createError('BAD_REQUEST', 'a clusterer on stored rows keeps no member list: read the events from the store');
    return this.log;
  }

  private active(r: EventRecord): boolean {
    if (!r.active || r.mergedInto !== null) return false;
    const latest = this.state.latestDay;
    return latest === null || r.dayEnd === null || r.dayEnd >= latest - this.options.activeDays;
  }

  /**
   * After an article joined `target`, other events it also matched above the threshold are merged
   * into the older of the two when their centroids have converged.
   */
  private async mergeConverging(target: number, scored: Scored[], bar: Thresholds): Promise<EventMerge[]> {
    const merges: EventMerge[] = [];
    if (bar.merge <= 0) return merges;
    const state = this.state;
    const matched = scored.slice(0, 4).filter((s) => s.score >= bar.join);
    // Comparing centroids weighs all their terms: bring in those of the (few) events above the threshold.
    await state.loadEvents(matched.map((s) => s.event), true);
    const idf = state.stats.idfView();
    let into = target;
    for (const s of matched) {
      const other = state.root(s.event);
      if (other === into) continue;
      const a = state.event(into);
      const b = state.event(other);
      // Two events together spanning more than the cap stay two (the storyline links them).
      if (this.unionSpan(a, b) > this.options.maxSpanDays && this.options.maxSpanDays > 0) continue;
      const time = this.rangeCloseness(a, b);
      const body = cosineIdf(a.body, b.body, idf);
      const score = body * time;
      if (score < bar.merge) continue;
      const [older, younger] = a.index < b.index ? [a, b] : [b, a];
      const note = `${younger.id} merged into ${older.id}: centroids converged (cosine ${round(body)}, time ${round(time)})`;
      mergeEvents(older, younger, this.options, idf);
      state.touchEvent(older);
      state.touchEvent(younger);
      this.closeIfLong(older);
      merges.push({ from: younger.id, into: older.id, note, score: round(score) });
      into = older.index;
    }
    return merges;
  }

  private unionSpan(a: EventRecord, b: EventRecord): number {
    if (a.dayBegin === null || b.dayBegin === null || a.dayEnd === null || b.dayEnd === null) return 0;
    return Math.max(a.dayEnd, b.dayEnd) - Math.min(a.dayBegin, b.dayBegin);
  }

  private rangeCloseness(a: EventRecord, b: EventRecord): number {
    if (a.dayBegin === null || b.dayBegin === null || a.dayEnd === null || b.dayEnd === null) return 1;
    const gap = Math.max(0, a.dayBegin - b.dayEnd, b.dayBegin - a.dayEnd);
    const x = gap / this.options.daySigma;
    return Math.pow(2, -x * x);
  }

  private createEvent(): number {
    const index = this.state.nextEvent++;
    this.state.addEvent(newEvent(index));
    return index;
  }

  /**
   * An event whose articles span `maxSpanDays` or more stops being a candidate: it only grows by
   * rewrites of its own articles from then on.
   */
  private closeIfLong(r: EventRecord): void {
    const cap = this.options.maxSpanDays;
    if (cap <= 0 || !r.active || r.dayBegin === null || r.dayEnd === null || r.dayEnd - r.dayBegin < cap) return;
    r.active = false;
    this.state.touchEvent(r);
  }

  /** The join and merge thresholds for this article: short texts (few distinct words) have their own. */
  private thresholds(f: DocFeatures): Thresholds {
    const o = this.options;
    const words = f.body.ids.length + f.title.ids.length;
    if (words >= o.shortTerms || f.template) return { join: o.threshold, merge: o.mergeThreshold, label: '' };
    return { join: o.shortThreshold, merge: o.mergeThreshold > 0 ? o.shortMergeThreshold : 0, label: 'short-text ' };
  }

  /**
   * Events sharing key terms with the article, by summed key weight, best `maxCandidates`. Each key's newest `postingScan` postings are read, those
   * filed before the active window skipped; only the best few events are loaded and resolved.
   */
  private async candidates(f: DocFeatures): Promise<number[]> {
    const state = this.state;
    const keys = f.keys.map(String);
    await state.postings.load(keys);
    const horizon = state.latestDay === null ? null : state.latestDay - this.options.activeDays;
    const acc = new Map<number, number>();
    for (let i = 0; i < keys.length; i++) {
      const list = state.postings.get(keys[i]!);
      if (!list) continue;
      const seen = new Set<number>();
      for (let j = list.length - 2; j >= 0 && seen.size < this.options.postingScan; j -= 2) {
        const e = list[j]!;
        const day = list[j + 1] ?? null;
        if (seen.has(e)) continue;
        seen.add(e);
        if (horizon !== null && day !== null && day < horizon) continue;
        acc.set(e, (acc.get(e) ?? 0) + f.keyWeights[i]!);
      }
    }
    const shortlist = [...acc.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, 4 * this.options.maxCandidates);
    await state.loadEvents(shortlist.map(([e]) => e));
    const byRoot = new Map<number, number>();
    for (const [e, w] of shortlist) {
      const r = state.root(e);
      if (!this.active(state.event(r))) continue;
      byRoot.set(r, Math.max(byRoot.get(r) ?? 0, w));
    }
    return [...byRoot.entries()]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, this.options.maxCandidates)
      .map(([e]) => e);
  }

  private closeness(day: number | null, r: EventRecord): number {
    if (day === null || r.dayBegin === null || r.dayEnd === null) return 1;
    const gap = day < r.dayBegin ? r.dayBegin - day : day > r.dayEnd ? day - r.dayEnd : 0;
    const x = gap / this.options.daySigma;
    return Math.pow(2, -x * x);
  }

  private score(f: DocFeatures, day: number | null, event: number, idf: IdfView): Scored {
    const r = this.state.event(event);
    const parts: Record<string, number> = {};
    let num = 0;
    let den = 0;
    // A template's body words are its form's: it matches an event by what it is about (title, names).
    if (f.body.ids.length > 0 && !f.template) {
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
    const content = den > 0 ? num / den : 0;
    const time = this.closeness(day, r);
    parts.content = round(content);
    parts.time = round(time);
    return { event, score: content * time, parts };
  }

  /**
   * The event holding the strongest rewrite (duplicate/excerpt/paraphrase/spin) of this article, while
   * coverage is continuous (the article within `activeDays` of the event's last day). A template joins
   * only through a duplicate: two fillings of one form read as rewrites of each other.
   */
  private async linkedEvent(
    related: RelatedLink[],
    template: boolean,
    day: number | null,
  ): Promise<{ event: number; id: string; kind: RelationKind; score: number } | undefined> {
    let best: { found: number; id: string; kind: RelationKind; score: number } | undefined;
    for (const link of related) {
      if (!REWRITES.has(link.kind) || link.score < this.options.relationMin) continue;
      if (template && link.kind !== 'duplicate') continue;
      const found = this.state.docs.get(link.id);
      if (found === undefined) continue;
      if (!best || link.score > best.score) best = { found, id: link.id, kind: link.kind, score: link.score };
    }
    if (!best) return undefined;
    await this.state.loadEvents([best.found]);
    const event = this.state.root(best.found);
    const end = this.state.event(event).dayEnd;
    if (day !== null && end !== null && day - end > this.options.activeDays) return undefined;
    return { event, id: best.id, kind: best.kind, score: best.score };
  }

  /** Files the event under the article's key terms (each key keeps its newest postings only). */
  private index(f: DocFeatures, event: number, day: number | null): void {
    const kept = postingsKept(this.options.postingScan);
    for (const key of f.keys) {
      const k = String(key);
      const list: Postings = this.state.postings.get(k) ?? [];
      const n = list.length;
      if (n > 0 && list[n - 2] === event) {
        const last = list[n - 1]!;
        if (day !== null && (last === null || day > last)) list[n - 1] = day;
      } else {
        list.push(event, day);
        if (list.length > 2 * kept) list.splice(0, list.length - 2 * kept);
      }
      this.state.postings.set(k, list);
    }
  }
}
