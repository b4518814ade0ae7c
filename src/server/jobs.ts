import { randomUUID } from 'node:crypto';
import { createError, isWiretraceError } from '../core/errors.js';
import { ingestBuffers, type IngestOptions, type IngestProgress, type IngestSummary } from '../pipeline/ingest.js';
import type { Store } from '../store/store.js';
import { resolveOptions } from '../core/config.js';
import { AnalysisState } from '../pipeline/analysis-state.js';
import { flushAnalysis } from '../pipeline/analyze.js';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** What GET /api/jobs/{id} answers. */
export interface IngestJob {
  id: string;
  state: JobState;
  /** The phase of the ingest and how far it is: files read of those uploaded, then articles analysed. */
  progress: { phase: IngestProgress['phase']; done: number; total: number };
  /** Once done. */
  summary?: IngestSummary;
  /** Once failed: what went wrong, as the API's error codes say it. */
  error?: { code: string; message: string };
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface IngestJobsOptions {
  /** Jobs remembered, finished ones forgotten oldest first; also the most that may wait at once. @default 100 */
  keep?: number;
  /** Whether uploaded feeds' item links are followed, and where to (off unless `serve --follow-links`). */
  links?: Pick<IngestOptions, 'followLinks' | 'allowPrivateLinks'>;
}

/**
 * Uploads ingested in the background, one after another (the store is single-writer and ingestion
 * is incremental), in an in-memory table of the last `keep` jobs.
 */
export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();
  private readonly keep: number;
  private readonly links: IngestJobsOptions['links'];
  private queue: Promise<void> = Promise.resolve();
  /** One analysis state for every job (they run one after another): an upload finds the rows earlier ones loaded. */
  private readonly analysis: AnalysisState;

  constructor(private readonly store: Store, options: IngestJobsOptions = {}) {
    this.keep = options.keep ?? 100;
    this.links = options.links;
    this.analysis = new AnalysisState(store, resolveOptions());
  }

  /** Queues the files; the job starts once every earlier one has finished. */
  submit(files: UploadedFile[], options: { source?: string } = {}): IngestJob {
    this.forgetFinished();
    if (this.jobs.size >= this.keep) throw createError('TOO_MANY_JOBS', this.keep);
    const job: IngestJob = { id: randomUUID(), state: 'queued', progress: { phase: 'read', done: 0, total: files.length } };
    this.jobs.set(job.id, job);
    this.queue = this.queue.then(() => this.run(job, files, options.source));
    return job;
  }

  get(id: string): IngestJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves once every job submitted so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Waits for the jobs submitted so far, then writes the rows their analysis held back. */
  async close(): Promise<void> {
    await this.queue;
    await flushAnalysis(this.store, this.analysis);
  }

  private async run(job: IngestJob, files: UploadedFile[], source: string | undefined): Promise<void> {
    job.state = 'running';
    try {
      job.summary = await ingestBuffers(this.store, files, {
        source,
        analysis: this.analysis,
        ...this.links,
        onProgress: ({ phase, done, total }) => {
          job.progress = { phase, done, total };
        },
      });
      job.state = 'done';
    } catch (error) {
      if (!isWiretraceError(error)) console.error('wiretrace: an upload failed:', error);
      // An unexpected error's message may name server paths: the job says only that it failed.
      const known = isWiretraceError(error) ? error : createError('INTERNAL', 'the upload could not be ingested (the reason is in the server log)');
      job.error = { code: known.code, message: known.message };
      job.state = 'failed';
    }
  }

  /** Drops the oldest finished jobs until there is room for one more. */
  private forgetFinished(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size < this.keep) return;
      if (job.state === 'done' || job.state === 'failed') this.jobs.delete(id);
    }
  }
}
