/** Dates and durations as the console shows them: UTC, so every viewer reads the same time. */
export function formatDateTime(date: Date | string): string {
  return `${new Date(date).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds} s`;
}
