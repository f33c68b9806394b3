import { Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('collects default Node metrics under the poise_ prefix', async () => {
    const text = await createMetrics().metrics();
    expect(text).toContain('# TYPE poise_process_cpu_user_seconds_total counter');
    expect(text).toContain('poise_nodejs_eventloop_lag_seconds');
  });

  it('gives every call its own registry, so services in one process do not collide', async () => {
    const projector = createMetrics({ defaultLabels: { service: 'projector' } });
    const capture = createMetrics({ defaultLabels: { service: 'capture' } });
    for (const registry of [projector, capture]) {
      new Counter({ name: 'poise_events_total', help: 'Events handled.', registers: [registry] }).inc();
    }
    expect(await projector.metrics()).toContain('poise_events_total{service="projector"} 1');
    expect(await capture.metrics()).toContain('poise_events_total{service="capture"} 1');
  });
});
