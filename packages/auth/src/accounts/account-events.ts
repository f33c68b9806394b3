/**
 * Builds the account events and appends them to the log. Every event is validated against its
 * contract (validateEvent) while being built, before the auth store is changed, so a change is
 * never made whose event the log would then refuse.
 */
import { randomUUID } from 'node:crypto';
import type { EventLog } from '@poise/event-log';
import {
  type Actor,
  createEvent,
  type EventData,
  type EventType,
  type PoiseEvent,
  streamName,
  validateEvent,
} from '@poise/schemas';

/** The auth service itself acts when nobody identified is behind an event (a refused sign-in). */
export const AUTH_SERVICE_ACTOR: Actor = { kind: 'service', id: 'auth' };

export const userActor = (userId: string): Actor => ({ kind: 'user', id: userId });

export interface PendingEvent {
  readonly streamName: string;
  readonly event: PoiseEvent;
}

/** One command's events share a correlation id; a person or the service caused them, so no causation. */
export interface Operation {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly correlationId: string;
}

export function operation(tenantId: string, actor: Actor): Operation {
  return { tenantId, actor, correlationId: randomUUID() };
}

/** Throws the contract's EventValidationError (with the offending field) when the event is invalid. */
export function pendingEvent<Type extends EventType>(
  stream: string,
  type: Type,
  data: EventData<Type>,
  op: Operation,
): PendingEvent {
  const event = createEvent(type, data, {
    tenantId: op.tenantId,
    actor: op.actor,
    correlationId: op.correlationId,
    causationId: null,
  }) as PoiseEvent;
  validateEvent(stream, event);
  return { streamName: stream, event };
}

/** An event on the user's own stream, where every personal detail belongs. */
export function userStreamEvent<Type extends EventType>(
  type: Type,
  data: EventData<Type> & { readonly userId: string },
  op: Operation,
): PendingEvent {
  return pendingEvent(streamName.user(data.userId), type, data, op);
}

/** Appends in order, one batch per run of events on the same stream (each batch is atomic). */
export async function appendEvents(log: EventLog, events: readonly PendingEvent[]): Promise<void> {
  let index = 0;
  while (index < events.length) {
    const stream = events[index]!.streamName;
    const batch: PoiseEvent[] = [];
    while (index < events.length && events[index]!.streamName === stream) batch.push(events[index++]!.event);
    await log.append(stream, batch);
  }
}
