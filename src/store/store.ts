import type {
  Article,
  ArticleSummary,
  Entity,
  QuarantineRecord,
  Quote,
  QuoteGroup,
  Relation,
  StoryEvent,
  Storyline,
} from '../core/types.js';

/** Rows to return: `offset` defaults to 0 (negative counts as 0); `limit` defaults to 100 and is capped at 1000. */
export interface Page {
  offset?: number;
  limit?: number;
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

/**
 * Everything wiretrace persists. The SQLite implementation is the embedded default;
 * any other implementation must pass the suite in test/store-contract.ts (see
 * test/store-sqlite.test.ts for how to run it). Writes that name article ids
 * (relations, event members, quotes, entities) need those articles stored first.
 */
export interface Store {
  /** Inserts the article; returns false (and changes nothing) when its content hash is already stored. */
  putArticle(article: Article): boolean;
  /**
   * By exact id, else exact name (file name, JSONL id or url), else unique name prefix
   * (`000` for `000_f92a….txt`), else unique id prefix; undefined when none or ambiguous.
   */
  getArticle(idOrName: string): Article | undefined;
  hasArticle(id: string): boolean;
  /** Ordered by published date (unknown last), then name. */
  listArticles(page?: Page): ArticleSummary[];
  countArticles(): number;
  /**
   * Full-text search over title and text, best first (FTS5 syntax accepted; plain words
   * are ANDed and never raise a syntax error, e.g. `NATO-Russia` or a stray `"`).
   */
  search(query: string, page?: Page): SearchHit[];

  putQuarantine(record: QuarantineRecord): void;
  listQuarantine(page?: Page): QuarantineRecord[];

  /** Replaces any stored relation between the same two articles. */
  putRelation(relation: Relation): void;
  /** All relations, or those touching one article id; strongest (highest score) first. */
  listRelations(articleId?: string, page?: Page): Relation[];

  /** Upserts by event id. */
  putEvent(event: StoryEvent): void;
  deleteEvent(id: string): void;
  /** By dateBegin (undated last), then dateEnd, then first stored. */
  listEvents(page?: Page): StoryEvent[];
  getEvent(id: string): StoryEvent | undefined;
  /** Id of the event holding this article, without scanning events. */
  eventOfArticle(articleId: string): string | undefined;

  /** Replaces all storylines (they are re-derived from events, cheaply). */
  replaceStorylines(storylines: Storyline[]): void;
  /** Upserts by storyline id; a new one is listed after those stored, an updated one keeps its place. */
  putStoryline(storyline: Storyline): void;
  deleteStoryline(id: string): void;
  listStorylines(page?: Page): Storyline[];
  getStoryline(id: string): Storyline | undefined;

  /** Replaces the quotes of one article. */
  putQuotes(articleId: string, quotes: Quote[]): void;
  /** One article's quotes in text order, or every quote (by article, then text order). */
  listQuotes(articleId?: string): Quote[];
  /** Replaces all quote groups. */
  replaceQuoteGroups(groups: QuoteGroup[]): void;
  /** Upserts by group id; a new group is listed after those stored, an updated one keeps its place. */
  putQuoteGroup(group: QuoteGroup): void;
  /** In the order they were first stored; `minVariants: 2` keeps the quotes seen in several articles. */
  listQuoteGroups(page?: Page, filter?: QuoteGroupFilter): QuoteGroup[];

  /** Replaces the entities found in one article. */
  putEntities(articleId: string, entities: Entity[]): void;
  /**
   * One article's entities in the order stored; without an article, each entity once
   * (by name and kind) with aliases and roles united and sorted, ordered by name.
   */
  listEntities(articleId?: string): Entity[];

  /** Opaque binary state, e.g. fingerprints and the LSH index, so they reload without recomputing. */
  getBlob(key: string): Uint8Array | undefined;
  putBlob(key: string, value: Uint8Array): void;
  /** Keys starting with `prefix` (literally, no wildcards), sorted. */
  listBlobKeys(prefix: string): string[];

  /** Runs `fn` in one transaction (nestable); a throw rolls every write back and is rethrown. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
