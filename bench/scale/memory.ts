/**
 * Peak resident memory of this process. A timer samples every 50 ms, but a synchronous stage keeps
 * timers from firing, so `sample()` is also called from progress callbacks (at most every 50 ms);
 * the kernel's own high-water mark (`resourceUsage().maxRSS`) is reported beside it.
 */
const INTERVAL_MS = 50;

export class PeakMemory {
  private peak = 0;
  private last = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.take(), INTERVAL_MS);
    this.timer.unref();
  }

  /** Takes a sample unless one was taken in the last 50 ms. */
  sample(): void {
    if (performance.now() - this.last >= INTERVAL_MS) this.take();
  }

  stop(): { sampledPeakMiB: number; maxRssMiB: number } {
    clearInterval(this.timer);
    this.take();
    return { sampledPeakMiB: mib(this.peak), maxRssMiB: mib(process.resourceUsage().maxRSS * 1024) };
  }

  private take(): void {
    this.last = performance.now();
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

/**
 * Heap and ArrayBuffer bytes in use after full collections (node --expose-gc): subtract two of these
 * to see what a structure holds. An ArrayBuffer's memory is freed on a task after the collection that
 * found it dead, hence the wait between the two.
 */
export async function heldBytes(): Promise<{ heap: number; buffers: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

/** Heap and ArrayBuffer bytes `make`'s value holds while alive (made inside this function, so nothing else keeps it); `check` uses it after. */
export async function bytesHeld<T>(make: () => T, check: (value: T) => void): Promise<{ heap: number; buffers: number }> {
  const before = await heldBytes();
  const value = make();
  const after = await heldBytes();
  check(value);
  return { heap: after.heap - before.heap, buffers: after.buffers - before.buffers };
}
