import { int32NullableListCodec, jsonCodec, orderedKey, type RowSet, type RowTable } from '../core/rows.js';
import { TermStats } from './features.js';
import { type EventDetailsJson, type EventJson, type EventRecord, detailsToJson, eventFromJson, eventToJson, withDetails } from './event-record.js';

/** Counters of the event clusterer, in one small row. */
interface ClusterMeta {
  docs: number;
  nextTerm: number;
  nextEvent: number;
  latestDay: number | null;
}

/**
 * A key term's postings, oldest first, flat: event, day, event, day... (an event filed under the
 * term, with the day of the article that filed it; null when undated). Flat, a held list costs a
 * fifth of what pairs as small arrays did.
 */
export type Postings = Array<number | null>;

const META_KEY = 'm';

/**
 * The event clusterer's state as rows: terms (id and document frequency), each article's event,
 * each key term's latest postings, and each event's record. Held in memory while in use; loaded
 * and written back row by row.
 */
export class ClusterRows {
  readonly stats = new TermStats();
  latestDay: number | null = null;
  nextEvent = 0;
  private readonly meta: RowTable<ClusterMeta>;
  private readonly termIds: RowTable<number>;
  private readonly frequencies: RowTable<[df: number, term: string]>;
  readonly docs: RowTable<number>;
  readonly postings: RowTable<Postings>;
  private readonly events: RowTable<EventRecord>;
  private readonly details: RowTable<EventDetailsJson>;
  private metaLoaded = false;
  /** Term ids below this have their term row stored (written with the term's first frequency). */
  private storedTerms = 0;

  constructor(rows: RowSet) {
    this.meta = rows.table<ClusterMeta>('ev.meta');
    this.termIds = rows.table<number>('ev.term');
    this.frequencies = rows.table<[number, string]>('ev.df');
    this.docs = rows.table<number>('ev.doc');
    this.postings = rows.table<Postings>('ev.post', int32NullableListCodec, 100_000, { atOnce: true });
    this.events = rows.table<EventRecord>('ev.event', jsonCodec<EventRecord, EventJson>(eventToJson, eventFromJson), 10_000, { atOnce: true });
    this.details = rows.table<EventDetailsJson>('ev.detail', undefined, 5_000, { atOnce: true });
  }

  /** Loads the counters (once per session; `forget` resets). */
  async begin(): Promise<void> {
    if (this.metaLoaded) return;
    await this.meta.load([META_KEY]);
    const m = this.meta.get(META_KEY);
    this.stats.docs = m?.docs ?? 0;
    this.stats.nextId = m?.nextTerm ?? 0;
    this.nextEvent = m?.nextEvent ?? 0;
    this.latestDay = m?.latestDay ?? null;
    this.storedTerms = this.stats.nextId;
    this.metaLoaded = true;
  }

  /** Brings the given terms (and their frequencies) in, so the stats give them their stored ids. */
  async loadTerms(terms: Iterable<string>): Promise<void> {
    const wanted = new Set<string>();
    for (const t of terms) if (this.stats.known(t) === undefined) wanted.add(t);
    if (wanted.size === 0) return;
    await this.termIds.load(wanted);
    const ids: number[] = [];
    for (const t of wanted) {
      const id = this.termIds.get(t);
      if (id !== undefined && !this.stats.holds(id)) ids.push(id);
    }
    await this.loadIds(ids);
  }

  /** Brings in the document frequencies of term ids not held yet. */
  async loadIds(ids: Iterable<number>): Promise<void> {
    const wanted: number[] = [];
    for (const id of ids) if (!this.stats.holds(id)) wanted.push(id);
    if (wanted.length === 0) return;
    await this.frequencies.load(wanted.map(orderedKey));
    for (const id of wanted) {
      const row = this.frequencies.get(orderedKey(id));
      if (row) this.stats.define(row[1], id, row[0]);
    }
  }

  /**
   * Loads the records of `indices` and of the events they were merged into; `forChange` also loads,
   * for the live events they stand for, their counts and exemplars and their terms' frequencies.
   */
  async loadEvents(indices: Iterable<number>, forChange = false): Promise<void> {
    let pending = [...new Set(indices)].filter((e) => e < this.nextEvent);
    while (pending.length > 0) {
      await this.events.load(pending.map(String));
      const next = new Set<number>();
      for (const e of pending) {
        // Through the records still held, to the first one of the merge chain that is not (it may have been dropped).
        for (let r = this.events.get(String(e)); r?.mergedInto != null; r = this.events.get(String(r.mergedInto))) {
          if (!this.events.isLoaded(String(r.mergedInto))) {
            next.add(r.mergedInto);
            break;
          }
        }
      }
      pending = [...next];
    }
    if (!forChange) return;
    const live = [...new Set([...indices].map((e) => this.root(e)))].map((e) => this.event(e));
    const keys = live.filter((r) => !r.detailed).map((r) => String(r.index));
    await this.details.load(keys);
    for (const r of live) withDetails(r, this.details.isLoaded(String(r.index)) ? this.details.get(String(r.index)) : undefined);
    const ids: number[] = [];
    for (const r of live) for (const v of [r.title.ids, r.body.ids, r.entities.ids]) for (const id of v) ids.push(id);
    await this.loadIds(ids);
  }

  event(index: number): EventRecord {
    const r = this.events.get(String(index));
    if (!r) throw new Error(`event record ${index} is missing`);
    return r;
  }

  /** The live event an index now stands for (following merges). */
  root(index: number): number {
    let r = index;
    for (let next = this.event(r).mergedInto; next !== null; next = this.event(r).mergedInto) r = next;
    return r;
  }

  addEvent(record: EventRecord): void {
    this.touchEvent(record);
  }

  /** Marks a record changed (after updating it in place); its details too when they are held. */
  touchEvent(record: EventRecord): void {
    this.events.set(String(record.index), record);
    if (record.detailed) this.details.set(String(record.index), detailsToJson(record));
  }

  /** Writes the counters and every term created or counted since the last call into their rows. */
  commit(): void {
    for (const id of this.stats.changes()) {
      const term = this.stats.term(id);
      this.frequencies.set(orderedKey(id), [this.stats.frequency(id), term]);
      // A stored term's row already names this id: rewriting it would only cost a page write.
      if (id >= this.storedTerms) this.termIds.set(term, id);
    }
    this.storedTerms = this.stats.nextId;
    this.meta.set(META_KEY, { docs: this.stats.docs, nextTerm: this.stats.nextId, nextEvent: this.nextEvent, latestDay: this.latestDay });
  }

  /** Forgets everything held: the next article reloads from the store. */
  forget(): void {
    this.stats.forget();
    this.metaLoaded = false;
  }
}
