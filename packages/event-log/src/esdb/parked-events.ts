import type { EventStoreDBClient } from '@eventstore/db-client';
import type { ParkedEvent } from '../port';
import { assertConsumerGroupExists } from './consumer-group';
import { isAbsentStream, toConsumerGroupError } from './esdb-errors';
import { parkedStream } from './internal-streams';
import { decodeParkReason } from './park-reason';
import { toRecordedEvent } from './recorded-event';
import { getTruncateBefore } from './stream-metadata';

/** How long replayParked waits for the server to mark the replayed events. */
const REPLAY_SETTLE_MS = 5_000;
const REPLAY_POLL_MS = 100;

interface ParkedLink {
  readonly parked: ParkedEvent;
  /** Revision of the link in the parked stream. */
  readonly revision: bigint;
}

/**
 * ESDB parks by writing a link to the event into the group's parked stream; a replay re-queues them
 * and then hides them by truncating that stream. Reading it needs admin rights on a secure server.
 */
export async function listParkedEvents(client: EventStoreDBClient, group: string): Promise<ParkedEvent[]> {
  return (await readParkedLinks(client, group)).map((link) => link.parked);
}

export async function replayParkedEvents(client: EventStoreDBClient, group: string): Promise<number> {
  const links = await readParkedLinks(client, group);
  const last = links.at(-1);
  if (!last) return 0;
  try {
    await client.replayParkedMessagesToAll(group);
  } catch (error) {
    throw toConsumerGroupError(group, error);
  }
  await waitUntilTruncated(client, group, last.revision + 1n);
  return links.length;
}

async function readParkedLinks(client: EventStoreDBClient, group: string): Promise<ParkedLink[]> {
  await assertConsumerGroupExists(client, group);
  const links: ParkedLink[] = [];
  try {
    for await (const { event, link } of client.readStream(parkedStream(group), { resolveLinkTos: true })) {
      // No event: the parked event's stream was deleted since; there is nothing left to replay.
      if (!event || !link) continue;
      const { reason, retryCount } = decodeParkReason(link.metadata);
      links.push({ parked: { event: toRecordedEvent(event), reason, retryCount }, revision: link.revision });
    }
  } catch (error) {
    if (!isAbsentStream(error)) throw error;
  }
  return links;
}

/**
 * The server re-queues parked events asynchronously and truncates the parked stream when done. Wait
 * for that, so listParked right after replayParked does not show them again. Past the deadline the
 * replay still happens; only that view lags.
 */
async function waitUntilTruncated(client: EventStoreDBClient, group: string, through: bigint): Promise<void> {
  const deadline = Date.now() + REPLAY_SETTLE_MS;
  while (Date.now() < deadline) {
    const truncateBefore = await getTruncateBefore(client, parkedStream(group));
    if (truncateBefore !== null && truncateBefore >= through) return;
    await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
  }
}
