import { jetstream, jetstreamManager, type Consumer, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { resolveOptions } from '../core/config.js';
import { createError } from '../core/errors.js';
import type { QuarantineRecord } from '../core/types.js';
import { analyzePending, flushAnalysis } from '../pipeline/analyze.js';
import { AnalysisState } from '../pipeline/analysis-state.js';
import type { PreparedParts } from '../pipeline/analyze-article.js';
import { storeBatch, type IngestSummary } from '../pipeline/ingest.js';
import { prepareArticle, type Prepared } from '../pipeline/prepare.js';
import { InOrder } from './in-order.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { connectQueue, CONSUMER, decodeRecord, DEFAULT_LIMITS, encodeRecord, ensureQueue, FAILED_SUBJECT, STREAM, type QueueLimits } from './queue.js';

export interface WorkerOptions {
  /** nats://host:port of the queue. */
  queue: string;
  /** The store: postgres://... for several machines (a SQLite file serves processes on one machine). */
  db: string;
  /** Records taken and stored per transaction. @default 64 */
  batch?: number;
  /** Only the per-article stages and storing: the ordered step is left to workers that run it. @default false */
  skipAnalysis?: boolean;
  /** Exit once the queue and the analysis queue have been empty this long, in ms (default: run until stopped). */
  exitWhenIdleMs?: number;
  limits?: Partial<QueueLimits>;
  /** Stops the worker after the batch in hand. */
  signal?: AbortSignal;
  onLog?: (line: string) => void;
}

export interface WorkerSummary extends Omit<IngestSummary, 'read' | 'errors' | 'warnings' | 'totals' | 'found'> {
  /** Records taken from the queue (redeliveries included). */
  received: number;
  /** Records that failed every delivery: quarantined, and kept on the failed stream. */
  failed: number;
}

/** How long a worker waits before taking a record again after the store failed, in ms. */
const RETRY_MS = 500;
/** Longest a worker keeps asking a queue server that does not answer (restarting, or unreachable) before it gives up. */
const QUEUE_PATIENCE_MS = 120_000;
/** Longest a fetch waits for records, in ms (the client's least). */
const FETCH_MS = 1000;
/** How long a worker that holds records waiting their turn sleeps between looks at the stream, at least and at most, in ms. */
const TURN_MS = [10, 100] as const;
/** Batches a worker holds prepared at most while it waits for earlier records to be stored: more would leave other workers idle. */
const HOLD_BATCHES = 2;
/** How long the oldest record may stay unstored before a worker that holds its fill takes one more record anyway, in ms (a redelivered one comes first). */
const STUCK_MS = 1000;
/** How often a worker that does not run the ordered step asks whether it may, in ms. */
const CLAIM_MS = 1000;

/**
 * `wiretrace worker`: takes records from the work queue a batch at a time, runs the per-article
 * stages, stores the batch in one transaction and only then acknowledges it (a worker killed before
 * that leaves the records to be redelivered; the content hash makes storing one twice a no-op).
 * Records are stored in the order they were published (see InOrder), so the store order, and with it
 * the result, is the embedded pipeline's for the same inputs, whatever was redelivered or retried.
 * Then, when it is the worker that claimed the ordered step (one at a time does), it runs it on
 * whatever is pending in the store, in checkpoints that each take the store's write lock: any number
 * of workers prepare in parallel while linking, clustering, storylines and quote groups run one
 * checkpoint at a time, in store order.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const limits: QueueLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.onLog ?? (() => undefined);
  const nc = await connectQueue(options.queue, true);
  const store = openStore(options.db);
  const summary: WorkerSummary = { received: 0, added: 0, duplicates: 0, quarantined: 0, analysed: 0, failed: 0 };
  try {
    // A worker started while nats-server restarts waits for it: its first calls time out, they do not end the worker.
    await whenQueueAnswers(() => ensureQueue(nc, limits), log);
    const consumer = await whenQueueAnswers(() => jetstream(nc).consumers.get(STREAM, CONSUMER), log);
    const jsm = await whenQueueAnswers(() => jetstreamManager(nc), log);
    const settings = resolveOptions();
    const held = new InOrder<QueueItem>();
    const batch = options.batch ?? 64;
    const turn = new Turn();
    const claim = new AnalysisClaim(store, log);
    const state = new AnalysisState(store, settings);
    /** What this worker prepared for articles it stored, so its own ordered step need not compute it again. */
    const parts = new Map<string, PreparedParts>();
    let idleSince = performance.now();
    while (!options.signal?.aborted) {
      const queue = await lookAtQueue(jsm, held.size < batch * HOLD_BATCHES ? consumer : null, log);
      const run = queue === null ? [] : held.takeRun(queue.first);
      if (run.length > 0) await storeMessages(nc, store, run, { summary, parts, limits, log });
      const messages = await take(consumer, wanted(held.size, batch, queue, turn), FETCH_MS, log);
      summary.received += messages.length;
      for (const m of messages) held.add(m, prepare(m, settings.numPerm));
      if (run.length === 0 && messages.length === 0 && held.size > 0) await sleep(turn.pause());
      held.keepAlive(limits.ackWaitMs / 3);
      if (messages.length > 0) idleSince = performance.now();
      const analysed = options.skipAnalysis || !(await claim.held()) ? 0 : await analyse(store, state, parts, summary, log);
      parts.clear();
      if (messages.length > 0 || analysed > 0) idleSince = performance.now();
      else if (options.exitWhenIdleMs !== undefined && performance.now() - idleSince >= options.exitWhenIdleMs && (await allDone(consumer, options.skipAnalysis ? null : store))) break;
    }
    // The rows this worker's ordered step held back are written before it goes, when it may write them.
    if (state.holdsDeferred && (await claim.held())) await flushAnalysis(store, state);
  } finally {
    await store.close().catch(() => undefined);
    await nc.drain().catch(() => undefined);
  }
  return summary;
}

/** The stream's oldest record not stored yet, and how many records no worker has taken yet. */
interface QueueLook {
  first: number;
  untaken: number;
}

/** Both in one round trip's time, or only the first without `consumer` (null when the server cannot say right now). */
async function lookAtQueue(jsm: JetStreamManager, consumer: Consumer | null, log: (line: string) => void): Promise<QueueLook | null> {
  try {
    const [stream, info] = await Promise.all([jsm.streams.info(STREAM), consumer?.info(false)]);
    return { first: stream.state.first_seq, untaken: info?.num_pending ?? 0 };
  } catch (error) {
    log(`queue: ${(error as Error).message}; retrying`);
    return null;
  }
}

/**
 * How many records to take: no more than are there to take (a fetch waits a second for a batch it
 * cannot fill), or a batch when there are none and the worker holds none (it then waits for work);
 * while records wait their turn, no more than HOLD_BATCHES batches in all, so the other workers get
 * their share; one more when the oldest record has not moved for a while: if it is a redelivery (its worker
 * died), it comes first.
 */
function wanted(holding: number, batch: number, queue: QueueLook | null, turn: Turn): number {
  if (queue !== null) turn.saw(queue.first);
  if (holding === 0) return queue !== null && queue.untaken > 0 ? Math.min(batch, queue.untaken) : batch;
  const room = Math.min(batch, batch * HOLD_BATCHES - holding, queue?.untaken ?? 0);
  return room > 0 ? room : turn.stuck() ? 1 : 0;
}

/** Watches the stream's oldest unstored record: `stuck` once it has not moved for STUCK_MS (and then at most once per STUCK_MS). */
class Turn {
  private first = -1;
  private since = performance.now();

  saw(first: number): void {
    if (first === this.first) return;
    this.first = first;
    this.since = performance.now();
  }

  stuck(): boolean {
    if (performance.now() - this.since < STUCK_MS) return false;
    this.since = performance.now();
    return true;
  }

  /** How long to wait before looking again: a quarter of the time the oldest record has not moved, within TURN_MS. */
  pause(): number {
    return Math.min(TURN_MS[1], Math.max(TURN_MS[0], (performance.now() - this.since) / 4));
  }
}

/** A taken record, prepared: an article with its per-article stages run, or a quarantine record. */
type QueueItem = { prepared: Prepared } | { quarantine: QuarantineRecord };

function prepare(m: JsMsg, numPerm: number): QueueItem {
  const record = readRecord(m);
  return 'quarantine' in record ? record : { prepared: prepareArticle(record.doc, { numPerm }) };
}

async function take(consumer: Consumer, max: number, expires: number, log: (line: string) => void): Promise<JsMsg[]> {
  const out: JsMsg[] = [];
  if (max === 0) return out;
  try {
    for await (const m of await consumer.fetch({ max_messages: max, expires })) out.push(m);
  } catch (error) {
    // The server restarting, or a lost connection: the client reconnects; what was taken is redelivered if not acknowledged.
    log(`queue: ${(error as Error).message}; retrying`);
    await sleep(RETRY_MS);
  }
  return out;
}

/** Prepares and stores the records of one fetch; acknowledges them once the transaction committed. */
interface BatchContext {
  summary: WorkerSummary;
  parts: Map<string, PreparedParts>;
  limits: QueueLimits;
  log: (line: string) => void;
}

type Held = { m: JsMsg; item: QueueItem };

/**
 * Stores the records of one fetch in one transaction and acknowledges them once it committed. When
 * the batch fails, each record is tried alone, so one record the store refuses does not hold back
 * the others: it alone is delivered again, and after its last delivery quarantined.
 */
async function storeMessages(nc: NatsConnection, store: Store, messages: Held[], context: BatchContext): Promise<void> {
  if (messages.length > 1) {
    if (await storeTogether(store, messages, context)) return;
    context.log(`store: batch of ${messages.length} failed; storing its records one by one`);
  }
  for (const held of messages) {
    const { m } = held;
    const error = await storeTogether(store, [held], context).then(() => null, (e: unknown) => e);
    if (error === null) continue;
    if (m.info.deliveryCount >= context.limits.maxDeliver) await deadLetter(nc, store, m, error, context.summary);
    else m.nak(RETRY_MS);
  }
}

/** True when the records were stored and acknowledged; false (or, for one record, its error) when the store refused. */
async function storeTogether(store: Store, messages: Held[], { summary, parts, log }: BatchContext): Promise<boolean> {
  const prepared: Prepared[] = [];
  const held: QuarantineRecord[] = [];
  for (const { item } of messages) {
    if ('quarantine' in item) held.push(item.quarantine);
    else prepared.push(item.prepared);
  }
  const none = { links: 0, events: 0, storylines: 0 };
  const stored: IngestSummary = { read: 0, added: 0, duplicates: 0, quarantined: 0, analysed: 0, errors: [], warnings: [], totals: none, found: none };
  try {
    await storeBatch(store, prepared, held, stored, parts);
  } catch (error) {
    if (messages.length === 1) throw error;
    log(`store: ${(error as Error).message}`);
    return false;
  }
  for (const { m } of messages) m.ack();
  summary.added += stored.added;
  summary.duplicates += stored.duplicates;
  summary.quarantined += stored.quarantined;
  return true;
}

/** A record a worker cannot even decode is quarantined as such: it is not the queue's to retry. */
function readRecord(m: JsMsg): ReturnType<typeof decodeRecord> {
  try {
    return decodeRecord(m.data);
  } catch (error) {
    const bad = createError('INTERNAL', `queue record ${m.seq}: not a wiretrace record (${(error as Error).message})`);
    return { quarantine: { origin: `${STREAM}#${m.seq}`, code: bad.code, message: bad.message, excerpt: '' } };
  }
}

/**
 * A record that failed its last delivery: kept on the failed stream with its error (so nothing is
 * lost even when the store is what keeps failing), quarantined in the store when it can be, and
 * acknowledged: it is handled, and a work queue drops what is acknowledged.
 */
async function deadLetter(nc: NatsConnection, store: Store, m: JsMsg, cause: unknown, summary: WorkerSummary): Promise<void> {
  const record = readRecord(m);
  const origin = 'doc' in record ? record.doc.origin : record.quarantine.origin;
  const error = createError('INTERNAL', `${origin}: failed ${m.info.deliveryCount} deliveries (${(cause as Error).message ?? String(cause)})`.slice(0, 400));
  const quarantined: QuarantineRecord = { origin, code: error.code, message: error.message, excerpt: '' };
  // Not acknowledged before it is kept: past its last delivery the server would not hand it out again.
  await whenQueueAnswers(() => jetstream(nc).publish(FAILED_SUBJECT, encodeRecord({ quarantine: quarantined })), () => undefined);
  await store.putQuarantine(quarantined).catch(() => undefined);
  m.ack();
  summary.failed++;
}

/** The ordered step on whatever is pending; a failure (a dropped connection) leaves it pending for the next round. */
async function analyse(store: Store, state: AnalysisState, parts: Map<string, PreparedParts>, summary: WorkerSummary, log: (line: string) => void): Promise<number> {
  try {
    const result = await analyzePending(store, { state, prepared: parts });
    summary.analysed += result.analysed;
    summary.quarantined += result.failed.length;
    return result.analysed;
  } catch (error) {
    log(`analysis: ${(error as Error).message}; retrying`);
    await sleep(RETRY_MS);
    return 1;
  }
}

/**
 * Whether this worker runs the ordered step: one worker at a time does (the first to claim it, until
 * it stops or loses its database connection), the others prepare; they ask again once a second.
 */
class AnalysisClaim {
  private askedAt = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
  ) {}

  async held(): Promise<boolean> {
    if (performance.now() - this.askedAt < CLAIM_MS) return false;
    try {
      if (await this.store.claimAnalysis()) return true;
    } catch (error) {
      this.log(`analysis: ${(error as Error).message}; retrying`);
    }
    this.askedAt = performance.now();
    return false;
  }
}

/** The queue is empty and nothing is in flight; and, unless `analysis` is null, nothing waits for the ordered step. */
async function allDone(consumer: Consumer, analysis: Store | null): Promise<boolean> {
  try {
    const info = await consumer.info(false);
    return info.num_pending === 0 && info.num_ack_pending === 0 && (analysis === null || (await analysis.countPendingAnalysis()) === 0);
  } catch {
    return false;
  }
}

/** `call`'s answer, asked again RETRY_MS apart while the queue server does not answer, for up to QUEUE_PATIENCE_MS. */
async function whenQueueAnswers<T>(call: () => Promise<T>, log: (line: string) => void): Promise<T> {
  const until = performance.now() + QUEUE_PATIENCE_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!unanswered(error) || performance.now() >= until) throw error;
      log(`queue: ${(error as Error).message}; retrying`);
      await sleep(RETRY_MS);
    }
  }
}

/** A call the server did not answer (timed out, or the connection was down or closing), as opposed to one it refused. */
function unanswered(error: unknown): boolean {
  const e = error as Error;
  if (['TimeoutError', 'NoResponders', 'ConnectionError', 'RequestError'].includes(e?.name)) return true;
  // JetStream's own answer while a restarted server recovers its streams.
  return /timeout|timed out|no responders|temporarily unavailable|jetstream not enabled|disconnect|reconnect/i.test(String(e?.message ?? error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
