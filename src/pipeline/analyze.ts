import { resolveOptions, type Options } from '../core/config.js';
import { createError } from '../core/errors.js';
import type { QuarantineRecord } from '../core/types.js';
import type { Store } from '../store/store.js';
import { CorruptRowError } from '../core/rows.js';
import { AnalysisState } from './analysis-state.js';
import { beginArticle, finishArticle, StageError, type LinkedArticle, type PreparedParts } from './analyze-article.js';
import type { AlignThread } from './align-thread.js';

/** Longest a checkpoint runs before it commits: a kill -9 loses at most this much analysis. */
export const CHECKPOINT_MS = 1000;
/** Fewest pending articles for which the buckets are held in memory. */
const RESIDENT_MIN = 1000;
/** Most articles one checkpoint takes from the queue. */
const CHECKPOINT_ARTICLES = 512;
/** Articles linked ahead of the one being finished while an alignment thread works. */
const ALIGN_AHEAD = 2;
/** Longest the ordered step keeps the event loop busy without a break. */
export const YIELD_MS = 20;

/** Lets the event loop run (HTTP requests, worker results) between pieces of work. */
export function breather(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface AnalysisSummary {
  analysed: number;
  /** Articles a stage failed on: quarantined with their error, never pending again. */
  failed: QuarantineRecord[];
}

export interface AnalyzeOptions {
  options?: Partial<Options>;
  /** What the per-article stages already computed, by article id (the rest is read from the store). */
  prepared?: ReadonlyMap<string, PreparedParts>;
  onProgress?: (done: number, total: number, name: string) => void;
  /** Reused across calls in one process, so rows stay loaded between ingests. */
  state?: AnalysisState;
  /** Longest a checkpoint runs before it commits. @default CHECKPOINT_MS */
  checkpointMs?: number;
  /** Aligns candidates on another thread while the next articles are linked (same results). */
  align?: AlignThread;
  /** Holds the LSH buckets in memory (same results); by default only when many articles are pending. */
  holdBuckets?: boolean;
}

/**
 * The ordered step: every stored article not analysed yet, in store order, in checkpoints of at
 * most a second, each one transaction. Writers in other processes wait for a checkpoint, never for
 * a whole ingest; whoever holds the lock analyses the next articles in order, so the result does not
 * depend on how the articles were batched. An article a stage fails on is quarantined with its
 * error, and the checkpoint is redone without it.
 */
export async function analyzePending(store: Store, opts: AnalyzeOptions = {}): Promise<AnalysisSummary> {
  const state = opts.state ?? new AnalysisState(store, resolveOptions(opts.options));
  const summary: AnalysisSummary = { analysed: 0, failed: [] };
  let total = summary.analysed + (await store.countPendingAnalysis());
  // Many articles analysed here compared with those stored: one scan of the buckets beats a look-up per key.
  const work = state.analysedHere + total;
  const resident = opts.holdBuckets ?? (state.resident !== null || (work >= RESIDENT_MIN && work * 10 >= (await store.countArticles()) - total));
  let rebuilt = false;
  for (;;) {
    let done: number;
    try {
      done = await store.transaction((tx) => checkpoint(tx, state, opts, summary, () => total, resident));
      state.committed();
    } catch (error) {
      state.rollback();
      // Rows written by this build that do not decode are a bug, not damage: rebuild once, then say so.
      if (error instanceof CorruptRowError && !rebuilt) {
        rebuilt = true;
        process.emitWarning(`${error.message}; analysing every stored article again`);
        await store.transaction((tx) => state.rebuild(tx));
        total = await store.countPendingAnalysis();
        continue;
      }
      if (!(error instanceof StageError)) throw error;
      summary.failed.push(await quarantine(store, error));
      continue;
    }
    if (done === 0) {
      // A state made for this call ends with it: what it held back is written now.
      if (!opts.state) await flushAnalysis(store, state);
      return summary;
    }
    summary.analysed += done;
    total = Math.max(total, summary.analysed + (await store.countPendingAnalysis()));
  }
}

/** Writes the rows `state` holds back to their places, in a checkpoint of their own (its owner is done with it). */
export async function flushAnalysis(store: Store, state: AnalysisState): Promise<void> {
  if (!state.holdsDeferred) return;
  try {
    await store.transaction((tx) => state.flush(tx));
    state.committed();
  } catch (error) {
    state.rollback();
    throw error;
  }
}

async function checkpoint(
  tx: Store,
  state: AnalysisState,
  opts: AnalyzeOptions,
  summary: AnalysisSummary,
  total: () => number,
  resident: boolean,
): Promise<number> {
  await state.begin(tx);
  if (resident) await state.holdBuckets(tx);
  const pending = await tx.pendingAnalysis(CHECKPOINT_ARTICLES);
  if (pending.length === 0) return 0;
  const started = performance.now();
  let yielded = started;
  const analysed: string[] = [];
  // With an alignment thread, the next articles are linked while the earlier ones' candidates are aligned there.
  const ahead: LinkedArticle[] = [];
  const finish = async (linked: LinkedArticle) => {
    await finishArticle(tx, state, linked);
    state.analysedHere++;
    analysed.push(linked.article.id);
    opts.onProgress?.(summary.analysed + analysed.length, total(), linked.article.name);
  };
  for (const { seq, article } of pending) {
    const now = performance.now();
    if (analysed.length + ahead.length > 0 && now - started >= (opts.checkpointMs ?? CHECKPOINT_MS)) break;
    if (now - yielded >= YIELD_MS) {
      await breather();
      yielded = performance.now();
    }
    ahead.push(await beginArticle(tx, state, seq, article, opts.prepared?.get(article.id), opts.align));
    if (ahead.length > (opts.align ? ALIGN_AHEAD : 0)) await finish(ahead.shift()!);
  }
  for (const linked of ahead.splice(0)) await finish(linked);
  await state.commit(tx, breather);
  await tx.markAnalysed(analysed.map((id) => ({ id, ok: true as const })));
  return analysed.length;
}

async function quarantine(store: Store, failure: StageError): Promise<QuarantineRecord> {
  const { article, stage, failure: cause } = failure;
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  const error = createError('ANALYSIS_FAILED', article.name, stage, detail.slice(0, 300));
  const record = { origin: article.name, code: error.code, message: error.message, excerpt: article.text.slice(0, 200) };
  await store.transaction((tx) => tx.markAnalysed([{ id: article.id, ok: false, error: record }]));
  return record;
}
