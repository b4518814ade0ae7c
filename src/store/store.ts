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

export interface Page {
  offset?: number;
  limit?: number;
}

export interface SearchHit {
  article: ArticleSummary;
  /** Matching excerpt with the hit words wrapped in [ and ]. */
  snippet: string;
  rank: number;
}

/**
 * Everything wiretrace persists. The SQLite implementation is the embedded default;
 * any other implementation must pass test/store-contract.test.ts.
 */
export interface Store {
  /** Inserts the article; returns false (and changes nothing) when its content hash is already stored. */
  putArticle(article: Article): boolean;
  /** By id, or by the name the user knows it by (file name, JSONL id or url), or by a unique id prefix. */
  getArticle(idOrName: string): Article | undefined;
  hasArticle(id: string): boolean;
  /** Ordered by published date (unknown last), then name. */
  listArticles(page?: Page): ArticleSummary[];
  countArticles(): number;
  /** Full-text search over title and text (FTS5 syntax accepted; plain words are ANDed). */
  search(query: string, page?: Page): SearchHit[];

  putQuarantine(record: QuarantineRecord): void;
  listQuarantine(page?: Page): QuarantineRecord[];

  /** Replaces any stored relation between the same two articles. */
  putRelation(relation: Relation): void;
  /** All relations, or those touching one article id. */
  listRelations(articleId?: string, page?: Page): Relation[];

  /** Upserts by event id. */
  putEvent(event: StoryEvent): void;
  deleteEvent(id: string): void;
  listEvents(page?: Page): StoryEvent[];
  getEvent(id: string): StoryEvent | undefined;

  /** Replaces all storylines (they are re-derived from events, cheaply). */
  replaceStorylines(storylines: Storyline[]): void;
  listStorylines(page?: Page): Storyline[];

  /** Replaces the quotes of one article. */
  putQuotes(articleId: string, quotes: Quote[]): void;
  listQuotes(articleId?: string): Quote[];
  /** Replaces all quote groups. */
  replaceQuoteGroups(groups: QuoteGroup[]): void;
  listQuoteGroups(page?: Page): QuoteGroup[];

  /** Replaces the entities found in one article. */
  putEntities(articleId: string, entities: Entity[]): void;
  listEntities(articleId?: string): Entity[];

  /** Opaque binary state, e.g. fingerprints and the LSH index, so they reload without recomputing. */
  getBlob(key: string): Uint8Array | undefined;
  putBlob(key: string, value: Uint8Array): void;
  listBlobKeys(prefix: string): string[];

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
