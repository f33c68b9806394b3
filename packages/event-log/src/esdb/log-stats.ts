import type { EventStoreDBClient } from '@eventstore/db-client';
import type { LogStats } from '../port';
import { isLogEvent } from './internal-streams';
import { scanAll } from './read-all';

/**
 * ESDB keeps no cheap count of events or streams (the `$stats` streams describe the server, not the
 * data, and `$streams` needs the system projections and counts deleted streams too). So this scans
 * $all once: exact, but it reads the whole log; for dashboards of a big store prefer the server's
 * own metrics. Until a scavenge, events of deleted or expired streams still count. Size on disk is
 * the server's business: `bytes` is null.
 */
export async function readLogStats(client: EventStoreDBClient): Promise<LogStats> {
  let events = 0;
  let headPosition: bigint | null = null;
  const streams = new Set<string>();
  for await (const event of scanAll(client)) {
    if (!isLogEvent(event.streamId, event.type)) continue;
    events += 1;
    streams.add(event.streamId);
    headPosition = event.position.commit;
  }
  return { events, streams: streams.size, headPosition, bytes: null };
}
