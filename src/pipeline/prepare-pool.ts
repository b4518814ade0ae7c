import { availableParallelism } from 'node:os';
import { DEFAULT_OPTIONS } from '../core/config.js';
import { createError } from '../core/errors.js';
import type { RawDocument } from '../core/types.js';
import { prepareArticle, type Prepared, type PrepareOptions } from './prepare.js';
import { inSourceOrder } from './prepare-order.js';
import { PrepareThread, type PrepareJob } from './prepare-thread.js';

export interface PreparePoolOptions {
  /** MinHash length of the fingerprints. @default DEFAULT_OPTIONS.numPerm (64) */
  numPerm?: number;
  /**
   * Worker threads; 0 prepares inline on the calling thread (same results, one core).
   * @default os.availableParallelism() - 1, at least 1
   */
  workers?: number;
  /**
   * Most documents `prepareAll` holds at once: read and queued, being prepared, or prepared but
   * waiting for an earlier one to be yielded. @default 4 × workers, at least 4
   */
  maxInFlight?: number;
  /** Heap limit of each worker in MiB; a worker over it dies and its document is quarantined. @default Node's own limit */
  maxWorkerHeapMb?: number;
  /** A document taking longer is quarantined and its worker replaced (workers only; inline has no limit). @default no limit */
  timeoutMs?: number;
  /** The worker script. @default prepare-worker.js beside this module */
  workerUrl?: URL;
}

/**
 * Runs `prepareArticle` (clean, entities, quotes, fingerprint) on worker threads.
 * `submit` prepares one document; `prepareAll` streams a source through the pool and yields in
 * the source's order with bounded memory; `close` ends the workers. A worker that dies on a
 * document (out of memory, over the time limit) costs only that document, which comes back as
 * a quarantine record; a fresh worker takes its place. Idle workers never hold the process open.
 */
export class PreparePool {
  private readonly prepare: PrepareOptions;
  private readonly threads: PrepareThread[] = [];
  private readonly queue: PrepareJob[] = [];
  private readonly maxInFlight: number;
  /** workers: 0 — every document is prepared on the calling thread. */
  private readonly inline: boolean;
  private closed = false;
  /** Set when a worker could not even start: every job from then on is rejected with it. */
  private broken: Error | null = null;

  constructor(private readonly options: PreparePoolOptions = {}) {
    this.prepare = { numPerm: options.numPerm ?? DEFAULT_OPTIONS.numPerm };
    const workers = options.workers ?? Math.max(1, availableParallelism() - 1);
    if (!Number.isInteger(workers) || workers < 0) throw createError('BAD_USAGE', `workers must be a whole number ≥ 0, not ${workers}`);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? Math.max(4, 4 * workers));
    this.inline = workers === 0;
    for (let i = 0; i < workers; i++) this.threads.push(this.spawn());
  }

  /** Worker threads alive now (0 inline, and after close). */
  get workers(): number {
    return this.threads.length;
  }

  /** Prepares one document. Never rejects for a bad document (that is a quarantine record); rejects once closed. */
  submit(raw: RawDocument): Promise<Prepared> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(createError('INTERNAL', 'prepare pool is closed'));
    if (this.inline) return Promise.resolve(prepareArticle(raw, this.prepare));
    return new Promise((resolve, reject) => {
      this.queue.push({ raw, resolve, reject });
      this.dispatch();
    });
  }

  /** Prepares every document of `source`, yielding the results in the source's order. */
  prepareAll(source: AsyncIterable<RawDocument> | Iterable<RawDocument>): AsyncGenerator<Prepared> {
    return inSourceOrder(source, this.maxInFlight, (raw) => this.submit(raw));
  }

  /** Ends the workers; documents not yet prepared are rejected. */
  close(): Promise<void> {
    return this.shutdown(createError('INTERNAL', 'prepare pool closed before the document was prepared'));
  }

  /** Ends the workers, rejecting every document not yet prepared with `reason`. */
  private async shutdown(reason: Error): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(reason);
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.terminate(reason)));
  }

  private spawn(): PrepareThread {
    const url = this.options.workerUrl ?? new URL('./prepare-worker.js', import.meta.url);
    return new PrepareThread(
      { url, prepare: this.prepare, maxHeapMb: this.options.maxWorkerHeapMb, timeoutMs: this.options.timeoutMs },
      { idle: () => this.dispatch(), exit: (thread, startupError) => this.replace(thread, startupError) },
    );
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (thread.idle) thread.run(this.queue.shift()!);
    }
  }

  private replace(dead: PrepareThread, startupError: Error | null): void {
    const at = this.threads.indexOf(dead);
    if (at < 0 || this.closed) return;
    if (startupError) {
      // A replacement would fail the same way: give up rather than respawn forever.
      this.broken = startupError;
      this.threads.splice(at, 1);
      void this.shutdown(startupError);
      return;
    }
    this.threads[at] = this.spawn();
    this.dispatch();
  }
}
