import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventLogError } from '../errors';
import type { RecordedEvent } from '../port';
import { knownLogPosition } from './log-position';

/** Maps an ESDB event to the port's shape; Poise writes JSON data and JSON-object metadata. */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = knownLogPosition(event.position);
  if (position === null) {
    // Stream reads carry $all positions only from EventStoreDB 22.10 on.
    throw new EventLogError(
      `event ${event.id} in ${event.streamId} came without a log position: the server is older than 22.10`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: toRecordedAt(event.created),
    data: event.data,
    metadata: toMetadata(event.metadata),
  };
}

/**
 * The server stores `created` as .NET ticks (100 ns since the Unix epoch); client 6.x already turns
 * them into a Date at millisecond precision. A copy, so a caller mutating it cannot touch the client's.
 */
export function toRecordedAt(created: Date): Date {
  return new Date(created.getTime());
}

function toMetadata(metadata: unknown): Readonly<Record<string, unknown>> {
  // ESDB omits empty metadata; anything that is not a JSON object was not written by Poise.
  if (
    metadata === null ||
    typeof metadata !== 'object' ||
    Array.isArray(metadata) ||
    metadata instanceof Uint8Array
  ) {
    return {};
  }
  return metadata as Record<string, unknown>;
}
