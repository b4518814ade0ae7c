import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type {
  Article,
  ArticleSummary,
  Entity,
  EventHeader,
  JoinReason,
  QuarantineRecord,
  Quote,
  QuoteGroup,
  QuoteGroupHeader,
  QuoteVariantRecord,
  Relation,
  RelationEnds,
  StoryEvent,
  Storyline,
  StorylineChange,
} from '../../core/types.js';
import { createError } from '../../core/errors.js';
import type { AnalysisOutcome, ArticleResolution, ArticleWithParts, OutletCount, Page, PendingArticle, QuoteGroupFilter, SearchHit, Store } from '../store.js';
import { ArticleQueries } from './article-queries.js';
import { LinkQueries, refuseStrayQuotes } from './link-queries.js';
import { ListQueries } from './list-queries.js';
import type { ArticleQuery, EventQuery, EventSummary, Listed, QuoteQuery, RelationQuery, StorylineQuery, StorylineSummary } from '../list-query.js';
import { migrate } from './migrations.js';
import { NUMBER_TYPES, redact, sqlOn, type Sql } from './sql.js';
import { StateQueries } from './state-queries.js';

export interface PostgresStoreOptions {
  /** Most connections this process opens. @default 8 */
  maxConnections?: number;
}

/**
 * The advisory lock every write transaction takes first: writers (in any process, on any machine)
 * run one at a time, as SQLite's BEGIN IMMEDIATE makes them. The ordered step needs exactly that —
 * a checkpoint reads the next pending articles in seq order and the rows it will rewrite, and two
 * checkpoints at once would analyse the same articles or overwrite each other's rows — and article
 * inserts under the same lock get their seq in commit order, so "store order" is the same for every
 * reader. SERIALIZABLE would abort one of any two checkpoints (they always touch the same counters
 * and rows) and redo a second of work; a lock makes the second wait instead. Reads take no lock.
 */
export const WRITE_LOCK = 0x77_74_77; // 'wtw'
/** The session lock of the one store that runs the ordered step (`claimAnalysis`). */
const ANALYSIS_LOCK = 0x77_74_61; // 'wta'

/** One open transaction: its handle works only while it is open. */
interface OpenTransaction {
  open: boolean;
}

interface Shared {
  pool: pg.Pool;
  ready: Promise<void>;
  context: AsyncLocalStorage<OpenTransaction>;
  /** The connection holding ANALYSIS_LOCK, while this process holds it. */
  claim: pg.PoolClient | null;
}

/**
 * The PostgreSQL store: one pool per process; every method returns a promise. Reads run on any
 * pooled connection; a transaction runs on one pooled client holding WRITE_LOCK until it ends, and
 * a write made on the store itself is its own short transaction (so it, too, waits for the lock).
 * Migrations run once, on first use, under an advisory lock of their own.
 */
export class PostgresStore implements Store {
  private readonly articles: ArticleQueries;
  private readonly links: LinkQueries;
  private readonly state: StateQueries;
  private readonly lists: ListQueries;

  constructor(
    private readonly shared: Shared,
    sql: Sql = sqlOn(shared.pool),
    private readonly transactionOf?: OpenTransaction,
  ) {
    this.articles = new ArticleQueries(sql);
    this.links = new LinkQueries(sql);
    this.state = new StateQueries(sql);
    this.lists = new ListQueries(sql);
  }

  /** Resolves once the database is reachable and migrated (every method waits for it anyway). */
  get ready(): Promise<void> {
    return this.shared.ready;
  }

  private async read<T>(operation: () => Promise<T>): Promise<T> {
    this.checkHandle();
    await this.shared.ready;
    return operation();
  }

  /** Through a handle: at once. On the store itself: a transaction of its own. */
  private async write<T>(operation: (on: PostgresStore) => Promise<T>): Promise<T> {
    this.checkHandle();
    if (this.transactionOf) return operation(this);
    return this.transaction((tx) => operation(tx as PostgresStore));
  }

  private checkHandle(): void {
    if (this.transactionOf) {
      if (!this.transactionOf.open) throw createError('BAD_USAGE', 'this transaction handle was used after its transaction ended');
      return;
    }
    if (this.shared.context.getStore()?.open) throw createError('BAD_USAGE', 'inside store.transaction(fn), use the handle fn receives, not the store');
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.transactionOf) throw createError('BAD_USAGE', 'transactions do not nest: inside one, use its handle');
    this.checkHandle();
    await this.shared.ready;
    const client = await this.shared.pool.connect();
    const open: OpenTransaction = { open: true };
    let broken: Error | undefined;
    // The server dropping the connection mid-transaction: the statement in flight fails with it, so
    // the event needs no more than keeping (an unheard 'error' event would end the process).
    const dropped = (error: Error) => (broken = error);
    client.on('error', dropped);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const result = await this.shared.context.run(open, () => fn(new PostgresStore(this.shared, sqlOn(client), open)));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      open.open = false;
      client.off('error', dropped);
      // A connection that failed (or failed to roll back) is not handed out again.
      client.release(broken);
    }
  }

  /** Three statements for the whole batch: the articles, then the entities and quotes of those that were new. */
  private async putArticlesWithParts(entries: readonly ArticleWithParts[]): Promise<boolean[]> {
    for (const { article, quotes } of entries) refuseStrayQuotes(article.id, quotes);
    const added = await this.articles.putMany(entries.map((e) => e.article));
    const fresh = entries.filter((_, i) => added[i]);
    await this.links.insertEntities(fresh.map((e) => ({ articleId: e.article.id, entities: e.entities })));
    await this.links.insertQuotes(fresh.flatMap((e) => e.quotes));
    return added;
  }

  /** A session lock on a connection of its own, kept while the store is open; a lost connection loses it (the server releases it too). */
  async claimAnalysis(): Promise<boolean> {
    this.checkHandle();
    const shared = this.shared;
    if (shared.claim) return true;
    await shared.ready;
    const client = await shared.pool.connect();
    let held = false;
    try {
      held = (await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [ANALYSIS_LOCK])).rows[0].held;
    } finally {
      if (!held) client.release();
    }
    if (!held) return false;
    const lost = (error: Error) => {
      if (shared.claim !== client) return;
      shared.claim = null;
      client.release(error);
    };
    client.on('error', lost);
    shared.claim = client;
    return true;
  }

  async close(): Promise<void> {
    if (this.transactionOf) throw createError('BAD_USAGE', 'close the store, not a transaction handle');
    await this.shared.ready.catch(() => undefined);
    const claim = this.shared.claim;
    this.shared.claim = null;
    if (claim) {
      // Unlocked before the connection ends, so another store can claim at once (the server ends the
      // session, and with it the lock, only some time after the connection closes).
      await claim.query('SELECT pg_advisory_unlock($1)', [ANALYSIS_LOCK]).catch(() => undefined);
      claim.release(true);
    }
    await this.shared.pool.end();
  }

  putArticle = (article: Article): Promise<boolean> => this.write((s) => s.articles.put(article));
  putArticles = (entries: readonly ArticleWithParts[]): Promise<boolean[]> => this.write((s) => s.putArticlesWithParts(entries));
  getArticle = (id: string): Promise<Article | undefined> => this.read(() => this.articles.get(id));
  getArticles = (ids: readonly string[]): Promise<Article[]> => this.read(() => this.articles.getMany(ids));
  getArticleSummaries = (ids: readonly string[]): Promise<ArticleSummary[]> => this.read(() => this.articles.getSummaries(ids));
  resolveArticle = (ref: string): Promise<ArticleResolution> => this.read(() => this.articles.resolve(ref));
  hasArticle = (id: string): Promise<boolean> => this.read(() => this.articles.has(id));
  listArticles = (page?: Page): Promise<ArticleSummary[]> => this.read(() => this.articles.list(page));
  countArticles = (): Promise<number> => this.read(() => this.articles.count());
  search = (query: string, page?: Page): Promise<SearchHit[]> => this.read(() => this.articles.search(query, page));

  listOutlets = (page?: Page): Promise<OutletCount[]> => this.read(() => this.articles.listOutlets(page));
  countOutlets = (): Promise<{ outlets: number; unknown: number }> => this.read(() => this.articles.countOutlets());

  putQuarantine = (record: QuarantineRecord): Promise<void> => this.write((s) => s.articles.putQuarantine(record));
  listQuarantine = (page?: Page): Promise<QuarantineRecord[]> => this.read(() => this.articles.listQuarantine(page));
  countQuarantine = (): Promise<number> => this.read(() => this.articles.countQuarantine());

  putRelation = (relation: Relation): Promise<void> => this.write((s) => s.links.putRelation(relation));
  listRelations = (articleId?: string, page?: Page): Promise<Relation[]> => this.read(() => this.links.listRelations(articleId, page));
  relationsAmong = (ids: readonly string[]): Promise<RelationEnds[]> => this.read(() => this.links.relationsAmong(ids));
  countRelations = (): Promise<number> => this.read(() => this.links.countRelations());

  putEvent = (event: StoryEvent): Promise<void> => this.write((s) => s.links.putEvent(event));
  deleteEvent = (id: string): Promise<void> => this.write((s) => s.links.deleteEvent(id));
  listEvents = (page?: Page): Promise<StoryEvent[]> => this.read(() => this.links.listEvents(page));
  countEvents = (): Promise<number> => this.read(() => this.links.countEvents());
  getEvent = (id: string): Promise<StoryEvent | undefined> => this.read(() => this.links.getEvent(id));
  eventOfArticle = (articleId: string): Promise<string | undefined> => this.read(() => this.links.eventOfArticle(articleId));
  putEventHeader = (header: EventHeader): Promise<void> => this.write((s) => s.links.members.putEventHeader(header));
  addEventMember = (eventId: string, reason: JoinReason): Promise<void> => this.write((s) => s.links.members.addEventMember(eventId, reason));
  mergeEvent = (from: string, into: string, note: string, score: number): Promise<void> =>
    this.write((s) => s.links.members.mergeEvent(from, into, note, score));

  putStoryline = (storyline: Storyline): Promise<void> => this.write((s) => s.links.putStoryline(storyline));
  applyStorylineChanges = (changes: readonly StorylineChange[]): Promise<void> => this.write((s) => s.links.members.applyStorylineChanges(changes));
  deleteStoryline = (id: string): Promise<void> => this.write((s) => s.links.deleteStoryline(id));
  listStorylines = (page?: Page): Promise<Storyline[]> => this.read(() => this.links.listStorylines(page));
  countStorylines = (): Promise<number> => this.read(() => this.links.countStorylines());
  getStoryline = (id: string): Promise<Storyline | undefined> => this.read(() => this.links.getStoryline(id));

  putQuotes = (articleId: string, quotes: Quote[]): Promise<void> => this.write((s) => s.links.putQuotes(articleId, quotes));
  listQuotes = (articleId?: string): Promise<Quote[]> => this.read(() => this.links.listQuotes(articleId));
  addQuoteVariant = (group: QuoteGroupHeader, variant: QuoteVariantRecord): Promise<void> => this.write((s) => s.links.addQuoteVariant(group, variant));
  listQuoteGroups = (page?: Page, filter?: QuoteGroupFilter): Promise<QuoteGroup[]> => this.read(() => this.links.listQuoteGroups(page, filter));
  countQuoteGroups = (filter?: QuoteGroupFilter): Promise<number> => this.read(() => this.links.countQuoteGroups(filter));

  putEntities = (articleId: string, entities: Entity[]): Promise<void> => this.write((s) => s.links.putEntities(articleId, entities));
  listEntities = (articleId?: string): Promise<Entity[]> => this.read(() => this.links.listEntities(articleId));

  queryArticles = (query: ArticleQuery): Promise<Listed<ArticleSummary>> => this.read(() => this.lists.articles(query));
  queryRelations = (query: RelationQuery): Promise<Listed<Relation>> => this.read(() => this.lists.relations(query));
  queryEvents = (query: EventQuery): Promise<Listed<EventSummary>> => this.read(() => this.lists.events(query));
  queryStorylines = (query: StorylineQuery): Promise<Listed<StorylineSummary>> => this.read(() => this.lists.storylines(query));
  queryQuoteGroups = (query: QuoteQuery): Promise<Listed<QuoteGroup>> => this.read(() => this.lists.quoteGroups(query));

  getRows = (ns: string, keys: readonly string[]): Promise<Map<string, Uint8Array>> => this.read(() => this.state.getRows(ns, keys));
  putRows = (ns: string, rows: ReadonlyArray<readonly [string, Uint8Array | null]>): Promise<void> => this.write((s) => s.state.putRows(ns, rows));
  addBuckets = (seq: number, keys: Int32Array): Promise<void> => this.write((s) => s.state.addBuckets(seq, keys));
  lookupBuckets = (keys: Int32Array, perKey: number): Promise<Int32Array> => this.read(() => this.state.lookupBuckets(keys, perKey));
  lookupOlderBuckets = (keys: Int32Array, perKey: number, below: number): Promise<Int32Array> => this.read(() => this.state.lookupOlderBuckets(keys, perKey, below));
  scanBuckets = (after: readonly [number, number] | null, limit: number): Promise<Int32Array> => this.read(() => this.state.scanBuckets(after, limit));
  pendingAnalysis = (limit: number): Promise<PendingArticle[]> => this.read(() => this.state.pendingAnalysis(limit));
  countPendingAnalysis = (): Promise<number> => this.read(() => this.state.countPendingAnalysis());
  markAnalysed = (outcomes: readonly AnalysisOutcome[]): Promise<void> =>
    this.write((s) => s.state.markAnalysed(outcomes, (failed) => s.articles.putQuarantine(failed.error)));
  resetAnalysis = (): Promise<void> => this.write((s) => s.state.resetAnalysis());
}

/** True for the locations this store opens (`postgres://` and `postgresql://` URLs). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the PostgreSQL database at `url` (postgres://user@host:port/db). Returns at once; the first
 * call connects and brings the schema up to date, and fails with the reason when it cannot.
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  const where = redact(url);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 8, types: NUMBER_TYPES });
  // A pooled connection the server dropped while idle is discarded and replaced on next use.
  pool.on('error', () => undefined);
  const ready = (async () => {
    const client = await pool.connect().catch((error: Error) => {
      throw createError('DB_UNREACHABLE', where, error.message);
    });
    try {
      await migrate(client, where);
    } finally {
      client.release();
    }
  })();
  ready.catch(() => undefined);
  return new PostgresStore({ pool, ready, context: new AsyncLocalStorage(), claim: null });
}
