import type { EventLog, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '@poise/event-log';
import { isEventType, type RecordedPoiseEvent } from '@poise/schemas';

/**
 * A stream's events, typed. Poise's logs are opened behind the contracts (`withContracts`), which
 * validate on append and upcast on read, so every event's data is its type's current contract: this
 * is the one place that relies on it. An event of a type the contracts do not know is skipped.
 */
export async function readPoiseStream(
  log: EventLog,
  streamName: string,
  options?: ReadStreamOptions,
): Promise<RecordedPoiseEvent[]> {
  const events: RecordedEvent[] = await log.readStream(streamName, options);
  return events.filter((event) => isEventType(event.type)) as RecordedPoiseEvent[];
}

/** Events of the whole log (typically filtered by type), typed the same way as readPoiseStream. */
export async function readPoiseAll(log: EventLog, options?: ReadAllOptions): Promise<RecordedPoiseEvent[]> {
  const events: RecordedEvent[] = await log.readAll(options);
  return events.filter((event) => isEventType(event.type)) as RecordedPoiseEvent[];
}

/**
 * One delivered event, typed the same way (a consumer group's delivery from a log behind the
 * contracts); null for a type the contracts do not know.
 */
export function asPoiseEvent(event: RecordedEvent): RecordedPoiseEvent | null {
  return isEventType(event.type) ? (event as RecordedPoiseEvent) : null;
}
