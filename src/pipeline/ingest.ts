import type { InputFormat, QuarantineRecord, RawDocument } from '../core/types.js';
import { resolveOptions } from '../core/config.js';
import { readInputs, readBuffer, type ReadItem, type ReadOptions } from '../ingest/read.js';
import type { ReadWarning } from '../ingest/warnings.js';
import type { Store } from '../store/store.js';
import { analyzePending, breather, flushAnalysis, YIELD_MS } from './analyze.js';
import { AnalysisState } from './analysis-state.js';
import type { PreparedParts } from './analyze-article.js';
import { PreparePool } from './prepare-pool.js';
import type { Prepared } from './prepare.js';
import { appendAll } from '../core/arrays.js';
import { AlignThread } from './align-thread.js';
import { availableParallelism } from 'node:os';

export interface IngestSummary {
  read: number;
  added: number;
  duplicates: number;
  quarantined: number;
  /** Articles whose ordered analysis (link, cluster, storylines, quote groups) ran in this ingest. */
  analysed: number;
  errors: QuarantineRecord[];
  /** Inputs read with a repair (invalid UTF-8 bytes replaced) or left out on purpose (a named pipe, a README). */
  warnings: ReadWarning[];
  /** How many links (relations), events and storylines the store holds after this ingest... */
  totals: StoreTotals;
  /** ...and how that changed during it (events and storylines can also merge, so a change may be negative). */
  found: StoreTotals;
}

export interface StoreTotals {
  links: number;
  events: number;
  storylines: number;
}

export interface IngestProgress {
  /** Reading and cleaning records, then linking, clustering and extracting the new articles. */
  phase: 'read' | 'analyze';
  done: number;
  /** Known for uploads and for the analyze phase; file walks report 0 while reading. */
  total: number;
  name: string;
}

export interface IngestOptions {
  format?: InputFormat | 'auto';
  maxBytes?: number;
  map?: Record<string, string>;
  /** Read feed items with short content from their links (see ReadOptions.followLinks). @default false */
  followLinks?: boolean;
  /** Let followed links reach loopback and private addresses. @default false */
  allowPrivateLinks?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** The outlet of every article read, in place of what the input says (`--source NPR`). */
  source?: string;
  /** Store only; linking, clustering and quote grouping happen at the next ingest that analyses. */
  skipAnalysis?: boolean;
  /** Worker threads for the per-article stages (0: on this thread). @default cores - 1, at least 1 */
  workers?: number;
  /** Longest one analysis checkpoint (one transaction) runs before it commits, in ms. @default 1000 */
  checkpointMs?: number;
  /**
   * The ordered step's state to keep using, for ingests into this store made one after another (a
   * server's uploads): rows one loaded stay loaded for the next, and are forgotten when another
   * writer analysed in between. @default a fresh one per ingest
   */
  analysis?: AnalysisState;
}

/** Articles stored per write transaction, and the longest a batch waits before it is stored and analysed. */
const STORE_BATCH = 256;
const STORE_BATCH_MS = 1000;

/** Reads files, directories, URLs or `-`, cleans, stores, then links, clusters and groups what is new. */
export async function ingestPaths(store: Store, inputs: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  return consume(store, readInputs(inputs, readOptions(options)), 0, options);
}

/** The same for uploaded files (HTTP ingest). */
export async function ingestBuffers(
  store: Store,
  files: Array<{ name: string; bytes: Uint8Array }>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  async function* all(): AsyncGenerator<ReadItem> {
    for (const file of files) yield* readBuffer(file.name, file.bytes, readOptions(options));
  }
  return consume(store, all(), files.length, options);
}

function readOptions(options: IngestOptions): ReadOptions {
  return {
    format: options.format ?? 'auto',
    maxBytes: options.maxBytes,
    map: options.map,
    followLinks: options.followLinks,
    allowPrivateLinks: options.allowPrivateLinks,
  };
}

/**
 * Per-article stages (clean, entities, quotes, fingerprint) run on worker threads, in input order;
 * their results are stored a batch at a time and the ordered step analyses what is pending after
 * each batch, so memory stays bounded and an interrupted ingest keeps everything up to its last
 * checkpoint.
 */
async function consume(store: Store, items: AsyncGenerator<ReadItem>, total: number, options: IngestOptions): Promise<IngestSummary> {
  const before = await storeTotals(store);
  const summary: IngestSummary = {
    read: 0, added: 0, duplicates: 0, quarantined: 0, analysed: 0, errors: [], warnings: [], totals: before, found: { links: 0, events: 0, storylines: 0 },
  };
  const outlet = options.source?.trim();
  const settings = resolveOptions();
  const state = options.analysis ?? new AnalysisState(store, settings);
  const held: QuarantineRecord[] = [];
  /** Prepared parts of stored articles waiting for the ordered step, so it need not compute them again. */
  const parts = new Map<string, PreparedParts>();
  async function* documents(source: AsyncIterable<ReadItem>): AsyncGenerator<RawDocument> {
    for await (const item of source) {
      if ('warning' in item) {
        summary.warnings.push(item.warning);
        continue;
      }
      summary.read++;
      if ('quarantine' in item) held.push(item.quarantine);
      else {
        options.onProgress?.({ phase: 'read', done: summary.read, total, name: item.doc.name });
        yield outlet ? { ...item.doc, source: outlet } : item.doc;
      }
    }
  }
  let batch: Prepared[] = [];
  let since = performance.now();
  const flush = async () => {
    await storeBatch(store, batch, held, summary, parts);
    batch = [];
    since = performance.now();
    if (!options.skipAnalysis) await analyze(store, state, summary, options, parts, align);
    parts.clear();
  };
  const { pool, source } = await choosePool(items, settings.numPerm, options.workers);
  const align = pool.workers > 0 ? alignThread() : undefined;
  for await (const prepared of pool.prepareAll(documents(source))) {
    batch.push(prepared);
    if (batch.length >= STORE_BATCH || performance.now() - since > STORE_BATCH_MS) await flush();
  }
  await flush();
  if (!options.analysis) await flushAnalysis(store, state);
  summary.totals = await storeTotals(store);
  summary.found = {
    links: summary.totals.links - before.links,
    events: summary.totals.events - before.events,
    storylines: summary.totals.storylines - before.storylines,
  };
  return summary;
}

export async function storeTotals(store: Store): Promise<StoreTotals> {
  return { links: await store.countRelations(), events: await store.countEvents(), storylines: await store.countStorylines() };
}

/** Inputs this small are prepared on the calling thread: starting a worker costs more than they do. */
const INLINE_UP_TO = 32;
const inline = new Map<number, PreparePool>();
const pools = new Map<string, PreparePool>();

/**
 * The per-article stages run on one long-lived pool of worker threads per process (workers start
 * once and warm up once), or inline for a handful of documents. Looks ahead at most INLINE_UP_TO
 * items to decide, and hands back a source that still yields every item.
 */
async function choosePool(items: AsyncGenerator<ReadItem>, numPerm: number, workers?: number): Promise<{ pool: PreparePool; source: AsyncIterable<ReadItem> }> {
  const ahead: ReadItem[] = [];
  let ended = false;
  while (ahead.length <= INLINE_UP_TO) {
    const next = await items.next();
    if (next.done) {
      ended = true;
      break;
    }
    ahead.push(next.value);
  }
  async function* source(): AsyncGenerator<ReadItem> {
    yield* ahead;
    if (!ended) yield* items;
  }
  const count = workers ?? (ended ? 0 : undefined);
  if (count === 0) {
    let pool = inline.get(numPerm);
    if (!pool) inline.set(numPerm, (pool = new PreparePool({ numPerm, workers: 0 })));
    return { pool, source: source() };
  }
  const key = `${numPerm}/${count ?? 'default'}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new PreparePool({ numPerm, workers: count, maxInFlight: 512 })));
  return { pool, source: source() };
}

let sharedAlign: AlignThread | null = null;

/** One alignment thread per process, for ingests big enough to prepare on worker threads (it holds nothing open while idle). */
function alignThread(): AlignThread | undefined {
  if (availableParallelism() < 2) return undefined;
  return (sharedAlign ??= new AlignThread());
}

/** Articles handed to the store at once: a database server stores them in a few statements; between two, the event loop may run. */
const STORE_CHUNK = 32;

/** Stores a batch in one transaction: new articles with their entities and quotes, and what was quarantined (the distributed worker stores its batches with it too). */
export async function storeBatch(store: Store, batch: Prepared[], held: QuarantineRecord[], summary: IngestSummary, parts: Map<string, PreparedParts>): Promise<void> {
  const records = held.splice(0);
  for (const p of batch) if (!p.ok) records.push(p.error);
  const articles = batch.filter((p): p is Extract<Prepared, { ok: true }> => p.ok);
  await store.transaction(async (tx) => {
    for (const record of records) await tx.putQuarantine(record);
    let paused = performance.now();
    for (let from = 0; from < articles.length; from += STORE_CHUNK) {
      if (performance.now() - paused >= YIELD_MS) {
        await breather();
        paused = performance.now();
      }
      const chunk = articles.slice(from, from + STORE_CHUNK);
      const added = await tx.putArticles(chunk.map((p) => ({ article: p.article, entities: p.entities.entities, quotes: p.quotes })));
      chunk.forEach((p, i) => {
        if (!added[i]) return void summary.duplicates++;
        summary.added++;
        parts.set(p.article.id, { entities: p.entities.entities, quotes: p.quotes, fingerprint: p.fingerprint });
      });
    }
  });
  summary.quarantined += records.length;
  appendAll(summary.errors, records);
}

async function analyze(
  store: Store,
  state: AnalysisState,
  summary: IngestSummary,
  options: IngestOptions,
  parts: ReadonlyMap<string, PreparedParts>,
  align: AlignThread | undefined,
): Promise<void> {
  const result = await analyzePending(store, {
    state,
    prepared: parts,
    align,
    checkpointMs: options.checkpointMs,
    onProgress: (done, total, name) => options.onProgress?.({ phase: 'analyze', done: summary.analysed + done, total: summary.analysed + total, name }),
  });
  summary.analysed += result.analysed;
  summary.quarantined += result.failed.length;
  appendAll(summary.errors, result.failed);
}
