import type { RecordedEvent } from '@poise/event-log';
import {
  createEvent,
  deterministicEventId,
  type EventData,
  type EventMetadata,
  type EventType,
  type PoiseEventOf,
} from '@poise/schemas';

export const WORKER_ACTOR = { kind: 'service', id: 'inference-worker' } as const;

/** The event a derived result is recorded from: its id and the metadata it passes on. */
export type SourceEvent = Pick<RecordedEvent, 'id' | 'metadata'>;

/**
 * An analysis event derived from `source`: its id is deterministicEventId(source id, type), so a
 * redelivered source appends the same id again and the log keeps one copy. Tenant and the demo-data
 * mark carry over; the session is the correlation, the source the causation.
 */
export function derivedEvent<Type extends EventType>(
  type: Type,
  data: EventData<Type>,
  source: SourceEvent,
  sessionId: string,
): PoiseEventOf<Type> {
  const metadata = source.metadata as Partial<EventMetadata>;
  return createEvent(
    type,
    data,
    {
      tenantId: metadata.tenantId ?? '',
      actor: WORKER_ACTOR,
      correlationId: sessionId,
      causationId: source.id,
      ...(metadata.synthetic === true ? { synthetic: true as const } : {}),
    },
    deterministicEventId(source.id, type),
  );
}
