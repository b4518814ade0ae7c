import type { Article, Entity, Quote, Relation } from '../core/types.js';
import type { Store } from '../store/store.js';
import { CorruptRowError } from '../core/rows.js';
import { StoreUnavailable } from '../store/unavailable.js';
import { fingerprint, type Fingerprint } from '../fingerprint/fingerprint.js';
import { countCollisions, mostColliding, pickCovering, rankCandidates } from '../fingerprint/rank.js';
import { relate } from '../align/relate.js';
import type { ClusterDoc, RelatedLink } from '../cluster/events.js';
import type { AnalysisState } from './analysis-state.js';
import { AlignFailure, AlignThreadGone, boilerplateOptions, type AlignThread } from './align-thread.js';

/** What the per-article stages computed before the ordered step (on worker threads, or here). */
export interface PreparedParts {
  entities: Entity[];
  quotes: Quote[];
  fingerprint: Fingerprint;
}

/**
 * How many index candidates are verified by alignment per new article: the strongest, the earliest
 * stored first among equally strong ones (a wire story's original before its many copies), with the
 * best match of each of its passages taken first (`pickCovering`). In a dense cluster of copies each
 * new copy links to these, which keeps the cost bounded and the rewrite graph connected.
 */
export const ALIGNED = 8;
/** Most articles one band key reports (its newest): a crowded bucket costs a bounded amount. */
export const PER_BUCKET = 200;
/** Most colliding articles whose fingerprints are loaded and scored. */
const SCORED = 400;

/** An error thrown by a stage while analysing one article: that article is quarantined, the rest go on. */
export class StageError extends Error {
  constructor(
    readonly article: Article,
    readonly stage: string,
    readonly failure: unknown,
  ) {
    super(`${article.name}: ${stage} failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    this.name = 'StageError';
  }
}

/** Runs a pure stage; what it throws is the article's failure, not the store's. */
function stage<T>(article: Article, name: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new StageError(article, name, error);
  }
}

async function stageAsync<T>(article: Article, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StageError || error instanceof CorruptRowError || error instanceof StoreUnavailable) throw error;
    throw new StageError(article, name, error);
  }
}

/** An article whose candidates are found and being aligned (here, or on `align`'s thread). */
export interface LinkedArticle {
  article: Article;
  parts: PreparedParts;
  candidates: Article[];
  repeated: Array<[string, number[]]>;
  relations: Promise<Array<Relation | null>> | null;
}

/**
 * The ordered step for one article, inside a checkpoint's transaction, in two halves: link it to the
 * candidates its band keys find, then cluster it into an event, thread the event into a storyline and
 * group its quotes; every change goes through `tx`, every stage's state through `state`'s rows.
 *
 * The first half: the article's candidates from the band keys, its own keys
 * filed, its outlet's boilerplate counted. With `align`, the candidates are aligned on that thread
 * while the caller goes on; nothing `finishArticle` changes is read here, so the next articles may
 * begin before this one finishes.
 */
export async function beginArticle(tx: Store, state: AnalysisState, seq: number, article: Article, prepared?: PreparedParts, align?: AlignThread): Promise<LinkedArticle> {
  const parts = prepared ?? (await prepareFromStore(tx, state, article));
  const candidates = (await findCandidates(tx, state, seq, article, parts.fingerprint)).filter((c) => c.id !== article.id);
  const repeated = [article, ...candidates].map((x): [string, number[]] => [x.id, [...state.boilerplate.repeated(x)]]);
  const relations = align && candidates.length > 0 ? align.relateAll(article, candidates, repeated) : null;
  relations?.catch(() => undefined);
  return { article, parts, candidates, repeated, relations };
}

/** The second half, in order: relations stored, then event, storyline and quote groups. */
export async function finishArticle(tx: Store, state: AnalysisState, linked: LinkedArticle): Promise<void> {
  const { article, parts } = linked;
  const related: RelatedLink[] = [];
  const relations = await relationsOf(linked);
  for (const relation of relations) {
    if (!relation) continue;
    await tx.putRelation(relation);
    related.push({ id: relation.a, kind: relation.kind, score: relation.score });
  }
  const doc: ClusterDoc = { id: article.id, title: article.title, text: article.text, published: article.published, entities: parts.entities.map((e) => e.name) };
  const decision = await stageAsync(article, 'cluster', () => state.clusterer.add(doc, related));
  for (const h of decision.headers) await tx.putEventHeader(h);
  for (const m of decision.merged) await tx.mergeEvent(m.from, m.into, m.note, m.score);
  await tx.addEventMember(decision.eventId, decision.reason);
  await stageAsync(article, 'storylines', async () => {
    if (decision.merged.length) await state.storylines.merge(decision.merged.map((m) => m.from), decision.eventId);
    await state.storylines.addArticle(decision.eventId, doc, related.map((r) => ({ a: r.id, b: article.id })));
    const header = decision.headers.find((h) => h.id === decision.eventId);
    if (header) await state.storylines.place(header);
  });
  await tx.applyStorylineChanges(state.storylines.drain());
  const info = { id: article.id, name: article.name, published: article.published };
  await stageAsync(article, 'quote groups', async () => {
    await state.quotes.prefetch(parts.quotes);
    for (const q of [...parts.quotes].sort((x, y) => x.span[0] - y.span[0])) await state.quotes.add(q, info);
  });
  for (const { header, variant } of state.quotes.added()) await tx.addQuoteVariant(header, variant);
}

/** The candidates' relations: from the alignment thread, or aligned here (also when that thread is gone). */
async function relationsOf(linked: LinkedArticle): Promise<Array<Relation | null>> {
  const { article, candidates } = linked;
  if (linked.relations) {
    try {
      return await linked.relations;
    } catch (error) {
      if (error instanceof AlignFailure) throw new StageError(article, 'alignment', error);
      if (!(error instanceof AlignThreadGone)) throw error;
    }
  }
  const options = boilerplateOptions(linked.repeated);
  return candidates.map((other) => stage(article, 'alignment', () => relate(other, article, options)));
}

/** Candidates from the stored band buckets, scored, the best loaded; the article filed and its outlet's paragraphs counted. */
async function findCandidates(tx: Store, state: AnalysisState, seq: number, article: Article, fp: Fingerprint): Promise<Article[]> {
  const keys = stage(article, 'candidates', () => state.bands.keys(fp));
  const resident = state.resident;
  const buckets = resident ? (k: Int32Array) => resident.lookup(tx, k, PER_BUCKET) : (k: Int32Array) => tx.lookupBuckets(k, PER_BUCKET);
  const docHits = await buckets(keys.doc);
  const paragraphHits = await buckets(keys.paragraph);
  const collisions = countCollisions(docHits, paragraphHits, seq);
  const seqs = mostColliding(collisions, SCORED);
  await state.fingerprints.load(seqs);
  const seqOf = new Map<string, number>();
  const others = seqs.flatMap((s) => {
    const other = state.fingerprints.get(s);
    if (other) seqOf.set(other.id, s);
    return other ? [{ fp: other, collisions: collisions.get(s)! }] : [];
  });
  const o = state.bands.options;
  const strength = (score: number) => Math.round(score * 20);
  const ranked = stage(article, 'candidates', () =>
    pickCovering(
      rankCandidates(fp, others, o.paragraphThreshold, o.minScore).sort((x, y) => strength(y.score) - strength(x.score) || seqOf.get(x.id)! - seqOf.get(y.id)!),
      ALIGNED,
    ),
  );
  const candidates = await state.articles(tx, ranked.map((c) => c.id));
  await state.boilerplate.load([article, ...candidates]);
  state.boilerplate.observe(article);
  const all = concat(keys.doc, keys.paragraph);
  await tx.addBuckets(seq, all);
  resident?.add(seq, all);
  state.fingerprints.set(seq, fp);
  state.remember(article);
  return candidates;
}

/** For an article stored by an earlier ingest: its entities and quotes from the store, its fingerprint anew. */
async function prepareFromStore(tx: Store, state: AnalysisState, article: Article): Promise<PreparedParts> {
  const [entities, quotes] = [await tx.listEntities(article.id), await tx.listQuotes(article.id)];
  const print = stage(article, 'fingerprint', () => fingerprint(article.id, article.text, article.paragraphs, { numPerm: state.options.numPerm }));
  return { entities, quotes, fingerprint: print };
}

function concat(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
