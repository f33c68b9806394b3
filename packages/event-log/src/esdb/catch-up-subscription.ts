import type { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';
import type { EventFilter, RecordedEvent, SubscribeOptions, Subscription, SubscriptionStart } from '../port';
import { ClosableIteration } from './closable-iteration';
import { matchesEventFilter, toServerFilter } from './event-filter';
import { readHeadPosition } from './head-position';
import { isLogEvent } from './internal-streams';
import { alreadySeenThrough, toEsdbStart } from './log-position';
import { toRecordedEvent } from './recorded-event';
import { RETENTION_CACHE_TTL_MS, RetentionCache } from './stream-visibility';

/**
 * A catch-up subscription to $all. The client's stream applies backpressure: further events wait
 * behind gRPC flow control while the consumer's loop body runs.
 */
export class EsdbSubscription implements Subscription {
  /** Settles once the starting point is fixed; appends made after that are sure to be delivered. */
  readonly started: Promise<void>;
  private readonly iteration: Promise<ClosableIteration<AllStreamResolvedEvent> | null>;
  private readonly retention: RetentionCache;
  private seenThrough: bigint | undefined;
  private closed = false;

  constructor(
    client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly onClose: (subscription: EsdbSubscription) => void,
  ) {
    this.retention = new RetentionCache(client, RETENTION_CACHE_TTL_MS);
    this.iteration = fixStart(client, options.from ?? 'start').then((from) => {
      this.seenThrough = alreadySeenThrough(from);
      if (this.closed) return null;
      return new ClosableIteration(
        client.subscribeToAll({ fromPosition: toEsdbStart(from), filter: toServerFilter(options.filter) }),
      );
    });
    // Failures surface to whoever iterates; this one only tells appends they may go ahead.
    this.started = this.iteration.then(
      () => undefined,
      () => undefined,
    );
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.deliver();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const iteration = await this.iteration.catch(() => null);
    await iteration?.close();
    this.onClose(this);
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    try {
      const iteration = await this.iteration;
      if (!iteration) return;
      const filter: EventFilter | undefined = this.options.filter;
      for await (const { event } of iteration.items()) {
        if (!event) continue;
        if (this.seenThrough !== undefined && event.position.commit <= this.seenThrough) continue;
        if (!isLogEvent(event.streamId, event.type)) continue;
        if (!matchesEventFilter(event.streamId, event.type, filter)) continue;
        if (!(await this.retention.isVisible(event))) continue;
        yield toRecordedEvent(event);
      }
    } finally {
      await this.close();
    }
  }
}

/**
 * ESDB resolves END when the subscribe request reaches the server, so an append sent right after
 * subscribeToAll could land first and be missed. Reading the head here pins 'end' to a position
 * before the caller can append anything.
 */
async function fixStart(client: EventStoreDBClient, from: SubscriptionStart): Promise<SubscriptionStart> {
  if (from !== 'end') return from;
  const head = await readHeadPosition(client);
  return head === null ? 'start' : { after: head };
}
