import type { Article, Quote, QuoteGroup, StoryEvent, Storyline } from '../core/types.js';
import type { Store } from '../store/store.js';
import type { ClusterDoc, RelatedLink } from '../cluster/events.js';
import { StorylineBuilder, type StorylineBuilderState } from '../cluster/storyline-builder.js';
import { QuoteGrouper, type QuoteGrouperState } from '../extract/quote-groups.js';
import { allArticles, everything } from './paging.js';
import { BLOB_NS, readBlob } from './state-blobs.js';

const STORYLINE_KEY = 'cluster/storylines';
const QUOTE_GROUP_KEY = 'extract/quote-groups';

/**
 * Storylines and quote groups, kept up to date one ingest at a time: the builder and the grouper
 * are loaded from their blobs, fed what the ingest added, and only the storylines and groups they
 * changed are written back. A database without the blobs (written by an older build) is rebuilt
 * from its stored events and quotes once.
 */
export class DerivedViews {
  constructor(
    readonly storylines: StorylineBuilder,
    readonly quotes: QuoteGrouper,
    /** True when the views were rebuilt from the store: the first save replaces every stored storyline and group. */
    private rebuilt: boolean,
  ) {}

  static async load(store: Store): Promise<DerivedViews> {
    const lines = await readJson<StorylineBuilderState>(store, STORYLINE_KEY);
    const groups = await readJson<QuoteGrouperState>(store, QUOTE_GROUP_KEY);
    if (lines?.version === 1 && groups?.version === 1) {
      return new DerivedViews(new StorylineBuilder({}, lines), new QuoteGrouper({}, groups), false);
    }
    return rebuildFromStore(store);
  }

  /** One article of this ingest, in publication order: its quotes, the event it joined, its links. */
  addArticle(article: Article, quotes: readonly Quote[], doc: ClusterDoc, eventId: string, merged: readonly string[], related: readonly RelatedLink[]): void {
    const info = { id: article.id, name: article.name, published: article.published };
    for (const q of [...quotes].sort((x, y) => x.span[0] - y.span[0])) this.quotes.add(q, info);
    if (merged.length) this.storylines.merge(merged, eventId);
    this.storylines.addArticle(eventId, doc, related.map((r) => ({ a: r.id, b: article.id })));
  }

  /** Threads the touched events and writes what changed (call inside the ingest's transaction). */
  async save(store: Store, touched: readonly StoryEvent[]): Promise<void> {
    this.storylines.update(touched);
    if (this.rebuilt) {
      await replaceAll(store, this.storylines.storylines(), this.quotes.groups());
      this.storylines.changed();
      this.rebuilt = false;
    } else {
      const { put, deleted } = this.storylines.changed();
      for (const id of deleted) await store.deleteStoryline(id);
      for (const s of put) await store.putStoryline(s);
      for (const g of this.quotes.changed()) await store.putQuoteGroup(g);
    }
    await store.putRows(BLOB_NS, [
      [STORYLINE_KEY, encodeJson(this.storylines.toState())],
      [QUOTE_GROUP_KEY, encodeJson(this.quotes.toState())],
    ]);
  }
}

/**
 * Every stored storyline deleted, then these put, in order; the groups are upserted (the Store has no
 * quote-group delete: a rebuild happens when the state rows are gone, and the groups went with them).
 */
async function replaceAll(store: Store, storylines: readonly Storyline[], groups: readonly QuoteGroup[]): Promise<void> {
  for (const s of await everything((page) => store.listStorylines(page), (s) => s.id)) await store.deleteStoryline(s.id);
  for (const s of storylines) await store.putStoryline(s);
  for (const g of groups) await store.putQuoteGroup(g);
}

async function rebuildFromStore(store: Store): Promise<DerivedViews> {
  const views = new DerivedViews(new StorylineBuilder(), new QuoteGrouper(), true);
  const events = await everything((page) => store.listEvents(page), (e) => e.id);
  if (events.length === 0) return views;
  const articles = await allArticles(store);
  const eventOf = new Map<string, string>();
  for (const e of events) for (const a of e.articles) eventOf.set(a, e.id);
  const seen = new Set<string>();
  for (const article of articles) {
    const eventId = eventOf.get(article.id);
    const related = (await store.listRelations(article.id))
      .filter((r) => seen.has(r.a === article.id ? r.b : r.a))
      .map((r) => ({ id: r.a === article.id ? r.b : r.a, kind: r.kind, score: r.score }));
    seen.add(article.id);
    const quotes = await store.listQuotes(article.id);
    if (eventId === undefined) {
      const info = { id: article.id, name: article.name, published: article.published };
      for (const q of quotes) views.quotes.add(q, info);
      continue;
    }
    const doc = { id: article.id, title: article.title, text: article.text, published: article.published, entities: (await store.listEntities(article.id)).map((x) => x.name) };
    views.addArticle(article, quotes, doc, eventId, [], related);
  }
  views.storylines.update(events);
  return views;
}

/** The stored state, or undefined when there is none or it does not parse (the views are then rebuilt). */
async function readJson<T>(store: Store, key: string): Promise<T | undefined> {
  const bytes = await readBlob(store, key);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    process.emitWarning(`stored ${key} is unreadable (${error.message}); rebuilding it from the stored events and quotes`);
    return undefined;
  }
}

function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
