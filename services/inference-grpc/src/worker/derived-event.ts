import { type CommandContext, type DecidedEvent, recordFacts } from '@poise/domain';
import type { EventLog, RecordedEvent } from '@poise/event-log';
import { deterministicEventId, type PoiseEvent, streamName } from '@poise/schemas';

export const WORKER_ACTOR = { kind: 'service', id: 'inference-worker' } as const;

/** The event a derived result is recorded from: its id and the metadata it passes on. */
export type SourceEvent = Pick<RecordedEvent, 'id' | 'metadata'>;

/**
 * How the worker stamps what it derives from `source`, in this one place: tenant and the demo-data
 * mark carry over; the session is the correlation, the source the causation; the id is
 * deterministicEventId(source id, `kind`) (`kind` defaults to the event's type), so a redelivered
 * source appends the same id again and the log keeps one copy.
 */
export function derivedContext(
  source: SourceEvent,
  sessionId: string,
  kind?: (event: DecidedEvent) => string,
): CommandContext {
  const { tenantId, synthetic } = source.metadata as { tenantId?: unknown; synthetic?: unknown };
  return {
    tenantId: typeof tenantId === 'string' ? tenantId : '',
    actor: WORKER_ACTOR,
    correlationId: sessionId,
    causationId: source.id,
    ...(synthetic === true ? { synthetic: true as const } : {}),
    eventId: (event) => deterministicEventId(source.id, kind?.(event) ?? event.type),
  };
}

/** Records analyses derived from `source` on analysis-<sessionId>, one append each (see derivedContext). */
export async function recordDerived(
  log: EventLog,
  sessionId: string,
  source: SourceEvent,
  facts: readonly DecidedEvent[],
): Promise<readonly PoiseEvent[]> {
  const recorded: PoiseEvent[] = [];
  // One append each: a batch mixing a written and a new id would be an idempotency conflict.
  for (const fact of facts) {
    recorded.push(
      ...(await recordFacts(log, streamName.analysis(sessionId), [fact], derivedContext(source, sessionId))),
    );
  }
  return recorded;
}
