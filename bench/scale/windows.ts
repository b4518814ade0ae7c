/**
 * Wall and CPU time at every `window` analysed articles, from the ingest's progress callback, and
 * the cost of each window per article: flat cost means the last window costs about what the first
 * did once warmed up (the first window, with JIT warm-up and empty indexes, is skipped).
 */
import type { IngestProgress } from '../../src/pipeline/ingest.js';
import { bytesWritten, threadCpuSeconds } from './process-cpu.js';

export interface WindowCost {
  /** Analysed articles at the end of the window. */
  upTo: number;
  articles: number;
  articlesPerSecond: number;
  wallMsPerArticle: number;
  cpuMsPerArticle: number;
  /** The main thread's share: it runs the ordered steps, so it bounds the wall time. */
  mainThreadCpuMsPerArticle: number;
  /**
   * The threads the process had before the ingest began, but the main one: V8's helpers, which
   * collect garbage concurrently and compile for every thread's heap.
   */
  helperThreadsCpuMsPerArticle: number;
  /** Each thread started since (the ingest's workers: prepare, alignment, checkpoints), by task id. */
  laterThreadsCpuMsPerArticle: Record<string, number>;
  /** Resident memory at the end of the window, to tell a fixed cost from growth. */
  rssMiB: number;
  /** The main thread's V8 heap in use at the end of the window (what its major collections mark). */
  heapUsedMiB: number;
  /** The main thread's V8 heap as committed (used or not): what it adds to the resident memory. */
  heapTotalMiB: number;
  /** Memory of the process's ArrayBuffers (typed arrays: held buckets and fingerprints, row bytes), outside the heap. */
  arrayBuffersMiB: number;
  /** Bytes written to storage per article (the WAL and its checkpoints into the database file). */
  writtenKiBPerArticle: number;
}

interface Mark {
  done: number;
  wallMs: number;
  cpuMs: number;
  mainCpuMs: number;
  threadMs: Map<number, number>;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  arrayBuffers: number;
  written: number;
}

export class AnalyzeWindows {
  private readonly marks: Mark[] = [];
  /** When the read phase ended (the first analyse progress), in ms since `start`. */
  readEndedMs: number | null = null;
  private readonly startWall = performance.now();
  private last = 0;
  private readonly helpers = new Set([...threadCpuSeconds().keys()].filter((tid) => tid !== process.pid));

  /** `onWindow` hears each full window as it closes: a run stopped before its end still leaves its figures. */
  constructor(
    private readonly window: number,
    private readonly onWindow?: (cost: WindowCost) => void,
  ) {}

  onProgress(progress: IngestProgress): void {
    if (progress.phase !== 'analyze') return;
    if (this.marks.length === 0) {
      this.readEndedMs = performance.now() - this.startWall;
      this.marks.push(this.mark(0));
    }
    if (progress.done % this.window === 0) {
      this.marks.push(this.mark(progress.done));
      this.onWindow?.(this.windowBetween(this.marks[this.marks.length - 2]!, this.marks[this.marks.length - 1]!));
    }
    this.last = progress.done;
  }

  /** Closes the last (partial) window when the ingest has ended. */
  finish(): void {
    if (this.marks.length > 0 && this.last > this.marks[this.marks.length - 1]!.done) this.marks.push(this.mark(this.last));
  }

  windows(): WindowCost[] {
    const out: WindowCost[] = [];
    for (let i = 1; i < this.marks.length; i++) {
      const from = this.marks[i - 1]!;
      const to = this.marks[i]!;
      if (to.done > from.done) out.push(this.windowBetween(from, to));
    }
    return out;
  }

  private windowBetween(from: Mark, to: Mark): WindowCost {
    const articles = to.done - from.done;
    const wall = to.wallMs - from.wallMs;
    return {
      upTo: to.done,
      articles,
      articlesPerSecond: Math.round((articles * 1000) / wall),
      wallMsPerArticle: round(wall / articles),
      cpuMsPerArticle: round((to.cpuMs - from.cpuMs) / articles),
      mainThreadCpuMsPerArticle: round((to.mainCpuMs - from.mainCpuMs) / articles),
      ...this.threadsCost(from, to, articles),
      rssMiB: Math.round(to.rss / 2 ** 20),
      heapUsedMiB: Math.round(to.heapUsed / 2 ** 20),
      heapTotalMiB: Math.round(to.heapTotal / 2 ** 20),
      arrayBuffersMiB: Math.round(to.arrayBuffers / 2 ** 20),
      writtenKiBPerArticle: Math.round((to.written - from.written) / 1024 / articles),
    };
  }

  /** Last full window's cost over the second window's (wall and CPU); null with fewer than 3 full windows. */
  flatness(): { wall: number; cpu: number } | null {
    const full = this.windows().filter((w) => w.articles === this.window);
    if (full.length < 3) return null;
    const first = full[1]!;
    const last = full[full.length - 1]!;
    return { wall: round(last.wallMsPerArticle / first.wallMsPerArticle), cpu: round(last.cpuMsPerArticle / first.cpuMsPerArticle) };
  }

  private threadsCost(from: Mark, to: Mark, articles: number): Pick<WindowCost, 'helperThreadsCpuMsPerArticle' | 'laterThreadsCpuMsPerArticle'> {
    let helpers = 0;
    const later: Record<string, number> = {};
    for (const [tid, ms] of to.threadMs) {
      if (tid === process.pid) continue;
      const spent = ms - (from.threadMs.get(tid) ?? 0);
      if (this.helpers.has(tid)) helpers += spent;
      else if (spent > 0) later[tid] = round(spent / articles);
    }
    return { helperThreadsCpuMsPerArticle: round(helpers / articles), laterThreadsCpuMsPerArticle: later };
  }

  private mark(done: number): Mark {
    const cpu = process.cpuUsage();
    const threadMs = new Map([...threadCpuSeconds()].map(([tid, seconds]) => [tid, seconds * 1000]));
    const memory = process.memoryUsage();
    return { done, wallMs: performance.now() - this.startWall, cpuMs: (cpu.user + cpu.system) / 1000, mainCpuMs: threadMs.get(process.pid)!, threadMs, rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, arrayBuffers: memory.arrayBuffers, written: bytesWritten() };
  }
}

function round(value: number): number {
  return Number(value.toFixed(2));
}
