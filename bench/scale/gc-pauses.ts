/**
 * The main thread's garbage-collection pauses while a benchmark runs (node's `gc` performance
 * entries): how many and how long, young-generation scavenges apart from the rest (mark-compacts and
 * their incremental steps), to tell allocation churn from work.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface GcPauses {
  minorCount: number;
  minorSeconds: number;
  majorCount: number;
  majorSeconds: number;
}

export class GcPauseCounter {
  private readonly totals: GcPauses = { minorCount: 0, minorSeconds: 0, majorCount: 0, majorSeconds: 0 };
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.count(entry);
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  private count(entry: PerformanceEntry): void {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      this.totals.minorCount++;
      this.totals.minorSeconds += entry.duration / 1000;
    } else {
      this.totals.majorCount++;
      this.totals.majorSeconds += entry.duration / 1000;
    }
  }

  /** The totals so far, seconds to 0.1. */
  stop(): GcPauses {
    this.observer.disconnect();
    const t = this.totals;
    return { minorCount: t.minorCount, minorSeconds: round(t.minorSeconds), majorCount: t.majorCount, majorSeconds: round(t.majorSeconds) };
  }
}

function round(seconds: number): number {
  return Number(seconds.toFixed(1));
}
