import type { EventContracts } from './contracts';
import type {
  ConsumerGroupMember,
  DeliveredEvent,
  EventLog,
  NackAction,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './port';

/**
 * The log as the application sees it: every event is validated before it is appended (the whole
 * batch first, so an invalid event means nothing is written) and upcast to its current schema
 * version wherever the log hands one out.
 */
export function withContracts(log: EventLog, contracts: EventContracts): EventLog {
  const upcast = (event: RecordedEvent) => contracts.upcast(event);
  return {
    checkpoints: log.checkpoints,
    async append(streamName, events, options) {
      for (const event of events) contracts.validate(streamName, event);
      return log.append(streamName, events, options);
    },
    readStream: async (streamName, options) => (await log.readStream(streamName, options)).map(upcast),
    readAll: async (options) => (await log.readAll(options)).map(upcast),
    subscribeToAll: (options?: SubscribeOptions) => upcastSubscription(log.subscribeToAll(options), upcast),
    createConsumerGroup: (group, settings) => log.createConsumerGroup(group, settings),
    joinConsumerGroup: (group, options) => upcastMember(log.joinConsumerGroup(group, options), upcast),
    listParked: async (group) =>
      (await log.listParked(group)).map((parked) => ({ ...parked, event: upcast(parked.event) })),
    replayParked: (group) => log.replayParked(group),
    deleteConsumerGroup: (group) => log.deleteConsumerGroup(group),
    setStreamMetadata: (streamName, metadata) => log.setStreamMetadata(streamName, metadata),
    getStreamMetadata: (streamName) => log.getStreamMetadata(streamName),
    deleteStream: (streamName, options) => log.deleteStream(streamName, options),
    stats: () => log.stats(),
    close: () => log.close(),
  };
}

function upcastSubscription(
  subscription: Subscription,
  upcast: (event: RecordedEvent) => RecordedEvent,
): Subscription {
  return {
    close: () => subscription.close(),
    async *[Symbol.asyncIterator]() {
      for await (const event of subscription) yield upcast(event);
    },
  };
}

function upcastMember(
  member: ConsumerGroupMember,
  upcast: (event: RecordedEvent) => RecordedEvent,
): ConsumerGroupMember {
  // The adapter settles what it delivered, so map each upcast delivery back to its original.
  const originals = new WeakMap<DeliveredEvent, DeliveredEvent>();
  const original = (delivered: DeliveredEvent) => originals.get(delivered) ?? delivered;
  return {
    ack: (delivered) => member.ack(original(delivered)),
    nack: (delivered: DeliveredEvent, action: NackAction, reason: string) =>
      member.nack(original(delivered), action, reason),
    close: () => member.close(),
    async *[Symbol.asyncIterator]() {
      for await (const delivered of member) {
        const upcasted = { event: upcast(delivered.event), retryCount: delivered.retryCount };
        originals.set(upcasted, delivered);
        yield upcasted;
      }
    },
  };
}
