import { type DateTime64Text, toDateTime64 } from '@poise/read-models';
import type { RecordedPoiseEvent } from '@poise/schemas';

/** What every projected row takes from its event, whatever the type. */
export interface EventFacts {
  readonly tenantId: string;
  readonly eventId: string;
  readonly synthetic: boolean;
  /** The log position, as the rows' ReplacingMergeTree version. */
  readonly version: string;
  /** When it happened: `metadata.occurredAt` for imports, otherwise when the log recorded it. */
  readonly occurredAt: DateTime64Text;
}

export function factsOf(event: RecordedPoiseEvent): EventFacts {
  return {
    tenantId: event.metadata.tenantId,
    eventId: event.id,
    synthetic: event.metadata.synthetic === true,
    version: event.position.toString(),
    occurredAt: toDateTime64(event.metadata.occurredAt ?? event.recordedAt),
  };
}

/** Who did it, as the audit trail and the admin tables name them. */
export function actorId(event: RecordedPoiseEvent): string {
  return event.metadata.actor.id;
}
