import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
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
import { AsyncMutex } from '../mutex.js';
import type { AnalysisOutcome, ArticleResolution, ArticleWithParts, OutletCount, Page, PendingArticle, QuoteGroupFilter, SearchHit, Store } from '../store.js';
import type { ArticleQuery, EventQuery, EventSummary, Listed, QuoteQuery, RelationQuery, StorylineQuery, StorylineSummary } from '../list-query.js';
import { ArticleTables } from './article-tables.js';
import { QueryTables } from './query-tables.js';
import { LinkTables } from './link-tables.js';
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrations.js';
import { StateTables } from './state-tables.js';
import { Checkpointer } from './checkpointer.js';
import { Statements } from './statements.js';

export interface SqliteStoreOptions {
  /** Open without writing: no migrations, no WAL switch; fails if the file is missing or not current. */
  readonly?: boolean;
  /**
   * LSH bucket entries held in the small table of recent ones before they move to the large one, and
   * the first article seq whose entries go through it (tests make both tiny).
   */
  recentBuckets?: { entries: number; fromSeq: number };
}

/** How long a writer waits for another process's write transaction before failing, in ms. */
const BUSY_TIMEOUT_MS = 60_000;
/**
 * WAL pages (4 KiB each) after which a commit copies them into the database: ~200 MiB of WAL at most.
 * A store that commits often has the copying done on another thread (`Checkpointer`), so this only
 * bounds the WAL; a short-lived store (a one-article CLI call) copies its few hundred pages when it
 * closes. The log starts again from its head only after a checkpoint that copied all of it, and a long
 * ingest begins its next transaction right after each commit, so it is the writer's own checkpoint
 * that lets the log restart, and it copies what the thread has not yet: late in a long ingest one
 * commit writes 10,000-15,000 pages, so at a bound of 10,000 the writer copied nearly every page
 * itself; at 50,000 the thread copies about two commits in three.
 */
const WAL_CHECKPOINT_PAGES = 50_000;

/** One open transaction: its handle works only while it is open. */
interface OpenTransaction {
  open: boolean;
}

/** What a store and its transaction handles share: one connection, one mutex. */
interface Connection {
  st: Statements;
  lock: AsyncMutex;
  /** The transaction whose callback is running in the current async context, if any. */
  context: AsyncLocalStorage<OpenTransaction>;
  /** Checkpoints the WAL on another thread (a writable file's store). */
  checkpointer?: Checkpointer;
  recentBuckets?: SqliteStoreOptions['recentBuckets'];
}

/**
 * The embedded store: one SQLite file (or ':memory:') via better-sqlite3. SQLite answers synchronously;
 * every method returns a promise so callers are written for any store. Transactions take an in-process
 * mutex (two never interleave) and `BEGIN IMMEDIATE` (writers in other processes wait); calls made on the
 * store itself while one is open wait for it, so they never see or join its uncommitted writes.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly connection: Connection;
  private readonly articles: ArticleTables;
  private readonly links: LinkTables;
  private readonly state: StateTables;
  private readonly lists: QueryTables;
  /** Set on a transaction's handle; undefined on the store itself. */
  private readonly transactionOf?: OpenTransaction;

  constructor(db: Database.Database, connection: Connection = newConnection(db), transactionOf?: OpenTransaction) {
    this.db = db;
    this.connection = connection;
    this.transactionOf = transactionOf;
    this.articles = new ArticleTables(this.connection.st);
    this.links = new LinkTables(this.connection.st);
    this.state = new StateTables(this.connection.st, this.connection.recentBuckets?.entries, this.connection.recentBuckets?.fromSeq);
    this.lists = new QueryTables(this.connection.st);
  }

  /** Runs a synchronous operation once no transaction of this store is open (or at once, through a handle). */
  private async run<T>(operation: () => T): Promise<T> {
    if (this.transactionOf) {
      if (!this.transactionOf.open) throw createError('BAD_USAGE', 'this transaction handle was used after its transaction ended');
      return operation();
    }
    if (!this.connection.lock.busy) return operation();
    this.refuseInsideTransaction();
    return this.connection.lock.run(operation);
  }

  /** Waiting for the transaction from inside its own callback would never end: say so instead. */
  private refuseInsideTransaction(): void {
    if (this.connection.context.getStore()?.open) {
      throw createError('BAD_USAGE', 'inside store.transaction(fn), use the handle fn receives, not the store');
    }
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.transactionOf) throw createError('BAD_USAGE', 'transactions do not nest: inside one, use its handle');
    this.refuseInsideTransaction();
    return this.connection.lock.run(async () => {
      const open: OpenTransaction = { open: true };
      const tx = new SqliteStore(this.db, this.connection, open);
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.connection.context.run(open, () => fn(tx));
        this.db.exec('COMMIT');
        this.connection.checkpointer?.committed();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        open.open = false;
      }
    });
  }

  async close(): Promise<void> {
    if (this.transactionOf) throw createError('BAD_USAGE', 'close the store, not a transaction handle');
    await this.connection.lock.run(async () => {
      await this.connection.checkpointer?.close();
      this.connection.st.clear();
      if (this.db.open) this.db.close();
    });
  }

  putArticle = (article: Article): Promise<boolean> => this.run(() => this.articles.put(article));
  putArticles = (entries: readonly ArticleWithParts[]): Promise<boolean[]> =>
    this.run(() =>
      this.connection.st.atomically(() =>
        entries.map(({ article, entities, quotes }) => {
          if (!this.articles.put(article)) return false;
          this.links.putEntities(article.id, entities);
          this.links.putQuotes(article.id, quotes);
          return true;
        }),
      ),
    );
  getArticle = (id: string): Promise<Article | undefined> => this.run(() => this.articles.get(id));
  getArticles = (ids: readonly string[]): Promise<Article[]> => this.run(() => this.articles.getMany(ids));
  getArticleSummaries = (ids: readonly string[]): Promise<ArticleSummary[]> => this.run(() => this.articles.getSummaries(ids));
  resolveArticle = (ref: string): Promise<ArticleResolution> => this.run(() => this.articles.resolve(ref));
  hasArticle = (id: string): Promise<boolean> => this.run(() => this.articles.has(id));
  listArticles = (page?: Page): Promise<ArticleSummary[]> => this.run(() => this.articles.list(page));
  countArticles = (): Promise<number> => this.run(() => this.articles.count());
  search = (query: string, page?: Page): Promise<SearchHit[]> => this.run(() => this.articles.search(query, page));

  listOutlets = (page?: Page): Promise<OutletCount[]> => this.run(() => this.articles.listOutlets(page));
  countOutlets = (): Promise<{ outlets: number; unknown: number }> => this.run(() => this.articles.countOutlets());

  putQuarantine = (record: QuarantineRecord): Promise<void> => this.run(() => this.articles.putQuarantine(record));
  listQuarantine = (page?: Page): Promise<QuarantineRecord[]> => this.run(() => this.articles.listQuarantine(page));
  countQuarantine = (): Promise<number> => this.run(() => this.articles.countQuarantine());

  putRelation = (relation: Relation): Promise<void> => this.run(() => this.links.putRelation(relation));
  listRelations = (articleId?: string, page?: Page): Promise<Relation[]> => this.run(() => this.links.listRelations(articleId, page));
  relationsAmong = (ids: readonly string[]): Promise<RelationEnds[]> => this.run(() => this.links.relationsAmong(ids));
  countRelations = (): Promise<number> => this.run(() => this.links.countRelations());

  putEvent = (event: StoryEvent): Promise<void> => this.run(() => this.links.putEvent(event));
  deleteEvent = (id: string): Promise<void> => this.run(() => this.links.deleteEvent(id));
  listEvents = (page?: Page): Promise<StoryEvent[]> => this.run(() => this.links.listEvents(page));
  countEvents = (): Promise<number> => this.run(() => this.links.countEvents());
  getEvent = (id: string): Promise<StoryEvent | undefined> => this.run(() => this.links.getEvent(id));
  eventOfArticle = (articleId: string): Promise<string | undefined> => this.run(() => this.links.eventOfArticle(articleId));
  putEventHeader = (header: EventHeader): Promise<void> => this.run(() => this.links.members.putEventHeader(header));
  addEventMember = (eventId: string, reason: JoinReason): Promise<void> => this.run(() => this.links.members.addEventMember(eventId, reason));
  mergeEvent = (from: string, into: string, note: string, score: number): Promise<void> =>
    this.run(() => this.links.members.mergeEvent(from, into, note, score));

  putStoryline = (storyline: Storyline): Promise<void> => this.run(() => this.links.putStoryline(storyline));
  applyStorylineChanges = (changes: readonly StorylineChange[]): Promise<void> => this.run(() => this.links.members.applyStorylineChanges(changes));
  deleteStoryline = (id: string): Promise<void> => this.run(() => this.links.deleteStoryline(id));
  listStorylines = (page?: Page): Promise<Storyline[]> => this.run(() => this.links.listStorylines(page));
  countStorylines = (): Promise<number> => this.run(() => this.links.countStorylines());
  getStoryline = (id: string): Promise<Storyline | undefined> => this.run(() => this.links.getStoryline(id));

  putQuotes = (articleId: string, quotes: Quote[]): Promise<void> => this.run(() => this.links.putQuotes(articleId, quotes));
  listQuotes = (articleId?: string): Promise<Quote[]> => this.run(() => this.links.listQuotes(articleId));
  addQuoteVariant = (group: QuoteGroupHeader, variant: QuoteVariantRecord): Promise<void> => this.run(() => this.links.addQuoteVariant(group, variant));
  listQuoteGroups = (page?: Page, filter?: QuoteGroupFilter): Promise<QuoteGroup[]> => this.run(() => this.links.listQuoteGroups(page, filter));
  countQuoteGroups = (filter?: QuoteGroupFilter): Promise<number> => this.run(() => this.links.countQuoteGroups(filter));

  putEntities = (articleId: string, entities: Entity[]): Promise<void> => this.run(() => this.links.putEntities(articleId, entities));
  listEntities = (articleId?: string): Promise<Entity[]> => this.run(() => this.links.listEntities(articleId));

  queryArticles = (query: ArticleQuery): Promise<Listed<ArticleSummary>> => this.run(() => this.lists.articles(query));
  queryRelations = (query: RelationQuery): Promise<Listed<Relation>> => this.run(() => this.lists.relations(query));
  queryEvents = (query: EventQuery): Promise<Listed<EventSummary>> => this.run(() => this.lists.events(query));
  queryStorylines = (query: StorylineQuery): Promise<Listed<StorylineSummary>> => this.run(() => this.lists.storylines(query));
  queryQuoteGroups = (query: QuoteQuery): Promise<Listed<QuoteGroup>> => this.run(() => this.lists.quoteGroups(query));

  getRows = (ns: string, keys: readonly string[]): Promise<Map<string, Uint8Array>> => this.run(() => this.state.getRows(ns, keys));
  putRows = (ns: string, rows: ReadonlyArray<readonly [string, Uint8Array | null]>): Promise<void> => this.run(() => this.state.putRows(ns, rows));
  addBuckets = (seq: number, keys: Int32Array): Promise<void> => this.run(() => this.state.addBuckets(seq, keys));
  lookupBuckets = (keys: Int32Array, perKey: number): Promise<Int32Array> => this.run(() => this.state.lookupBuckets(keys, perKey));
  lookupOlderBuckets = (keys: Int32Array, perKey: number, below: number): Promise<Int32Array> => this.run(() => this.state.lookupOlderBuckets(keys, perKey, below));
  scanBuckets = (after: readonly [number, number] | null, limit: number): Promise<Int32Array> => this.run(() => this.state.scanBuckets(after, limit));
  pendingAnalysis = (limit: number): Promise<PendingArticle[]> => this.run(() => this.state.pendingAnalysis(limit));
  countPendingAnalysis = (): Promise<number> => this.run(() => this.state.countPendingAnalysis());
  claimAnalysis = async (): Promise<boolean> => true;
  markAnalysed = (outcomes: readonly AnalysisOutcome[]): Promise<void> =>
    this.run(() => this.state.markAnalysed(outcomes, (failed) => this.articles.putQuarantine(failed.error)));
  resetAnalysis = (): Promise<void> => this.run(() => this.state.resetAnalysis());
}

/** Opens (creating and upgrading as needed) the SQLite store in `file`, or ':memory:'. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (options.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const version = schemaVersion(db);
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw createError(version > SCHEMA_VERSION ? 'DB_TOO_NEW' : 'DB_TOO_OLD', file, version, SCHEMA_VERSION);
    }
    db.pragma('query_only = ON');
    return new SqliteStore(db);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // A checkpoint copies every page committed since the last (and syncs the file): a long ingest
    // commits thousands of pages a second, so with the default of 1,000 it ran after nearly every
    // commit and copied its hot pages (counters, term frequencies, index nodes) each time.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    db.pragma('foreign_keys = ON');
    // The row counts' triggers must see the rows INSERT OR REPLACE displaces.
    db.pragma('recursive_triggers = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, newConnection(db, db.memory ? undefined : new Checkpointer(db.name), options.recentBuckets));
}

function newConnection(db: Database.Database, checkpointer?: Checkpointer, recentBuckets?: SqliteStoreOptions['recentBuckets']): Connection {
  return { st: new Statements(db), lock: new AsyncMutex(), context: new AsyncLocalStorage(), checkpointer, recentBuckets };
}
