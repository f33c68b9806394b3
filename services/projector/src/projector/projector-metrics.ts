import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface ProjectorMetricSources {
  position(): bigint | null;
  lag(): Promise<{ head: bigint | null; behind: bigint }>;
}

/** The projector's series on `/metrics`; gauges that need the log are read at scrape time. */
export class ProjectorMetrics {
  readonly events: Counter;
  readonly parked: Counter;
  readonly batches: Counter;
  readonly failures: Counter;
  readonly batchSeconds: Histogram;

  constructor(registry: Registry, sources: ProjectorMetricSources) {
    const registers = [registry];
    this.events = new Counter({
      name: 'poise_projector_events_total',
      help: 'Events projected into the read models (parked ones included)',
      registers,
    });
    this.parked = new Counter({
      name: 'poise_projector_parked_total',
      help: 'Events the projector parked (invalid, not upcastable, or unplaceable) instead of projecting',
      registers,
    });
    this.batches = new Counter({
      name: 'poise_projector_batches_total',
      help: 'Batches committed',
      registers,
    });
    this.failures = new Counter({
      name: 'poise_projector_failures_total',
      help: 'Batches that failed to write and were retried from the checkpoint',
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'poise_projector_batch_seconds',
      help: 'Time to project and write one batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    new Gauge({
      name: 'poise_projector_position',
      help: 'Log position of the last event committed to the read models',
      registers,
      collect() {
        this.set(Number(sources.position() ?? 0n));
      },
    });
    // One log read serves both gauges of a scrape.
    let lag: Promise<{ head: bigint | null; behind: bigint }> | undefined;
    const lagForScrape = () => {
      lag ??= sources.lag().finally(() => setTimeout(() => (lag = undefined), 500).unref());
      return lag;
    };
    new Gauge({
      name: 'poise_projector_head_position',
      help: 'Log position of the newest event in the log',
      registers,
      async collect() {
        this.set(Number((await lagForScrape()).head ?? 0n));
      },
    });
    new Gauge({
      name: 'poise_projector_lag',
      help: 'Log positions between the head and the checkpoint (0 when no projected event waits)',
      registers,
      async collect() {
        this.set(Number((await lagForScrape()).behind));
      },
    });
  }
}
