import {
  type Actor,
  createEvent,
  type EventData,
  type EventType,
  type PoiseEvent,
  type PoiseEventOf,
} from '@poise/schemas';

/** Who, for which tenant, in which session or operation, and when, for one synthetic event. */
export interface SyntheticEventContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** When it happened in the simulated months; becomes `metadata.occurredAt`. */
  readonly at: Date;
}

/**
 * An event through the ordinary contract (createEvent stamps the schema version; the log validates
 * on append), marked `synthetic: true`. `occurredAt` carries the simulated time because the log
 * records the time of the append, which for generated months of practice is today; the read models
 * take `occurredAt` when present (as for imports).
 */
export function syntheticEvent<Type extends EventType>(
  type: Type,
  data: EventData<Type>,
  id: string,
  context: SyntheticEventContext,
): PoiseEventOf<Type> {
  return createEvent(
    type,
    data,
    {
      tenantId: context.tenantId,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      synthetic: true,
      occurredAt: context.at.toISOString(),
    },
    id,
  );
}

/** Events appended together to one stream, in order. */
export interface AppendBatch {
  readonly streamName: string;
  readonly events: PoiseEvent[];
}
