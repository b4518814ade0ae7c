import type { StorylineChange } from '../src/core/types.js';
import { type ClusterDoc, type RelatedLink, EventClusterer } from '../src/cluster/events.js';
import { StorylineBuilder, type StorylineOptions } from '../src/cluster/storyline-builder.js';

export interface LineView {
  id: string;
  title: string;
  events: string[];
  reasons: string[];
}

/**
 * Clusters documents in order and threads their events as the pipeline does (merge, add the article,
 * place its event), applying the builder's changes to storylines held in a map, as the store would.
 */
export class MemoryThreads {
  readonly clusterer: EventClusterer;
  private readonly builder: StorylineBuilder;
  private readonly members = new Map<string, Map<string, { begin: number | null; seq: number; reason: string }>>();
  private readonly titles = new Map<string, string>();

  constructor(options: StorylineOptions = {}, clusterer = new EventClusterer()) {
    this.clusterer = clusterer;
    const state = clusterer.state;
    this.builder = new StorylineBuilder(state.stats, (ids) => state.loadIds(ids), (ids) => clusterer.eventsOf(ids), undefined, options);
  }

  async add(doc: ClusterDoc, related: RelatedLink[] = []): Promise<string> {
    const decision = await this.clusterer.add(doc, related);
    if (decision.merged.length) await this.builder.merge(decision.merged.map((m) => m.from), decision.eventId);
    await this.builder.addArticle(decision.eventId, doc, related.map((r) => ({ a: r.id, b: doc.id })));
    const header = decision.headers.find((h) => h.id === decision.eventId);
    if (header) await this.builder.place(header);
    for (const change of this.builder.drain()) this.apply(change);
    return decision.eventId;
  }

  /** Storylines by id number, each event list in timeline order (undated last, then creation order). */
  lines(): LineView[] {
    return [...this.members.entries()]
      .sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)))
      .map(([id, events]) => {
        const ordered = [...events.entries()].sort(
          (a, b) => (a[1].begin ?? Infinity) - (b[1].begin ?? Infinity) || a[1].seq - b[1].seq,
        );
        return { id, title: this.titles.get(id) ?? '', events: ordered.map(([e]) => e), reasons: ordered.map(([, m]) => m.reason) };
      });
  }

  private apply(c: StorylineChange): void {
    const line = this.members.get(c.storyline) ?? new Map();
    this.members.set(c.storyline, line);
    if (c.kind === 'joined') line.set(c.event, { begin: c.begin, seq: c.seq, reason: c.reason });
    else if (c.kind === 'dated') {
      const m = line.get(c.event);
      if (m) line.set(c.event, { ...m, begin: c.begin, seq: c.seq });
    } else if (c.kind === 'left') line.delete(c.event);
    else if (c.kind === 'ended') this.members.delete(c.storyline);
    else this.titles.set(c.storyline, c.title);
  }
}
