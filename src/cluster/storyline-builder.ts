import { RowSet, type RowTable } from '../core/rows.js';
import type { ClusterDoc } from './events.js';
import type { EventHeader, StorylineChange } from '../core/types.js';
import { TermStats, dayNumber, docTerms, entityKey } from './features.js';
import { type Profile, keysOf, profileCodec } from './storyline-profile.js';
import { LinkIndex, judgeLink, linkReason, type LinkJudgement } from './storyline-links.js';
import { NO_LINKS, appendLink, concatLinks, linkedEvents } from './profile-links.js';
import { mostCounted } from '../core/top-counts.js';
import { type IdfView, EMPTY_VECTOR, addScaled, capTop, dotIdfBoth, fromEntries, normIdf, normalizeInPlace } from './sparse.js';

export interface StorylineOptions {
  /**
   * Score at which an event continues a storyline: 0.6 * topic cosine + 0.4 * min(1, distinctive
   * shared names / 3), plus 0.2 when their articles share a passage. Without a shared passage, two
   * events must share at least two distinctive names (carried by at most 10 articles, or 1% of them),
   * whatever their topic; an undated event joins a dated one only through a shared passage. A link is
   * judged again when a name it cites turns common, or when the event it follows leaves its storyline,
   * gains a date or is merged into another.
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

/**
 * Event profiles held in memory (~2.1 KB of heap each with its links packed, plus its topic vector's
 * arrays). A new event's candidates are found anywhere in the corpus: late in a long stream, holding
 * 10,000 read 13.5 profiles per article from the store again, 25,000 read 9.6 (see docs/scale.md,
 * "Rows held in memory").
 */
const PROFILES_HELD = 25_000;
/** Latest events kept per key. */
const KEY_EVENTS = 50;
/** Most names and relation links an event profile keeps (the first ones seen). */
const PROFILE_NAMES = 60;
const PROFILE_LINKS = 40;
/** Most candidate events an event is compared with: those sharing the most keys, and linked ones. */
const CANDIDATES = 40;
/** A name is distinctive when at most this share of the articles seen carry it, or at most this many. */
const RARE_NAME_SHARE = 0.01;
const RARE_NAME_ARTICLES = 10;
/** Most links judged again per placed event (the rest wait, in order, for the next one). */
const RECHECKS = 400;

interface LineHead {
  id: string;
  /** Events on the line. */
  size: number;
  /** The event with the most articles, whose title the storyline shows. */
  lead: string;
  leadSize: number;
  title: string;
}

interface Meta { nextSeq: number; nextLine: number }

/** Where an article sits: the event clusterer's answer, resolved through merges. */
export type EventOfArticle = (articleIds: readonly string[]) => Promise<Map<string, string>>;

/**
 * Storylines for a stream: each article is fed as it joins an event (`addArticle`, after `merge`
 * when its arrival merged events), then `place` threads that event. An event already threaded with
 * others stays in its storyline; a new (or still lone) event continues the storyline of its most
 * similar event within the window, earlier or later (topic cosine under current IDF, shared
 * entities, shared passages), or starts one. Storyline ids ("S1", "S2", ...) never change.
 *
 * State is rows: one profile per event, one head per storyline, the latest events per key term or
 * name. Placing an event reads a bounded number of candidates, whatever the corpus or storyline
 * size; what changed comes back as `StorylineChange`s for the store's storyline members.
 */
export class StorylineBuilder {
  private readonly threshold: number;
  private readonly windowDays: number;
  private readonly topicTerms: number;
  private readonly profiles: RowTable<Profile>;
  private readonly heads: RowTable<LineHead>;
  private readonly keys: RowTable<string[]>;
  private readonly meta: RowTable<Meta>;
  private readonly linkIndex: LinkIndex;
  private changes: StorylineChange[] = [];

  constructor(
    private readonly stats: TermStats,
    /** Brings term frequencies in (the clusterer's rows), so topics weigh by current IDF. */
    private readonly loadTermIds: (ids: Iterable<number>) => Promise<void>,
    private readonly eventOf: EventOfArticle,
    rows: RowSet = new RowSet(),
    options: StorylineOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.3;
    this.windowDays = options.windowDays ?? 60;
    this.topicTerms = options.topicTerms ?? 100;
    this.profiles = rows.table<Profile>('sl.event', profileCodec, PROFILES_HELD, { atOnce: true });
    this.heads = rows.table<LineHead>('sl.line');
    this.keys = rows.table<string[]>('sl.key', undefined, 100_000);
    this.meta = rows.table<Meta>('sl.meta');
    this.linkIndex = new LinkIndex(rows);
  }

  /** `doc` joined event `eventId`; `links` are its relations to other articles (shared passages). Term ids must be known to the stats. */
  async addArticle(eventId: string, doc: ClusterDoc, links: ReadonlyArray<{ a: string; b: string }> = []): Promise<void> {
    const p = await this.profile(eventId);
    const terms = docTerms(doc);
    const counts = new Map<number, number>();
    for (const t of [...terms.title, ...terms.body]) {
      const id = this.stats.known(t);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const ids = [...counts.keys()];
    const v = normalizeInPlace(fromEntries(ids, ids.map((id) => 1 + Math.log(counts.get(id)!))));
    p.tf = capTop(addScaled(p.tf, v), this.topicTerms * 2);
    // Names stand in for entities when the extractor found none; only an entity's own count says how
    // common a name is (a stand-in's counts only the articles without entities), so a stand-in has none.
    const named = doc.entities.length > 0;
    const keys = named ? doc.entities.map(entityKey) : terms.entity;
    for (const key of keys) this.addName(p, key.slice(1), named ? this.stats.known(key) : undefined);
    p.size++;
    this.profiles.set(p.id, p);
    // A name this article made common no longer backs the links that cite it.
    const most = this.commonAbove();
    for (const key of named ? keys : []) {
      const id = this.stats.known(key);
      if (id === undefined || !this.stats.holds(id)) continue;
      const f = this.stats.frequency(id);
      if (f > most && f - 1 <= most) await this.linkIndex.turnedCommon(key.slice(1));
    }
    if (links.length === 0) return;
    const where = await this.eventOf(links.map((l) => (l.a === doc.id ? l.b : l.a)));
    const others = new Map<string, Array<[string, string]>>();
    for (const l of links) {
      const e = where.get(l.a === doc.id ? l.b : l.a);
      if (e === undefined || e === eventId) continue;
      others.set(e, [...(others.get(e) ?? []), [l.a, l.b]]);
    }
    await this.profiles.load(others.keys());
    for (const [e, pairs] of others) {
      const other = this.profiles.get(e);
      let linked = false;
      for (const [a, b] of pairs) {
        p.links = appendLink(p.links, e, a, b, PROFILE_LINKS);
        if (!other) continue;
        // A full list comes back as it was.
        const grown = appendLink(other.links, eventId, a, b, PROFILE_LINKS);
        if (grown !== other.links) {
          other.links = grown;
          linked = true;
        }
      }
      // A full profile is left as it is: written again unchanged, it would only cost pages.
      if (other && linked) this.profiles.set(e, other);
    }
  }

  /** Events `retired` were merged into `into`: their profiles fold into it and they leave their storylines. */
  async merge(retired: readonly string[], into: string): Promise<void> {
    const target = await this.profile(into);
    await this.profiles.load(retired);
    for (const id of retired) {
      const p = this.profiles.get(id);
      if (!p || id === into) continue;
      target.tf = capTop(addScaled(target.tf, p.tf), this.topicTerms * 2);
      p.names.forEach((n, i) => this.addName(target, n, p.nameIds?.[i]));
      target.links = concatLinks(target.links, p.links, PROFILE_LINKS);
      target.size += p.size;
      // Events that followed the retired event now follow the event it became, and are judged again.
      const followers = await this.linkIndex.moveFollowers(id, into);
      await this.profiles.load(followers);
      for (const f of followers) {
        const q = f === into ? target : this.profiles.get(f);
        if (!q?.follows) continue;
        q.follows.id = into;
        this.profiles.set(q.id, q);
      }
      await this.linkIndex.enqueue(followers);
      await this.leaveLine(p);
      this.profiles.delete(id);
    }
    this.profiles.set(target.id, target);
  }

  /** Takes the current header of the event an article changed and threads it. */
  async place(event: EventHeader): Promise<void> {
    const p = await this.profile(event.id);
    p.title = event.title;
    // An undated event that gains a date was threaded as undated: thread it again as what it is now.
    const gainedDate = p.begin === null && p.size > 1 && event.dateBegin !== null;
    p.begin = dayNumber(event.dateBegin);
    p.end = dayNumber(event.dateEnd) ?? p.begin;
    // The header's names come from the event's articles, whose names were added with their ids.
    for (const n of event.entities) this.addName(p, n.toLowerCase(), undefined);
    this.profiles.set(p.id, p);
    await this.loadTermIds(p.tf.ids);
    const idf = this.stats.idfView();
    p.norm = normIdf(p.tf, idf);
    const keys = keysOf(p, idf);
    if (gainedDate) await this.leaveLine(p);
    const head = p.line === null ? undefined : await this.head(p.line);
    if (head && head.size > 1) {
      this.changes.push({ kind: 'dated', storyline: head.id, event: p.id, begin: p.begin, seq: p.seq });
      this.retitle(head, p);
    } else {
      await this.thread(p, keys);
    }
    await this.index(p, keys);
    await this.recheckQueued();
  }

  /** Storyline changes since the last call, in order. */
  drain(): StorylineChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  private async profile(id: string): Promise<Profile> {
    await this.profiles.load([id]);
    let p = this.profiles.get(id);
    if (!p) {
      const meta = await this.counters();
      p = { id, seq: meta.nextSeq++, tf: EMPTY_VECTOR, norm: 0, names: [], nameIds: [], links: NO_LINKS, size: 0, title: '', begin: null, end: null, line: null };
      this.meta.set('m', meta);
      this.profiles.set(id, p);
    }
    return p;
  }

  private async counters(): Promise<Meta> {
    await this.meta.load(['m']);
    return this.meta.get('m') ?? { nextSeq: 0, nextLine: 1 };
  }

  private async head(id: string): Promise<LineHead | undefined> {
    await this.heads.load([id]);
    return this.heads.get(id);
  }

  /** Joins the storyline of the best-scoring other event (never one of `p`'s followers), or keeps (or starts) its own. */
  private async thread(p: Profile, keys: readonly string[]): Promise<void> {
    const followers = new Set(await this.linkIndex.followersOf(p.id));
    const candidates = (await this.candidates(p, keys)).filter((c) => !followers.has(c.id));
    await this.loadTermIds([p, ...candidates].flatMap((x) => (x.nameIds ?? []).filter((id) => id >= 0)));
    const idf = this.stats.idfView();
    let best: { other: Profile; judged: LinkJudgement } | undefined;
    for (const other of candidates) {
      const judged = judgeLink(p, other, this.cosine(p, other, idf), this.distinctive(p, other), this.windowDays);
      if (!judged || (best && judged.score <= best.judged.score)) continue;
      best = { other, judged };
    }
    if (best && best.judged.score >= this.threshold) {
      await this.leaveLine(p);
      await this.join(p, best.other, best.judged);
    } else if (p.line === null) {
      const meta = await this.counters();
      const id = `S${meta.nextLine++}`;
      this.meta.set('m', meta);
      const line: LineHead = { id, size: 1, lead: p.id, leadSize: p.size, title: p.title };
      this.heads.set(id, line);
      p.line = id;
      p.follows = null;
      this.changes.push({ kind: 'joined', storyline: id, event: p.id, reason: `${p.id} starts the storyline`, begin: p.begin, seq: p.seq });
      this.changes.push({ kind: 'title', storyline: id, title: p.title });
    } else {
      const line = await this.head(p.line);
      if (line) {
        this.changes.push({ kind: 'dated', storyline: line.id, event: p.id, begin: p.begin, seq: p.seq });
        this.retitle(line, p);
      }
    }
    this.profiles.set(p.id, p);
  }

  /** `p` (in no storyline) follows `other` into its storyline. */
  private async join(p: Profile, other: Profile, judged: LinkJudgement): Promise<void> {
    const line = (await this.head(other.line!))!;
    p.line = line.id;
    line.size++;
    const reason = linkReason(p.id, other.id, judged);
    p.follows = { id: other.id, names: judged.names, reason };
    await this.linkIndex.linked(p.id, other.id, judged.names);
    this.changes.push({ kind: 'joined', storyline: line.id, event: p.id, reason, begin: p.begin, seq: p.seq });
    this.retitle(line, p);
    this.profiles.set(p.id, p);
  }

  /**
   * Judges queued links again under current counts and dates: a link that still holds keeps its
   * storyline (its reason brought up to date), or brings its event to the storyline of the event it
   * follows; one that no longer holds sends its event to thread again. Either way, an event that
   * moves has its followers judged next, so a storyline never keeps an event for a link it lost.
   */
  private async recheckQueued(): Promise<void> {
    let done = 0;
    while (done < RECHECKS) {
      const batch = await this.linkIndex.take(RECHECKS - done);
      if (batch.length === 0) return;
      for (const id of batch) await this.recheck(id);
      done += batch.length;
    }
  }

  private async recheck(id: string): Promise<void> {
    await this.profiles.load([id]);
    const q = this.profiles.get(id);
    if (!q?.follows || q.line === null) return;
    const to = q.follows.id;
    await this.profiles.load([to]);
    const other = to === q.id ? undefined : this.profiles.get(to);
    await this.loadTermIds([...q.tf.ids, ...(other?.tf.ids ?? []), ...[q, ...(other ? [other] : [])].flatMap((x) => (x.nameIds ?? []).filter((n) => n >= 0))]);
    const idf = this.stats.idfView();
    let judged = other && other.line !== null ? judgeLink(q, other, this.cosine(q, other, idf), this.distinctive(q, other), this.windowDays) : undefined;
    if (judged && judged.score < this.threshold) judged = undefined;
    if (judged && other) {
      if (other.line === q.line) {
        const reason = linkReason(q.id, other.id, judged);
        if (reason === q.follows.reason) return;
        q.follows = { id: other.id, names: judged.names, reason };
        await this.linkIndex.linked(q.id, other.id, judged.names);
        this.changes.push({ kind: 'joined', storyline: q.line, event: q.id, reason, begin: q.begin, seq: q.seq });
        this.profiles.set(q.id, q);
        return;
      }
      await this.leaveLine(q);
      await this.join(q, other, judged);
      return;
    }
    await this.leaveLine(q);
    await this.thread(q, keysOf(q, idf));
  }

  /** Topic cosine of two events under current IDF (their term frequencies loaded). */
  private cosine(p: Profile, other: Profile, idf: IdfView): number {
    return p.norm > 0 && other.norm > 0 ? dotIdfBoth(p.tf, other.tf, idf) / (p.norm * other.norm) : 0;
  }

  /** Whether a name of `p` or `other` is distinctive now (their names' frequencies loaded). */
  private distinctive(p: Profile, other: Profile): (name: string) => boolean {
    const rare = this.rareNames(p);
    const otherRare = this.rareNames(other);
    return (n) => rare.has(n) || otherRare.has(n);
  }

  /** A profile name: kept once, with its term id when the vocabulary holds it (the first `PROFILE_NAMES`). */
  private addName(p: Profile, name: string, id: number | undefined): void {
    const ids = (p.nameIds ??= p.names.map(() => -1));
    const at = p.names.indexOf(name);
    if (at >= 0) {
      if (ids[at] === -1 && id !== undefined) ids[at] = id;
      return;
    }
    if (p.names.length >= PROFILE_NAMES) return;
    p.names.push(name);
    ids.push(id ?? -1);
  }

  /**
   * Names of `p` few articles carry: at most `RARE_NAME_ARTICLES`, or `RARE_NAME_SHARE` of the
   * articles seen in a larger corpus. Frequencies must be loaded.
   */
  private rareNames(p: Profile): Set<string> {
    const most = this.commonAbove();
    const out = new Set<string>();
    p.names.forEach((n, i) => {
      const id = p.nameIds?.[i] ?? -1;
      if (id >= 0 && this.stats.holds(id) && this.stats.frequency(id) <= most) out.add(n);
    });
    return out;
  }

  /** A name carried by more articles than this is common. */
  private commonAbove(): number {
    return Math.max(RARE_NAME_ARTICLES, RARE_NAME_SHARE * this.stats.docs);
  }

  /** The storyline shows the title of its largest event (the latest to reach that size). */
  private retitle(line: LineHead, p: Profile): void {
    if (p.id === line.lead || p.size >= line.leadSize) {
      const changed = line.title !== p.title;
      line.lead = p.id;
      line.leadSize = p.size;
      line.title = p.title;
      if (changed) this.changes.push({ kind: 'title', storyline: line.id, title: p.title });
    }
    this.heads.set(line.id, line);
  }

  /** Placed events sharing the most key terms or names with `p` (a bounded number), and those linked to it by a relation. */
  private async candidates(p: Profile, keys: readonly string[]): Promise<Profile[]> {
    await this.keys.load(keys);
    const shared = new Map<string, number>();
    for (const k of keys) for (const id of this.keys.get(k) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    shared.delete(p.id);
    const ids = new Set(mostCounted(shared, CANDIDATES));
    for (const e of linkedEvents(p.links)) if (e !== p.id) ids.add(e);
    await this.profiles.load(ids);
    const out: Profile[] = [];
    for (const id of ids) {
      const other = this.profiles.get(id);
      if (other && other.line !== null && other.line !== p.line) out.push(other);
    }
    return out;
  }

  private async index(p: Profile, keys: readonly string[]): Promise<void> {
    await this.keys.load(keys);
    for (const k of keys) {
      const list = this.keys.get(k) ?? [];
      if (list[list.length - 1] === p.id) continue;
      const at = list.indexOf(p.id);
      if (at >= 0) list.splice(at, 1);
      list.push(p.id);
      if (list.length > KEY_EVENTS) list.shift();
      this.keys.set(k, list);
    }
  }

  /** `p` leaves its storyline; the events that followed it are judged again. */
  private async leaveLine(p: Profile): Promise<void> {
    if (p.line === null) return;
    if (p.follows) await this.linkIndex.unlinked(p.id, p.follows.id);
    p.follows = null;
    await this.linkIndex.enqueue(await this.linkIndex.followersOf(p.id));
    const line = await this.head(p.line);
    const id = p.line;
    p.line = null;
    this.changes.push({ kind: 'left', storyline: id, event: p.id });
    if (!line) return;
    line.size--;
    if (line.size <= 0) {
      this.heads.delete(id);
      this.changes.push({ kind: 'ended', storyline: id });
    } else this.heads.set(id, line);
  }
}
