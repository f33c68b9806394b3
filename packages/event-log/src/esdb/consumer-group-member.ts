import type {
  AllStreamRecordedEvent,
  EventStoreDBClient,
  PersistentSubscriptionToAll,
  PersistentSubscriptionToAllResolvedEvent,
} from '@eventstore/db-client';
import type { ConsumerGroupMember, DeliveredEvent, EventFilter, NackAction } from '../port';
import { ClosableIteration } from './closable-iteration';
import { readGroupFilter } from './consumer-group';
import { toConsumerGroupError } from './esdb-errors';
import { matchesEventFilter } from './event-filter';
import { isLogEvent } from './internal-streams';
import { encodeParkReason } from './park-reason';
import { toRecordedEvent } from './recorded-event';
import { RETENTION_CACHE_TTL_MS, RetentionCache } from './stream-visibility';

/** One connection to the group's persistent subscription; the server shares events among connections. */
export class EsdbConsumerGroupMember implements ConsumerGroupMember {
  private readonly subscription: PersistentSubscriptionToAll;
  private readonly iteration: ClosableIteration<PersistentSubscriptionToAllResolvedEvent>;
  /** The client acks by its own event object; this finds it again for what the caller holds. */
  private readonly deliveries = new WeakMap<DeliveredEvent, PersistentSubscriptionToAllResolvedEvent>();
  private readonly retention: RetentionCache;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly group: string,
    bufferSize: number | undefined,
    private readonly onClose: (member: EsdbConsumerGroupMember) => void,
  ) {
    this.subscription = client.subscribeToPersistentSubscriptionToAll(
      group,
      bufferSize === undefined ? {} : { bufferSize },
    );
    this.iteration = new ClosableIteration(this.subscription);
    this.retention = new RetentionCache(client, RETENTION_CACHE_TTL_MS);
  }

  [Symbol.asyncIterator](): AsyncIterator<DeliveredEvent> {
    return this.deliver();
  }

  async ack(delivered: DeliveredEvent): Promise<void> {
    const resolved = this.settle(delivered);
    if (resolved) await this.subscription.ack(resolved);
  }

  async nack(delivered: DeliveredEvent, action: NackAction, reason: string): Promise<void> {
    const resolved = this.settle(delivered);
    const sent = action === 'park' ? encodeParkReason(reason, delivered.retryCount) : reason;
    if (resolved) await this.subscription.nack(action, sent, resolved);
  }

  async close(): Promise<void> {
    await this.iteration.close();
    this.onClose(this);
  }

  private async *deliver(): AsyncGenerator<DeliveredEvent> {
    try {
      const filter = await readGroupFilter(this.client, this.group);
      for await (const resolved of this.iteration.items()) {
        const event = await this.inFeed(resolved, filter);
        if (!event) {
          // The server applies only part of the filter, and no retention: done with this one.
          await this.subscription.ack(resolved);
          continue;
        }
        const delivered: DeliveredEvent = { event: toRecordedEvent(event), retryCount: resolved.retryCount };
        this.deliveries.set(delivered, resolved);
        yield delivered;
      }
    } catch (error) {
      throw toConsumerGroupError(this.group, error);
    } finally {
      await this.close();
    }
  }

  /** The event when it belongs to the group's feed, else undefined. */
  private async inFeed(
    resolved: PersistentSubscriptionToAllResolvedEvent,
    filter: EventFilter,
  ): Promise<AllStreamRecordedEvent | undefined> {
    const event = resolved.event;
    if (!event || !isLogEvent(event.streamId, event.type)) return undefined;
    if (!matchesEventFilter(event.streamId, event.type, filter)) return undefined;
    return (await this.retention.isVisible(event)) ? event : undefined;
  }

  /** Not delivered by this member, or settled already: nothing to do, as in the embedded log. */
  private settle(delivered: DeliveredEvent): PersistentSubscriptionToAllResolvedEvent | undefined {
    const resolved = this.deliveries.get(delivered);
    this.deliveries.delete(delivered);
    return resolved;
  }
}
