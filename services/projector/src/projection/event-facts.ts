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

/**
 * The session an event concerns, for every type whose data names one. Narrowing with `in` keeps
 * it typed: a new event type with a sessionId is covered without a list to update.
 */
export function sessionIdOf(event: RecordedPoiseEvent): string | null {
  const { data } = event;
  return 'sessionId' in data && typeof data.sessionId === 'string' ? data.sessionId : null;
}

/** The person an event is about (its candidate, else its user), for the audit trail. */
export function subjectUserIdOf(event: RecordedPoiseEvent): string | null {
  const { data } = event;
  if ('candidateId' in data && typeof data.candidateId === 'string') return data.candidateId;
  return 'userId' in data && typeof data.userId === 'string' ? data.userId : null;
}
