/** Median, p90, max and mean of per-call times in ms (rounded; the mean counts the rare slow call, which the median does not). */
export function percentiles(times: readonly number[]): { medianMs: number; p90Ms: number; maxMs: number; meanMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { medianMs: at(0.5), p90Ms: at(0.9), maxMs: Math.round(sorted[sorted.length - 1]!), meanMs: Math.round(mean * 10) / 10 };
}

/** CPU time of a `process.cpuUsage(start)` difference (user + system, all threads), in ms. */
export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
