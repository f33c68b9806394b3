/**
 * The account events, recorded through the domain's path for facts (recordFacts): the auth store
 * is where an account's rules are enforced (unique addresses, sessions, throttles), and the log
 * records what it did, stamped the same way as every other writer's events. Every event is
 * validated against its contract (validateEvent) while being built, before the auth store is
 * changed, so a change is never made whose event the log would then refuse.
 */
import { randomUUID } from 'node:crypto';
import { type CommandContext, type DecidedEvent, recordFacts, stampEvents } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type Actor, type EventData, type EventType, streamName, validateEvent } from '@poise/schemas';

/** The auth service itself acts when nobody identified is behind an event (a refused sign-in). */
export const AUTH_SERVICE_ACTOR: Actor = { kind: 'service', id: 'auth' };

export const userActor = (userId: string): Actor => ({ kind: 'user', id: userId });

export interface PendingEvent {
  readonly streamName: string;
  readonly event: DecidedEvent;
  readonly operation: Operation;
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
  // The type and its data are checked against each other by the signature; TypeScript cannot
  // carry that correlation into the union, hence the one assertion.
  const event = { type, data } as DecidedEvent;
  for (const stamped of stampEvents([event], contextOf(op))) validateEvent(stream, stamped);
  return { streamName: stream, event, operation: op };
}

function contextOf(op: Operation): CommandContext {
  return { tenantId: op.tenantId, actor: op.actor, correlationId: op.correlationId, causationId: null };
}
/** An event on the user's own stream, where every personal detail belongs. */
export function userStreamEvent<Type extends EventType>(
  type: Type,
  data: EventData<Type> & { readonly userId: string },
  op: Operation,
): PendingEvent {
  return pendingEvent(streamName.user(data.userId), type, data, op);
}

/**
 * Records in order, one batch per run of events on the same stream by the same operation (each
 * batch is one atomic append).
 */
export async function appendEvents(log: EventLog, events: readonly PendingEvent[]): Promise<void> {
  let index = 0;
  while (index < events.length) {
    const { streamName: stream, operation: op } = events[index]!;
    const batch: DecidedEvent[] = [];
    while (index < events.length && events[index]!.streamName === stream && events[index]!.operation === op) {
      batch.push(events[index++]!.event);
    }
    await recordFacts(log, stream, batch, contextOf(op));
  }
}
