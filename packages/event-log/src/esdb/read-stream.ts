import {
  BACKWARDS,
  END,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type EventStoreDBClient,
  FORWARDS,
} from '@eventstore/db-client';
import type { ReadStreamOptions, RecordedEvent } from '../port';
import { isAbsentStream } from './esdb-errors';
import { toRecordedEvent } from './recorded-event';

/**
 * The port's read options in the client's terms. `fromRevision` is inclusive in both; 'start' is
 * revision 0 and 'end' the last event, in either direction. ESDB reads nothing forwards from END, so
 * that case becomes "the last event", read backwards.
 */
export function toEsdbReadStreamOptions(options: ReadStreamOptions): EsdbReadStreamOptions {
  const maxCount = options.maxCount === undefined ? {} : { maxCount: options.maxCount };
  const from = options.fromRevision;
  if (options.direction === 'backwards') {
    return {
      direction: BACKWARDS,
      fromRevision: from === undefined || from === 'end' ? END : toRevision(from),
      ...maxCount,
    };
  }
  if (from === 'end') return { direction: BACKWARDS, fromRevision: END, maxCount: 1 };
  return { direction: FORWARDS, fromRevision: from === undefined ? 0n : toRevision(from), ...maxCount };
}

/** A stream that does not exist, or was deleted, reads as empty. */
export async function readStreamEvents(
  client: EventStoreDBClient,
  streamName: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  if (options.maxCount === 0) return [];
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamName, toEsdbReadStreamOptions(options))) {
      if (resolved.event) events.push(toRecordedEvent(resolved.event));
    }
  } catch (error) {
    if (isAbsentStream(error)) return [];
    throw error;
  }
  return events;
}

function toRevision(revision: 'start' | number): bigint {
  if (revision === 'start') return 0n;
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`fromRevision must be a non-negative integer, got ${revision}`);
  }
  return BigInt(revision);
}
