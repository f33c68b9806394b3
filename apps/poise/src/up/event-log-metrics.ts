import type { EventLog, LogStats } from '@poise/event-log';
import { Gauge, type Registry } from 'prom-client';

/** prom-client collects gauges concurrently; one stats read serves every gauge of the same scrape. */
const STATS_REUSE_MS = 1000;

/** Log size gauges, read at scrape time so they cost nothing between scrapes. */
export function registerEventLogMetrics(registry: Registry, log: EventLog): void {
  let cached: { readAt: number; stats: Promise<LogStats> } | undefined;
  const statsForScrape = (): Promise<LogStats> => {
    const now = Date.now();
    if (cached === undefined || now - cached.readAt > STATS_REUSE_MS)
      cached = { readAt: now, stats: log.stats() };
    return cached.stats;
  };
  const gauges: ReadonlyArray<[string, string, (stats: LogStats) => number]> = [
    ['poise_event_log_events', 'Events stored in the event log', (stats) => stats.events],
    ['poise_event_log_streams', 'Streams in the event log', (stats) => stats.streams],
    [
      'poise_event_log_head_position',
      'Global position of the newest event in the log',
      (stats) => Number(stats.headPosition ?? 0n),
    ],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(read(await statsForScrape()));
      },
    });
  }
}
