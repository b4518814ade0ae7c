import { jsonCodec, type RowSet, type RowTable } from '../core/rows.js';
import { type PackedLinks, passageTo } from './profile-links.js';

/** What a storyline link needs of the two events it joins. */
export interface LinkEnds {
  id: string;
  names: string[];
  /** Relations between this event's articles and another event's: `[other event, a, b]`, packed. */
  links: PackedLinks;
  begin: number | null;
  end: number | null;
}

/** Why one event follows another: the score, the distinctive names it rests on, the reason shown. */
export interface LinkJudgement {
  score: number;
  names: string[];
  why: string;
}

/** Distinctive names two events must share to be linked (without a shared passage). */
const MIN_SHARED = 2;
/** Distinctive shared names that count in full. */
const FULL_SHARED = 3;

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Whether `p` may follow `other`, and how strongly: 0.6 * topic cosine + 0.4 * min(1, distinctive
 * shared names / 3), plus 0.2 for a shared passage; undefined when the link is not allowed at all
 * (outside the window, an undated event beside a dated one without a shared passage, fewer than two
 * distinctive shared names without one). `distinctive` says which names few articles carry now.
 */
export function judgeLink(p: LinkEnds, other: LinkEnds, cos: number, distinctive: (name: string) => boolean, windowDays: number): LinkJudgement | undefined {
  const gap = dayGap(p, other);
  if (gap !== null && gap > windowDays) return undefined;
  const passage = passageBetween(p, other);
  // An undated event next to a dated one: only a shared passage says they belong together.
  if (!passage && (p.begin === null) !== (other.begin === null)) return undefined;
  const shared = p.names.filter((n) => other.names.includes(n));
  const names = shared.filter(distinctive);
  // Names many articles carry ("uk", "us") link nothing; one distinctive name alone is not enough
  // either, nor a topic alone (formulaic reports, bond issues or market notes, share their words).
  if (!passage && names.length < MIN_SHARED) return undefined;
  const score = 0.6 * cos + 0.4 * Math.min(1, names.length / FULL_SHARED) + (passage ? 0.2 : 0);
  const common = shared.filter((n) => !names.includes(n));
  const why = [
    `topic ${round(cos)}`,
    names.length ? `shared entities ${names.slice(0, 5).join(', ')}` : 'no distinctive shared entities',
    common.length ? `common names not counted: ${common.slice(0, 3).join(', ')}` : '',
    passage ? `shared passage between ${passage[0]} and ${passage[1]}` : '',
  ].filter(Boolean);
  return { score, names, why: why.join('; ') };
}

/** The reason a storyline shows for `event` following `other`. */
export function linkReason(event: string, other: string, judged: LinkJudgement): string {
  return `${event} follows ${other} (score ${round(judged.score)}: ${judged.why})`;
}

function passageBetween(p: LinkEnds, other: LinkEnds): [string, string] | undefined {
  return passageTo(p.links, other.id) ?? passageTo(other.links, p.id);
}

function dayGap(a: LinkEnds, b: LinkEnds): number | null {
  if (a.begin === null || b.begin === null) return null;
  return Math.max(0, a.begin - b.end!, b.begin - a.end!);
}

/**
 * What each storyline link rests on, so a link is judged again when its ground changes, with bounded
 * work: the events whose link cites each name (a name turning common re-checks only those), the
 * events following each event (an event that leaves its storyline, gains a date or is merged away
 * re-checks only its followers), and the queue of events waiting to be judged again.
 */
export class LinkIndex {
  private readonly cites: RowTable<string[]>;
  private readonly followers: RowTable<string[]>;
  private readonly queue: RowTable<string[]>;

  constructor(rows: RowSet) {
    this.cites = rows.table<string[]>('sl.cite', jsonCodec(), 50_000);
    this.followers = rows.table<string[]>('sl.follow', jsonCodec(), 50_000);
    this.queue = rows.table<string[]>('sl.recheck');
  }

  /** `event` now follows `to` on the ground of `names`. */
  async linked(event: string, to: string, names: readonly string[]): Promise<void> {
    await Promise.all([this.cites.load(names), this.followers.load([to])]);
    for (const n of names) this.addTo(this.cites, n, event);
    this.addTo(this.followers, to, event);
  }

  /** `event` no longer follows `to`. */
  async unlinked(event: string, to: string): Promise<void> {
    await this.followers.load([to]);
    const list = this.followers.get(to);
    if (!list?.includes(event)) return;
    const rest = list.filter((e) => e !== event);
    if (rest.length) this.followers.set(to, rest);
    else this.followers.delete(to);
  }

  /** A name became common: every link citing it is judged again (the list is let go: new links cite it no more). */
  async turnedCommon(name: string): Promise<void> {
    await this.cites.load([name]);
    const events = this.cites.get(name);
    if (!events) return;
    this.cites.delete(name);
    await this.enqueue(events);
  }

  /** `event` left its storyline (or changed): the events following it are judged again. */
  async followersOf(event: string): Promise<string[]> {
    await this.followers.load([event]);
    return this.followers.get(event) ?? [];
  }

  /** `from` was merged into `into`: its followers now follow `into` (the caller re-points their links). */
  async moveFollowers(from: string, into: string): Promise<string[]> {
    const moved = await this.followersOf(from);
    if (moved.length === 0) return moved;
    this.followers.delete(from);
    await this.followers.load([into]);
    for (const e of moved) this.addTo(this.followers, into, e);
    return moved;
  }

  async enqueue(events: readonly string[]): Promise<void> {
    if (events.length === 0) return;
    await this.queue.load(['q']);
    const list = this.queue.get('q') ?? [];
    for (const e of events) if (!list.includes(e)) list.push(e);
    this.queue.set('q', list);
  }

  /** Takes up to `n` events from the queue, oldest first. */
  async take(n: number): Promise<string[]> {
    await this.queue.load(['q']);
    const list = this.queue.get('q');
    if (!list?.length) return [];
    const out = list.slice(0, n);
    if (list.length > n) this.queue.set('q', list.slice(n));
    else this.queue.delete('q');
    return out;
  }

  private addTo(table: RowTable<string[]>, key: string, event: string): void {
    const list = table.get(key) ?? [];
    if (list.includes(event)) return;
    list.push(event);
    table.set(key, list);
  }
}
