/**
 * V8 CPU profiles of the main thread over chosen stretches of a long ingest: from each point (analysed
 * articles) for a given number of articles more, each written to PREFIX-POINT.cpuprofile. A stretch late
 * in a stream against one early in it shows what grows, with the caches as warm as the stream keeps them.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { IngestProgress } from '../../src/pipeline/ingest.js';

export class ProfilePoints {
  private readonly session = new Session();
  private readonly waiting: number[];
  private running: { from: number; until: number } | null = null;
  private work: Promise<void> = Promise.resolve();
  /** Profiles written, with the articles each covers. */
  readonly written: Array<{ file: string; from: number; to: number }> = [];

  constructor(
    points: readonly number[],
    private readonly articles: number,
    private readonly prefix: string,
  ) {
    this.waiting = [...points].sort((a, b) => a - b);
    this.session.connect();
  }

  onProgress(progress: IngestProgress): void {
    if (progress.phase !== 'analyze') return;
    const done = progress.done;
    if (this.running && done >= this.running.until) this.stop(done);
    if (!this.running && this.waiting.length > 0 && done >= this.waiting[0]!) {
      const from = done;
      while (this.waiting.length > 0 && this.waiting[0]! <= done) this.waiting.shift();
      this.running = { from, until: from + this.articles };
      this.queue(async () => {
        await this.session.post('Profiler.enable');
        await this.session.post('Profiler.start');
      });
    }
  }

  /** Stops a profile still running (at `done` articles) and waits for every file to be written. */
  async finish(done: number): Promise<void> {
    if (this.running) this.stop(done);
    await this.work;
    this.session.disconnect();
  }

  private stop(done: number): void {
    const from = this.running!.from;
    this.running = null;
    this.queue(async () => {
      const { profile } = await this.session.post('Profiler.stop');
      const file = `${this.prefix}-${from}.cpuprofile`;
      writeFileSync(file, JSON.stringify(profile));
      this.written.push({ file, from, to: done });
    });
  }

  private queue(step: () => Promise<void>): void {
    this.work = this.work.then(step).catch((error: unknown) => console.error(`profile: ${error instanceof Error ? error.message : String(error)}`));
  }
}
