import type {
  Article,
  ArticleSummary,
  Entity,
  EventHeader,
  JoinReason,
  StorylineChange,
  QuarantineRecord,
  Quote,
  QuoteGroup,
  QuoteGroupHeader,
  QuoteVariantRecord,
  Relation,
  RelationEnds,
  StoryEvent,
  Storyline,
} from '../core/types.js';
import type { ArticleQuery, EventQuery, EventSummary, Listed, QuoteQuery, RelationQuery, StorylineQuery, StorylineSummary } from './list-query.js';

/**
 * Rows to return: `offset` defaults to 0 (negative counts as 0); `limit` defaults to 100 and is capped at 1000.
 * `after` is keyset paging: the key of the last row of the previous page (see each list for its key); with
 * `after`, `offset` is ignored and a page costs the same wherever it is in the list.
 */
export interface Page {
  offset?: number;
  limit?: number;
  after?: string;
}

export interface QuoteGroupFilter {
  /** Only groups with at least this many variants (articles). */
  minVariants?: number;
}

export interface SearchHit {
  article: ArticleSummary;
  /** Matching excerpt with the hit words wrapped in [ and ]. */
  snippet: string;
  /** Relevance; higher is better (SQLite: negated bm25, title weighted 3x). */
  rank: number;
}

export interface OutletCount {
  outlet: string;
  articles: number;
}

/** What a user's reference to an article (id, name, or a prefix of either) points at. */
export type ArticleResolution =
  | { found: Article }
  | { ambiguous: ArticleSummary[] }
  | { none: true };

/** A stored article waiting for the ordered analysis step (link, cluster, storylines, quote groups). */
export interface PendingArticle {
  /** Store-assigned sequence number: analysis runs in this order, and the LSH index names articles by it. */
  seq: number;
  article: Article;
}

/** An article with what the per-article stages found in it, stored together (`putArticles`). */
export interface ArticleWithParts {
  article: Article;
  entities: Entity[];
  quotes: Quote[];
}

/** How an article's analysis ended. */
export type AnalysisOutcome = { id: string; ok: true } | { id: string; ok: false; error: QuarantineRecord };

/**
 * Everything wiretrace persists. The SQLite implementation is the embedded default;
 * any other implementation must pass the suite in test/store-contract.ts (see
 * test/store-sqlite.test.ts for how to run it). Writes that name article ids
 * (relations, event members, quotes, entities) need those articles stored first.
 *
 * Every method returns a Promise. `transaction` hands its callback an explicit handle: writes
 * made through it commit or roll back together, and writers in other processes wait for it.
 */
export interface Store {
  /** Inserts the article; resolves false (and changes nothing) when its content hash is already stored. */
  putArticle(article: Article): Promise<boolean>;
  /**
   * Stores each article with its entities and quotes, in order, as putArticle, putEntities and
   * putQuotes would one after another, all or none (a database server does it in a few statements,
   * not three per article); resolves, for each entry, whether its article was new. An article
   * already stored, or earlier in `entries`, changes nothing, its entities and quotes included.
   */
  putArticles(entries: readonly ArticleWithParts[]): Promise<boolean[]>;
  /** By exact id only. */
  getArticle(id: string): Promise<Article | undefined>;
  /** By exact ids; missing ones are left out, the rest come in the order asked. */
  getArticles(ids: readonly string[]): Promise<Article[]>;
  /** As `getArticles`, their summaries only (no text): names, outlets and dates for a page of many. */
  getArticleSummaries(ids: readonly string[]): Promise<ArticleSummary[]>;
  /**
   * A user's reference: exact id, else exact name (file name, JSONL id or url), else unique name
   * prefix (`000` for `000_f92a….txt`), else unique id prefix. A prefix matching several articles
   * is `ambiguous` (up to 10 of them listed), never silently one of them.
   */
  resolveArticle(ref: string): Promise<ArticleResolution>;
  hasArticle(id: string): Promise<boolean>;
  /** Ordered by published date (unknown last), then name. Keyset key: article id. */
  listArticles(page?: Page): Promise<ArticleSummary[]>;
  countArticles(): Promise<number>;
  /** Each known outlet (article `source`) with its number of articles, most articles first, then by name. */
  listOutlets(page?: Page): Promise<OutletCount[]>;
  /** How many distinct known outlets there are, and how many articles name none. */
  countOutlets(): Promise<{ outlets: number; unknown: number }>;
  /**
   * Full-text search over title and text, best first. The syntax is store-neutral: words (ANDed),
   * "quoted phrases", -excluded words, OR between words or phrases, and word* prefixes. It is
   * compiled, never passed through raw, and its cost is bounded (terms, prefixes and result rows).
   */
  search(query: string, page?: Page): Promise<SearchHit[]>;

  /** Keeps the record once: the same origin, code and message again (a folder ingested again) adds nothing. */
  putQuarantine(record: QuarantineRecord): Promise<void>;
  listQuarantine(page?: Page): Promise<QuarantineRecord[]>;
  countQuarantine(): Promise<number>;

  /** Replaces any stored relation between the same two articles. */
  putRelation(relation: Relation): Promise<void>;
  /** All relations, or those touching one article id; strongest (highest score) first. Keyset key: `a|b`. */
  listRelations(articleId?: string, page?: Page): Promise<Relation[]>;
  /**
   * The relations with both sides among `ids`, strongest first, without their passages and evidence:
   * an event's graph and coverage (reading every member's relations whole took 0.8 s for 1,554 articles).
   */
  relationsAmong(ids: readonly string[]): Promise<RelationEnds[]>;
  countRelations(): Promise<number>;

  /** Upserts by event id. */
  putEvent(event: StoryEvent): Promise<void>;
  deleteEvent(id: string): Promise<void>;
  /** By dateBegin (undated last), then dateEnd, then first stored. Keyset key: event id. */
  listEvents(page?: Page): Promise<StoryEvent[]>;
  countEvents(): Promise<number>;
  getEvent(id: string): Promise<StoryEvent | undefined>;
  /** Id of the event holding this article, without scanning events. */
  eventOfArticle(articleId: string): Promise<string | undefined>;
  /** Upserts an event's title, dates and key entities; its members stay as they are. */
  putEventHeader(header: EventHeader): Promise<void>;
  /** Appends an article to a stored event, with why it joined. The cost does not grow with the event. */
  addEventMember(eventId: string, reason: JoinReason): Promise<void>;
  /** Moves every member of `from` to the end of `into` (their reasons become `merged` ones, with `note`) and deletes `from`. */
  mergeEvent(from: string, into: string, note: string, score: number): Promise<void>;

  /** Upserts by storyline id; a new one is listed after those stored, an updated one keeps its place. */
  putStoryline(storyline: Storyline): Promise<void>;
  /**
   * Applies storyline changes in order: an event joining (or re-dated on) its storyline, leaving it,
   * a storyline's title, a storyline ending. Each costs the same whatever the storyline's size;
   * listing a storyline orders its events by date, then creation.
   */
  applyStorylineChanges(changes: readonly StorylineChange[]): Promise<void>;
  deleteStoryline(id: string): Promise<void>;
  /** In the order they were started. Keyset key: storyline id. */
  listStorylines(page?: Page): Promise<Storyline[]>;
  countStorylines(): Promise<number>;
  getStoryline(id: string): Promise<Storyline | undefined>;

  /** Replaces the quotes of one article. */
  putQuotes(articleId: string, quotes: Quote[]): Promise<void>;
  /** One article's quotes in text order, or every quote (by article, then text order). */
  listQuotes(articleId?: string): Promise<Quote[]>;
  /**
   * Adds one variant to a group, creating the group (listed after those stored) or updating its
   * header (it keeps its place): one write whatever the group's size.
   */
  addQuoteVariant(group: QuoteGroupHeader, variant: QuoteVariantRecord): Promise<void>;
  /**
   * In the order they were first stored, each with every variant in publication order and its drift
   * from the earliest (`assembleQuoteGroup`); `minVariants: 2` keeps the quotes seen in several
   * articles. Keyset key: group id.
   */
  listQuoteGroups(page?: Page, filter?: QuoteGroupFilter): Promise<QuoteGroup[]>;
  countQuoteGroups(filter?: QuoteGroupFilter): Promise<number>;

  /** Replaces the entities found in one article. */
  putEntities(articleId: string, entities: Entity[]): Promise<void>;
  /**
   * One article's entities in the order stored; without an article, each entity once
   * (by name and kind) with aliases and roles united and sorted, ordered by name.
   */
  listEntities(articleId?: string): Promise<Entity[]>;

  // ---- Filtered, sorted lists with totals, one per list (list-query.ts); offset paging ----

  /** Articles by the filter; `sort`: published (default; relevance when `q` is given), title, outlet, words, relevance. Facet: `outlet`. */
  queryArticles(query: ArticleQuery): Promise<Listed<ArticleSummary>>;
  /** Relations by the filter, strongest first. Facet: `kind` (counted over the other filters). */
  queryRelations(query: RelationQuery): Promise<Listed<Relation>>;
  /** Events without members; `sort`: date (default), recency, size, span. */
  queryEvents(query: EventQuery): Promise<Listed<EventSummary>>;
  /** Storylines with their sizes and dates; `sort`: created (default), recency, size, events, span. */
  queryStorylines(query: StorylineQuery): Promise<Listed<StorylineSummary>>;
  /** Quote groups; `sort`: first (default), variants, drift (words changed over the variants). */
  queryQuoteGroups(query: QuoteQuery): Promise<Listed<QuoteGroup>>;

  // ---- Derived analysis state, as rows (never one blob loaded and rewritten whole) ----

  /** The stored values of `keys` in namespace `ns`; keys with no row are absent from the map. */
  getRows(ns: string, keys: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Upserts rows of namespace `ns`; a null value deletes the row. */
  putRows(ns: string, rows: ReadonlyArray<readonly [key: string, value: Uint8Array | null]>): Promise<void>;
  /** Files article `seq` under each LSH band key in `keys` (int32). */
  addBuckets(seq: number, keys: Int32Array): Promise<void>;
  /**
   * Article seqs filed under each of `keys`, the latest `perKey` of each key at most (so a crowded
   * bucket costs a bounded amount); one entry per (key, seq) match, in no particular order.
   */
  lookupBuckets(keys: Int32Array, perKey: number): Promise<Int32Array>;
  /**
   * Each key's latest `perKey` seqs below `below`, flat as [key, seq, key, seq, ...] in no particular
   * order: for a process that holds the newer buckets in memory and keeps answers about older ones.
   */
  lookupOlderBuckets(keys: Int32Array, perKey: number, below: number): Promise<Int32Array>;
  /**
   * Bucket rows in (key, seq) order after the pair `after` (from the start when null), at most
   * `limit`, flat as [key, seq, key, seq, ...]: for a process that holds the buckets in memory.
   */
  scanBuckets(after: readonly [key: number, seq: number] | null, limit: number): Promise<Int32Array>;
  /** Stored articles whose analysis has not run, in store order (seq), at most `limit`. */
  pendingAnalysis(limit: number): Promise<PendingArticle[]>;
  countPendingAnalysis(): Promise<number>;
  /**
   * Asks for this store to be the one that runs the ordered step on its database, so that several
   * processes do not take turns at it (each would reload its rows after the other's checkpoint).
   * True while this store holds the claim, until it is closed or loses its server; false while
   * another store holds it. A store of one machine's processes (SQLite) grants every claim.
   */
  claimAnalysis(): Promise<boolean>;
  /** Marks analyses done; a failed one is also quarantined with its error and is never pending again. */
  markAnalysed(outcomes: readonly AnalysisOutcome[]): Promise<void>;
  /**
   * Drops everything derived (relations, events, storylines, quote groups, state rows, buckets) and
   * marks every stored article pending again; articles, entities, quotes and quarantine stay.
   */
  resetAnalysis(): Promise<void>;

  /**
   * Runs `fn` in one transaction with `tx`, a handle on the same store: everything written through `tx`
   * commits when `fn` resolves and rolls back when it throws (the error is rethrown). Writers in other
   * processes wait; reads elsewhere see either none or all of it. Not nestable: inside, use `tx`.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
