/** Percentiles for the benchmarks (nearest rank on a sorted copy). */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function stats(samples: readonly number[]): { median: number; p95: number; p99: number } {
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99) };
}
