import { type Options } from '../core/config.js';
import { jsonCodec, RowSet, type RowCodec } from '../core/rows.js';
import type { Article } from '../core/types.js';
import { RecentMap } from '../core/recent-map.js';
import type { Store } from '../store/store.js';
import { EventClusterer } from '../cluster/events.js';
import { StorylineBuilder } from '../cluster/storyline-builder.js';
import { QuoteGrouper } from '../extract/quote-groups.js';
import { OutletBoilerplate } from '../clean/outlet-boilerplate.js';
import { BandKeys } from '../fingerprint/bands.js';
import { ResidentBuckets, type ResidentLimits } from './resident-buckets.js';
import { HeldFingerprints } from './held-fingerprints.js';
import { DeferredRows } from './deferred-rows.js';

/**
 * Bumped when the meaning of stored derived state changes (a new row layout, a changed rule): a
 * database analysed by another version is re-analysed from its stored articles, once.
 */
export const DERIVED_VERSION = 12;

/** What the derived rows were computed with, stored beside them. */
interface Settings {
  derivedVersion: number;
  numPerm: number;
  threshold: number;
  eventDaySigma: number;
}

const META = 'meta';
const settingsCodec = jsonCodec<Settings>();
const versionCodec = jsonCodec<number>();
/** Rows written between two breaks for the event loop. */
const COMMIT_SLICE = 2000;
/** Articles kept for their cached alignment analysis. */
const RECENT_ARTICLES = 2048;
const SETTINGS_KEY = 'settings';
const VERSION_KEY = 'version';

/**
 * The ordered step's state in one process: every stage's rows (loaded as articles need them, kept
 * while they stay valid), read through the transaction of the checkpoint in progress. When another
 * writer analysed articles in between (the stored version moved), everything held is forgotten and
 * reloaded row by row.
 */
export class AnalysisState {
  private current: Store;
  readonly rows: RowSet;
  readonly clusterer: EventClusterer;
  readonly storylines: StorylineBuilder;
  readonly quotes: QuoteGrouper;
  /** Paragraphs each outlet repeats across its pages, counted as articles arrive. */
  readonly boilerplate: OutletBoilerplate;
  readonly bands: BandKeys;
  /** Fingerprints by article seq. */
  readonly fingerprints: HeldFingerprints;
  /** The bucket rows in memory, while this process analyses many articles (null: look them up in the store). */
  resident: ResidentBuckets | null = null;
  /** Recently analysed or compared articles: their alignment analysis is cached on the object, so a story's copies reuse it. */
  private readonly recent = new RecentMap<string, Article>(RECENT_ARTICLES);
  /** Articles this process analysed with this state (rolled-back ones included: a rough measure of its work). */
  analysedHere = 0;
  private version = -1;
  /** The stored version when the checkpoint in progress began (-1: none began). */
  private begunAt = -1;
  /** Set once another writer's checkpoint came between two of ours. */
  private shared = false;
  /** Changed rows held back and written many checkpoints' at once (those of tables that say otherwise go at once). */
  private readonly deferred: DeferredRows;

  constructor(store: Store, readonly options: Options, private readonly limits: StateLimits = {}) {
    this.current = store;
    this.deferred = new DeferredRows((ns) => ns === META || this.rows.writesAtOnce(ns), limits.deferredBytes);
    this.rows = new RowSet((ns, keys) => this.deferred.read(ns, keys, (n, k) => this.current.getRows(n, k)), undefined, limits.rowCacheScale ?? 1);
    this.clusterer = new EventClusterer({ daySigma: options.eventDaySigma }, this.rows);
    const cluster = this.clusterer;
    this.storylines = new StorylineBuilder(cluster.state.stats, (ids) => cluster.state.loadIds(ids), (ids) => cluster.eventsOf(ids), this.rows);
    this.quotes = new QuoteGrouper({}, this.rows);
    this.boilerplate = new OutletBoilerplate(this.rows);
    this.bands = new BandKeys({ threshold: options.threshold, numPerm: options.numPerm });
    this.fingerprints = this.rows.attach((source, scale) => new HeldFingerprints(source, scale));
  }

  /**
   * Starts a checkpoint on `tx`: drops what is held when another writer moved the stored version,
   * and resets every derived row when they were computed by another version or with other settings.
   */
  async begin(tx: Store): Promise<void> {
    this.current = tx;
    const meta = await tx.getRows(META, [SETTINGS_KEY, VERSION_KEY]);
    const stored = readRow(settingsCodec, meta.get(SETTINGS_KEY));
    const wanted = this.settings();
    if (!stored || JSON.stringify(stored) !== JSON.stringify(wanted)) {
      // No settings yet: nothing was analysed with rows (a new database, or one the v4 migration cleared).
      if (stored) await tx.resetAnalysis();
      await tx.putRows(META, [[SETTINGS_KEY, settingsCodec.encode(wanted)], [VERSION_KEY, versionCodec.encode(0)]]);
      this.forget();
      this.deferred.cleared();
      // Rolled back, this reset is redone from scratch.
      this.version = 0;
      return;
    }
    const version = readRow(versionCodec, meta.get(VERSION_KEY)) ?? 0;
    if (version !== this.version) {
      if (this.version !== -1) this.shared = true;
      this.forget();
    }
    await this.deferred.load(tx);
    this.version = this.begunAt = version;
  }

  /** Drops every derived row and marks every stored article pending: the next checkpoints analyse them all again. */
  async rebuild(tx: Store): Promise<void> {
    await tx.resetAnalysis();
    await tx.putRows(META, [[SETTINGS_KEY, settingsCodec.encode(this.settings())], [VERSION_KEY, versionCodec.encode(0)]]);
    this.forget();
    this.deferred.cleared();
  }

  /** Writes every changed row through `tx` and moves the version on (end of a checkpoint). */
  async commit(tx: Store, pause?: () => Promise<void>): Promise<void> {
    for (const { ns, rows } of this.rows.drain()) {
      if (this.deferred.defers(ns)) {
        this.deferred.stage(ns, rows);
        continue;
      }
      for (let from = 0; from < rows.length; from += COMMIT_SLICE) {
        await tx.putRows(ns, rows.slice(from, from + COMMIT_SLICE));
        await pause?.();
      }
    }
    await this.deferred.commit(tx, pause);
    this.version++;
    await tx.putRows(META, [[VERSION_KEY, versionCodec.encode(this.version)]]);
  }

  /**
   * Writes every row held back to its place (a checkpoint of its own, through `tx`): when the
   * process that owns this state is done, so that the database holds no redo rows while no writer runs.
   */
  async flush(tx: Store): Promise<void> {
    await this.begin(tx);
    if (this.deferred.pendingBytes === 0) return;
    await this.deferred.flush(tx);
    this.version++;
    await tx.putRows(META, [[VERSION_KEY, versionCodec.encode(this.version)]]);
  }

  /** Whether rows are held back: `flush` has something to write. */
  get holdsDeferred(): boolean {
    return this.deferred.pendingBytes > 0;
  }

  /** Articles by id, the recent ones from memory, in the order asked (missing ones left out). */
  async articles(tx: Store, ids: readonly string[]): Promise<Article[]> {
    const missing = ids.filter((id) => !this.recent.has(id));
    if (missing.length > 0) for (const a of await tx.getArticles(missing)) this.remember(a);
    return ids.flatMap((id) => {
      const a = this.recent.get(id);
      if (!a) return [];
      this.recent.use(id, a);
      return [a];
    });
  }

  /** Keeps `article` among the recent ones (the least recently used are dropped past RECENT_ARTICLES). */
  remember(article: Article): void {
    this.recent.use(article.id, article);
  }

  /** Holds the buckets in memory from now on (loaded through `tx`, at the start of a checkpoint). */
  async holdBuckets(tx: Store): Promise<void> {
    // Another writer's checkpoints would make the held buckets stale again and again: look them up instead.
    if (this.shared) return;
    this.resident ??= await ResidentBuckets.load(tx, this.limits.resident);
    this.resident.settle();
  }

  /** The checkpoint in progress was committed. */
  committed(): void {
    this.resident?.committed();
    this.begunAt = this.version;
  }

  /**
   * The checkpoint in progress was rolled back: the rows held are reloaded as needed, the held
   * buckets forget what it filed, and what the stages staged for the store in it is dropped.
   */
  rollback(): void {
    if (this.begunAt === -1) this.resident = null;
    this.resident?.rollback();
    this.rows.forget();
    this.deferred.reset();
    this.clusterer.state.forget();
    this.storylines.drain();
    this.quotes.added();
    this.version = this.begunAt;
    this.begunAt = -1;
  }

  /** After another writer's checkpoint, or a reset: nothing held is trusted. */
  forget(): void {
    this.resident = null;
    this.begunAt = -1;
    this.rollback();
  }

  private settings(): Settings {
    const o = this.options;
    return { derivedVersion: DERIVED_VERSION, numPerm: o.numPerm, threshold: o.threshold, eventDaySigma: o.eventDaySigma };
  }
}

/** Bounds on what the state holds in memory (tests shrink them to exercise reloading). */
export interface StateLimits {
  /** Scales every row cache's size. @default 1 */
  rowCacheScale?: number;
  resident?: ResidentLimits;
  /** Bytes held for changed rows held back (encoded, and their index) before they are written to their places. @default DEFERRED_BYTES */
  deferredBytes?: number;
}

function readRow<T>(codec: RowCodec<T>, bytes: Uint8Array | undefined): T | undefined {
  return bytes === undefined ? undefined : codec.decode(bytes);
}
