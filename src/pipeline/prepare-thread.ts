import { Worker } from 'node:worker_threads';
import { createError } from '../core/errors.js';
import type { RawDocument } from '../core/types.js';
import { preparationFailure, type Prepared, type PrepareOptions } from './prepare.js';
import { fromTransfer, READY, type WorkerReply } from './prepare-transfer.js';

/** A document waiting to be prepared, and the promise it settles. */
export interface PrepareJob {
  raw: RawDocument;
  resolve: (prepared: Prepared) => void;
  reject: (error: Error) => void;
}

export interface PrepareThreadOptions {
  url: URL;
  prepare: PrepareOptions;
  maxHeapMb?: number;
  timeoutMs?: number;
}

export interface PrepareThreadEvents {
  /** The thread finished a job and can take the next. */
  idle: (thread: PrepareThread) => void;
  /**
   * The thread is gone. `startupError` is set when it died before it was ready (its script
   * could not load): a replacement would die the same way.
   */
  exit: (thread: PrepareThread, startupError: Error | null) => void;
}

/**
 * One worker thread preparing one document at a time. If the thread dies on a document (out of
 * memory, an uncaught error, over `timeoutMs`), that document settles as a quarantine record;
 * the pool replaces the thread. It holds the process open only while it has a job.
 */
export class PrepareThread {
  private readonly worker: Worker;
  private job: PrepareJob | null = null;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private gone = false;
  /** Why the thread is dying, when known before its exit event (error event, timeout). */
  private failure: string | null = null;
  /** Set by terminate(): the job in hand is rejected with it instead of quarantined. */
  private stopReason: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(
    private readonly options: PrepareThreadOptions,
    private readonly events: PrepareThreadEvents,
  ) {
    const resourceLimits = options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : undefined;
    this.worker = new Worker(options.url, { workerData: options.prepare, resourceLimits });
    this.worker.on('message', (reply: WorkerReply) => this.received(reply));
    this.worker.on('error', (error: Error) => {
      this.failure ??= `${error.name}: ${error.message}`;
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code: number) => {
        this.died(code);
        resolve();
      });
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  get idle(): boolean {
    return this.job === null && !this.gone;
  }

  run(job: PrepareJob): void {
    this.job = job;
    this.worker.ref();
    if (this.ready) this.startClock();
    this.worker.postMessage(job.raw);
  }

  /** timeoutMs counts from when the worker can start on the job (loading the worker is not the document's fault). */
  private startClock(): void {
    const limit = this.options.timeoutMs;
    if (limit === undefined) return;
    this.timer = setTimeout(() => {
      this.failure = `took longer than ${limit} ms`;
      void this.worker.terminate();
    }, limit);
  }

  /** Ends the thread; the job in hand, if any, is rejected with `reason`. */
  async terminate(reason: Error): Promise<void> {
    this.stopReason = reason;
    await this.worker.terminate();
    await this.exited;
  }

  private received(reply: WorkerReply): void {
    if (reply === READY) {
      this.ready = true;
      if (this.job) this.startClock();
      return;
    }
    this.settle().resolve(fromTransfer(reply));
    this.events.idle(this);
  }

  private died(code: number): void {
    this.gone = true;
    const reason = this.failure ?? `exit code ${code}`;
    const startupError = this.ready ? null : createError('INTERNAL', `prepare worker could not start: ${reason}`);
    const job = this.job ? this.settle() : null;
    if (job && this.stopReason) job.reject(this.stopReason);
    else if (job && startupError) job.reject(startupError);
    else if (job) job.resolve({ ok: false, error: preparationFailure(job.raw, `worker thread died (${reason})`) });
    if (!this.stopReason) this.events.exit(this, startupError);
  }

  /** Takes the job in hand off the thread. */
  private settle(): PrepareJob {
    const job = this.job!;
    this.job = null;
    clearTimeout(this.timer);
    this.worker.unref();
    return job;
  }
}
