import { type EventData, type JSONType, jsonEvent } from '@eventstore/db-client';
import { InvalidEventError, MAX_EVENT_DATA_BYTES } from '../errors';
import type { NewEvent } from '../port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns a batch into ESDB JSON events, refusing before anything is sent what the server could not
 * store or the port does not allow.
 */
export function toEventData(events: readonly NewEvent[]): EventData[] {
  if (events.length === 0) {
    throw new InvalidEventError('an append needs at least one event', 'events');
  }
  const seenIds = new Set<string>();
  return events.map((event) => {
    // ESDB keys events by UUID and rejects anything else on the wire.
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidEventError(`event id ${String(event.id)} is not a UUID`, 'id');
    }
    if (seenIds.has(event.id)) {
      throw new InvalidEventError(`event id ${event.id} appears twice in one batch`, 'id');
    }
    seenIds.add(event.id);
    // `$` types are ESDB system events, which every read and subscription of Poise skips.
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new InvalidEventError(
        `event ${event.id}: type must be a non-empty name not starting with $`,
        'type',
      );
    }
    checkData(event);
    if (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata)) {
      throw new InvalidEventError(`event ${event.id}: metadata must be an object`, 'metadata');
    }
    return jsonEvent({
      id: event.id,
      type: event.type,
      data: event.data as JSONType,
      metadata: event.metadata as Record<string, unknown>,
    });
  });
}

function checkData(event: NewEvent): void {
  let json: string | undefined;
  try {
    json = JSON.stringify(event.data);
  } catch {
    json = undefined; // a BigInt or a cycle: the client would throw the same way mid-append
  }
  if (json === undefined) {
    throw new InvalidEventError(`event ${event.id}: data is not JSON-serialisable`, 'data');
  }
  if (Buffer.byteLength(json, 'utf8') > MAX_EVENT_DATA_BYTES) {
    throw new InvalidEventError(
      `event ${event.id}: data is larger than ${MAX_EVENT_DATA_BYTES} bytes of JSON`,
      'data',
    );
  }
}
