/** Nearest-rank percentile of unsorted samples (as the event-log bench computes it). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function sum(samples: readonly number[]): number {
  return samples.reduce((total, value) => total + value, 0);
}
