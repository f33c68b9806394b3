import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Labels on every series, e.g. `{ service: 'projector' }`. */
  defaultLabels?: Record<string, string>;
}

/**
 * A fresh registry with Node's default metrics under the `poise_` prefix. Never prom-client's global
 * registry: several services share one process in `poise up`, and tests create many.
 */
export function createMetrics(options: MetricsOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels !== undefined) registry.setDefaultLabels(options.defaultLabels);
  collectDefaultMetrics({ register: registry, prefix: 'poise_' });
  return registry;
}
