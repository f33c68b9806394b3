import {
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
  START,
} from '@eventstore/db-client';
import type { ReadAllOptions, RecordedEvent } from '../port';
import { matchesEventFilter } from './event-filter';
import { isLogEvent } from './internal-streams';
import { toEsdbPosition } from './log-position';
import { toRecordedEvent } from './recorded-event';
import { RetentionCache } from './stream-visibility';

/** Records fetched per round trip. Client 6.2's readAll cannot filter on the server, so pages are raw $all. */
export const READ_ALL_PAGE_SIZE = 500;

/**
 * Events strictly after `options.after`, in log order, filtered here (system and bookkeeping events
 * never; events their stream's retention hides neither).
 */
export async function readAllEvents(
  client: EventStoreDBClient,
  options: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
  const events: RecordedEvent[] = [];
  if (limit <= 0) return events;
  const retention = new RetentionCache(client);
  for await (const event of scanAll(client, options.after)) {
    if (!isLogEvent(event.streamId, event.type)) continue;
    if (!matchesEventFilter(event.streamId, event.type, options.filter)) continue;
    if (!(await retention.isVisible(event))) continue;
    events.push(toRecordedEvent(event));
    if (events.length >= limit) break;
  }
  return events;
}

/** Every record of $all strictly after `after` (system ones included), one bounded page at a time. */
export async function* scanAll(
  client: EventStoreDBClient,
  after?: bigint,
): AsyncGenerator<AllStreamRecordedEvent> {
  let from: ReadPosition = after === undefined ? START : toEsdbPosition(after);
  let previous: Position | undefined;
  for (;;) {
    const page = await readPage(client, from);
    for (const { event } of page) {
      if (!event) continue;
      // A page starts inclusively at the previous page's last record.
      if (previous && samePosition(event.position, previous)) continue;
      previous = event.position;
      if (after !== undefined && event.position.commit <= after) continue;
      yield event;
    }
    if (page.length < READ_ALL_PAGE_SIZE || !previous) return;
    from = previous;
  }
}

async function readPage(client: EventStoreDBClient, from: ReadPosition): Promise<AllStreamResolvedEvent[]> {
  const page: AllStreamResolvedEvent[] = [];
  for await (const resolved of client.readAll({ fromPosition: from, maxCount: READ_ALL_PAGE_SIZE })) {
    page.push(resolved);
  }
  return page;
}

function samePosition(a: Position, b: Position): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}
