/**
 * Wall and CPU time at every `window` analysed articles, from the ingest's progress callback, and
 * the cost of each window per article: flat cost means the last window costs about what the first
 * did once warmed up (the first window, with JIT warm-up and empty indexes, is skipped).
 */
import type { IngestProgress } from '../../src/pipeline/ingest.js';
import { mainThreadCpuSeconds } from './process-cpu.js';

export interface WindowCost {
  /** Analysed articles at the end of the window. */
  upTo: number;
  articles: number;
  articlesPerSecond: number;
  wallMsPerArticle: number;
  cpuMsPerArticle: number;
  /** The main thread's share: it runs the ordered steps, so it bounds the wall time. */
  mainThreadCpuMsPerArticle: number;
  /** Resident memory at the end of the window, to tell a fixed cost from growth. */
  rssMiB: number;
}

interface Mark {
  done: number;
  wallMs: number;
  cpuMs: number;
  mainCpuMs: number;
  rss: number;
}

export class AnalyzeWindows {
  private readonly marks: Mark[] = [];
  /** When the read phase ended (the first analyse progress), in ms since `start`. */
  readEndedMs: number | null = null;
  private readonly startWall = performance.now();
  private last = 0;

  constructor(private readonly window: number) {}

  onProgress(progress: IngestProgress): void {
    if (progress.phase !== 'analyze') return;
    if (this.marks.length === 0) {
      this.readEndedMs = performance.now() - this.startWall;
      this.marks.push(this.mark(0));
    }
    if (progress.done % this.window === 0) this.marks.push(this.mark(progress.done));
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
      const articles = to.done - from.done;
      if (articles <= 0) continue;
      const wall = to.wallMs - from.wallMs;
      out.push({
        upTo: to.done,
        articles,
        articlesPerSecond: Math.round((articles * 1000) / wall),
        wallMsPerArticle: round(wall / articles),
        cpuMsPerArticle: round((to.cpuMs - from.cpuMs) / articles),
        mainThreadCpuMsPerArticle: round((to.mainCpuMs - from.mainCpuMs) / articles),
        rssMiB: Math.round(to.rss / 2 ** 20),
      });
    }
    return out;
  }

  /** Last full window's cost over the second window's (wall and CPU); null with fewer than 3 full windows. */
  flatness(): { wall: number; cpu: number } | null {
    const full = this.windows().filter((w) => w.articles === this.window);
    if (full.length < 3) return null;
    const first = full[1]!;
    const last = full[full.length - 1]!;
    return { wall: round(last.wallMsPerArticle / first.wallMsPerArticle), cpu: round(last.cpuMsPerArticle / first.cpuMsPerArticle) };
  }

  private mark(done: number): Mark {
    const cpu = process.cpuUsage();
    return { done, wallMs: performance.now() - this.startWall, cpuMs: (cpu.user + cpu.system) / 1000, mainCpuMs: mainThreadCpuSeconds() * 1000, rss: process.memoryUsage().rss };
  }
}

function round(value: number): number {
  return Number(value.toFixed(2));
}
