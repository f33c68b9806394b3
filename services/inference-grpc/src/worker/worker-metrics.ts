import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type EventOutcome = 'analysed' | 'retried' | 'parked';

export interface WorkerMetrics {
  observe(type: string, outcome: EventOutcome, seconds: number): void;
  setInHand(count: number): void;
}

export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const events = new Counter({
    name: 'poise_inference_worker_events_total',
    help: 'Capture and answer events the inference worker settled, by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'poise_inference_worker_event_duration_seconds',
    help: 'Time from delivery to settlement of one event (media fetch, gRPC call, append), by type',
    labelNames: ['type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const inHand = new Gauge({
    name: 'poise_inference_worker_events_in_hand',
    help: 'Events delivered to the worker and not yet settled',
    registers: [registry],
  });
  return {
    observe(type, outcome, seconds) {
      events.inc({ type, outcome });
      duration.observe({ type }, seconds);
    },
    setInHand(count) {
      inHand.set(count);
    },
  };
}
