/**
 * WAL checkpoints on a thread of their own, for a store kept open through many write transactions
 * (a server's uploads, a long ingest). SQLite otherwise copies the WAL into the database file inside
 * the commit that passes `wal_autocheckpoint` pages: that commit (one upload in three at SQLite's
 * default of 1,000 pages) then waits tens of milliseconds for the copy and two fsyncs. Here the thread's own connection runs a PASSIVE
 * checkpoint after commits, at most one every CHECKPOINT_EVERY_MS, while the writer goes on; the
 * writer's own auto-checkpoint stays as the bound should the thread fall behind. Durability is
 * SQLite's either way: the thread only copies committed frames.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** Write transactions a store commits before the thread starts: a one-article CLI call (three commits) never starts one. */
const START_AFTER_COMMITS = 16;

export type CheckpointerMessage = 'checkpoint' | 'close';

export interface CheckpointerData {
  file: string;
}

export class Checkpointer {
  private worker: Worker | null = null;
  private commits = 0;
  /** Set once a thread ended on its own: the writer's auto-checkpoint does the work from then on. */
  private gone = false;

  constructor(private readonly file: string) {}

  /** A write transaction committed: the thread copies what the WAL holds, soon. */
  committed(): void {
    if (++this.commits < START_AFTER_COMMITS || this.gone) return;
    this.worker ??= this.start();
    this.worker.postMessage('checkpoint' satisfies CheckpointerMessage);
  }

  /** Stops the thread (its connection closed) before the store's own connection closes. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.gone = true;
    if (!worker) return;
    const exited = once(worker, 'exit');
    // Held open until the thread has closed its connection (it is unref'd while it runs).
    worker.ref();
    worker.postMessage('close' satisfies CheckpointerMessage);
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { file: this.file } satisfies CheckpointerData });
    // A thread that failed (its connection would not open) leaves the work to the writer's auto-checkpoint.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.gone = true;
    });
    worker.unref();
    return worker;
  }
}
