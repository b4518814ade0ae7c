import type { JoinReason, StoryEvent } from '../core/types.js';
import type { ClusterDecision } from './events.js';
import { appendAll } from '../core/arrays.js';

interface Entry {
  event: StoryEvent;
  order: number;
}

/**
 * Events with their members, built from a clusterer's decisions: what the store keeps in the
 * pipeline, kept in memory for evaluations and tests. A merged article's reason becomes a `merged`
 * reason that keeps its original note.
 */
export class EventLog {
  private readonly byId = new Map<string, Entry>();
  private readonly articleEvent = new Map<string, string>();

  apply(decision: ClusterDecision): void {
    const target = this.entry(decision.eventId);
    target.event.articles.push(decision.reason.article);
    target.event.reasons.push(decision.reason);
    this.articleEvent.set(decision.reason.article, decision.eventId);
    for (const m of decision.merged) this.merge(m.from, m.into, m.note, m.score);
    for (const h of decision.headers) Object.assign(this.entry(h.id).event, h);
  }

  /** Live events in creation order. */
  events(): StoryEvent[] {
    return [...this.byId.values()]
      .sort((a, b) => a.order - b.order)
      .map(({ event }) => ({ ...event, articles: event.articles.slice(), entities: event.entities.slice(), reasons: event.reasons.map((r) => ({ ...r, parts: { ...r.parts } })) }));
  }

  eventOf(articleId: string): string | undefined {
    return this.articleEvent.get(articleId);
  }

  get documents(): number {
    return this.articleEvent.size;
  }

  private merge(from: string, into: string, note: string, score: number): void {
    const younger = this.byId.get(from);
    if (!younger) return;
    const older = this.entry(into);
    appendAll(older.event.articles, younger.event.articles);
    for (const r of younger.event.reasons) older.event.reasons.push(mergedReason(r, note, score));
    for (const a of younger.event.articles) this.articleEvent.set(a, into);
    this.byId.delete(from);
  }

  private entry(id: string): Entry {
    let e = this.byId.get(id);
    if (!e) {
      e = { event: { id, title: id, dateBegin: null, dateEnd: null, articles: [], entities: [], reasons: [] }, order: Number(id.slice(1)) };
      this.byId.set(id, e);
    }
    return e;
  }
}

/** The reason an article carries once its event was merged into an older one. */
export function mergedReason(r: JoinReason, note: string, score: number): JoinReason {
  return { ...r, action: 'merged', parts: { ...r.parts, merge: score }, note: `${note}; before: ${r.action}, ${r.note}` };
}
