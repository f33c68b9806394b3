import {
  type EventStoreDBClient,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventLogError, IdempotencyConflictError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '../port';
import { classifyAppendConflict } from './append-conflict';
import { toAppendSizeError, toWrongExpectedRevisionError } from './esdb-errors';
import { toEventData } from './event-data';
import { fromEsdbCurrentRevision, landingRevision, toEsdbExpectedRevision } from './expected-revision';
import { knownLogPosition } from './log-position';
import { readStreamEvents } from './read-stream';

/**
 * Appends one batch atomically. Idempotency is ESDB's own (same ids where the expectation says the
 * batch lands: success without writing); this only refines its WrongExpectedVersion answer.
 */
export async function appendEvents(
  client: EventStoreDBClient,
  streamName: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const eventData = toEventData(events);
  try {
    const result = await client.appendToStream(streamName, eventData, {
      expectedRevision: toEsdbExpectedRevision(expected),
    });
    const revision = Number(result.nextExpectedRevision);
    // No position when the server answered a retried batch from its idempotency check.
    const position = knownLogPosition(result.position) ?? (await positionOf(client, streamName, revision));
    return { nextExpectedRevision: revision, position };
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      return resolveConflict(client, streamName, events, expected, error);
    }
    // ESDB refuses 'stream_exists' on a soft-deleted stream as "deleted"; to the port it does not exist.
    if (error instanceof StreamDeletedError && expected === 'stream_exists') {
      throw new WrongExpectedRevisionError(streamName, expected, null);
    }
    if (error instanceof MaxAppendSizeExceededError) throw toAppendSizeError(streamName, error);
    throw error;
  }
}

async function positionOf(client: EventStoreDBClient, streamName: string, revision: number): Promise<bigint> {
  const [event] = await readStreamEvents(client, streamName, { fromRevision: revision, maxCount: 1 });
  if (!event) {
    throw new EventLogError(`stream ${streamName}: revision ${revision} vanished right after the append`);
  }
  return event.position;
}

async function resolveConflict(
  client: EventStoreDBClient,
  streamName: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): Promise<AppendResult> {
  const landing = landingRevision(expected);
  const atLanding =
    landing === null
      ? null
      : await readStreamEvents(client, streamName, { fromRevision: landing, maxCount: events.length });
  const conflict = classifyAppendConflict(
    events.map((event) => event.id),
    fromEsdbCurrentRevision(error.actualVersion),
    atLanding?.map((event) => event.id) ?? null,
  );
  const last = atLanding?.at(-1);
  if (conflict.kind === 'already_appended' && last) {
    return { nextExpectedRevision: last.revision, position: last.position };
  }
  if (conflict.kind === 'partly_appended') throw new IdempotencyConflictError(streamName, conflict.eventId);
  throw toWrongExpectedRevisionError(streamName, expected, error);
}
