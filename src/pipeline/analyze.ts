import type { Article, Relation } from '../core/types.js';
import { resolveOptions, type Options } from '../core/config.js';
import { isWiretraceError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { fingerprint } from '../fingerprint/fingerprint.js';
import { ReuseIndex } from '../fingerprint/index.js';
import { relate } from '../align/relate.js';
import { EventClusterer, type ClusterDoc, type RelatedLink } from '../cluster/events.js';
import { extractEntities } from '../extract/entities.js';
import { extractQuotes } from '../extract/quotes.js';
import { allArticles, everything } from './paging.js';
import { DerivedViews } from './derived.js';
import { BLOB_NS, readBlob } from './state-blobs.js';

const INDEX_KEY = 'index/reuse';
const CLUSTER_KEY = 'cluster/state';
/** How many index candidates are verified by alignment per new article. */
const CANDIDATES = 25;

/**
 * The incremental step: each new article, in publication order, gets its entities and quotes,
 * is fingerprinted, linked to the candidates the index returns, and joins or starts an event.
 * Nothing already stored is recomputed: storylines and quote groups are updated for what it touched.
 */
export async function analyzeNew(
  store: Store,
  added: Article[],
  partial: Partial<Options> = {},
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<void> {
  const options = resolveOptions(partial);
  const clusterer = await loadClusterer(store, options);
  const pending = [...added, ...(await unanalysed(store, clusterer, added))];
  if (pending.length === 0) return;
  const index = await loadIndex(store, options, new Set(pending.map((a) => a.id)));
  const views = await DerivedViews.load(store);
  const retired: string[] = [];
  const touched = new Set<string>();
  let done = 0;
  for (const article of pending.sort(byPublication)) {
    const found = extractEntities(article.text);
    await store.putEntities(article.id, found.entities);
    const quotes = extractQuotes(article, found);
    await store.putQuotes(article.id, quotes);
    const print = fingerprint(article.id, article.text, article.paragraphs, { numPerm: options.numPerm });
    const related = await linkToCandidates(store, article, index.query(print, { limit: CANDIDATES }).map((c) => c.id));
    index.add(print);
    const doc = clusterDoc(article, found.entities.map((e) => e.name));
    const { eventId, merged } = clusterer.add(doc, related);
    touched.add(eventId);
    if (merged) retired.push(...merged);
    views.addArticle(article, quotes, doc, eventId, merged ?? [], related);
    onProgress?.(++done, pending.length, article.name);
  }
  await store.transaction(async (tx) => {
    await tx.putRows(BLOB_NS, [
      [INDEX_KEY, index.serialize()],
      [CLUSTER_KEY, new TextEncoder().encode(JSON.stringify(clusterer.toState()))],
    ]);
    for (const id of retired) await tx.deleteEvent(id);
    const changed = clusterer.events().filter((event) => touched.has(event.id));
    for (const event of changed) await tx.putEvent(event);
    await views.save(tx, changed);
    await tx.markAnalysed(pending.map((article) => ({ id: article.id, ok: true })));
  });
}

/**
 * Articles an earlier ingest stored but did not analyse (it stopped part-way, or was told to skip
 * analysis): they are picked up by the next one. The counts tell at no cost whether any exist.
 */
async function unanalysed(store: Store, clusterer: EventClusterer, added: Article[]): Promise<Article[]> {
  if ((await store.countArticles()) <= clusterer.documents + added.length) return [];
  const fresh = new Set(added.map((a) => a.id));
  const summaries = await everything((page) => store.listArticles(page), (summary) => summary.id);
  const ids = summaries.filter((summary) => !fresh.has(summary.id) && clusterer.eventOf(summary.id) === undefined).map((s) => s.id);
  return store.getArticles(ids);
}

async function linkToCandidates(store: Store, article: Article, candidateIds: string[]): Promise<RelatedLink[]> {
  const related: RelatedLink[] = [];
  for (const id of candidateIds) {
    if (id === article.id) continue;
    const other = await store.getArticle(id);
    if (!other) continue;
    const relation: Relation | null = relate(other, article);
    if (!relation) continue;
    await store.putRelation(relation);
    related.push({ id: other.id, kind: relation.kind, score: relation.score });
  }
  return related;
}

/**
 * The stored index, or one rebuilt from the stored articles when there is none yet or it was written
 * in a format this build does not read (the index is derived data: nothing is lost by rebuilding it).
 */
async function loadIndex(store: Store, options: Options, fresh: ReadonlySet<string>): Promise<ReuseIndex> {
  const bytes = await readBlob(store, INDEX_KEY);
  if (bytes) {
    try {
      return ReuseIndex.deserialize(bytes);
    } catch (error) {
      if (!isWiretraceError(error)) throw error;
      process.emitWarning(`${error.message}; rebuilding it from the stored articles`);
    }
  }
  const index = new ReuseIndex({ threshold: options.threshold, numPerm: options.numPerm });
  for (const article of await allArticles(store)) {
    if (!fresh.has(article.id)) index.add(fingerprint(article.id, article.text, article.paragraphs, { numPerm: options.numPerm }));
  }
  return index;
}

async function loadClusterer(store: Store, options: Options): Promise<EventClusterer> {
  const bytes = await readBlob(store, CLUSTER_KEY);
  const clusterOptions = { daySigma: options.eventDaySigma };
  return bytes
    ? new EventClusterer(clusterOptions, JSON.parse(new TextDecoder().decode(bytes)))
    : new EventClusterer(clusterOptions);
}

function clusterDoc(article: Article, entities: string[]): ClusterDoc {
  return { id: article.id, title: article.title, text: article.text, published: article.published, entities };
}

/** Dated articles first, oldest first; undated after, by name. */
function byPublication(a: Article, b: Article): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
