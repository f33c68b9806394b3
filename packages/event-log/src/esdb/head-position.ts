import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import { toLogPosition } from './log-position';

/** Position of the newest record in $all, system events included; null only on a blank server. */
export async function readHeadPosition(client: EventStoreDBClient): Promise<bigint | null> {
  for await (const { event } of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    if (event) return toLogPosition(event.position);
  }
  return null;
}
