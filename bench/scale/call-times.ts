/** Median, p90 and max of per-call times in ms (rounded). */
export function percentiles(times: readonly number[]): { medianMs: number; p90Ms: number; maxMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { medianMs: at(0.5), p90Ms: at(0.9), maxMs: Math.round(sorted[sorted.length - 1]!) };
}

/** CPU time of a `process.cpuUsage(start)` difference (user + system, all threads), in ms. */
export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
