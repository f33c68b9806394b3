import type { EventLog } from '@poise/event-log';
import type { MediaStore } from '@poise/media-store';
import type { InferenceCalls } from './inference-calls';
import type { SessionPolicies } from './session-policies';
import type { StressAlerts } from './stress-alerts';

/** What the per-type handlers share. */
export interface HandlerDeps {
  readonly log: EventLog;
  readonly media: MediaStore;
  readonly calls: InferenceCalls;
  readonly policies: SessionPolicies;
  readonly stress: StressAlerts;
  /** The server's message limit: a request beyond it is parked instead of refused again and again. */
  readonly maxMessageBytes: number;
}
