import type { Logger } from '@poise/observability';
import type { Admission } from './admission';
import type { ServerMetrics } from './server-metrics';

/** What every handler shares: load shedding, metrics and the log for unexpected failures. */
export interface CallContext {
  readonly admission: Admission;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
}
