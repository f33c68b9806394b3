import { InvalidEventError, MAX_EVENT_DATA_BYTES } from '../errors';
import type { NewEvent } from '../port';

export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Serialises a batch, refusing anything the log cannot store faithfully. */
export function encodeEvents(events: readonly NewEvent[]): EncodedEvent[] {
  if (events.length === 0) {
    throw new InvalidEventError('an append needs at least one event', 'events');
  }
  const seenIds = new Set<string>();
  return events.map((event, index) => {
    if (typeof event.id !== 'string' || event.id.length === 0) {
      throw new InvalidEventError(`events[${index}] has no id`, 'id');
    }
    if (seenIds.has(event.id)) {
      throw new InvalidEventError(`event id ${event.id} appears twice in one batch`, 'id');
    }
    seenIds.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidEventError(`event ${event.id} has no type`, 'type');
    }
    const data = JSON.stringify(event.data);
    if (data === undefined) {
      throw new InvalidEventError(`event ${event.id}: data is not JSON-serialisable`, 'data');
    }
    // String length counts UTF-16 units; the limit is about stored UTF-8 bytes.
    if (data.length > MAX_EVENT_DATA_BYTES / 3 && Buffer.byteLength(data, 'utf8') > MAX_EVENT_DATA_BYTES) {
      throw new InvalidEventError(
        `event ${event.id}: data is larger than ${MAX_EVENT_DATA_BYTES} bytes of JSON`,
        'data',
      );
    }
    if (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata)) {
      throw new InvalidEventError(`event ${event.id}: metadata must be an object`, 'metadata');
    }
    return { id: event.id, type: event.type, data, metadata: JSON.stringify(event.metadata) };
  });
}
