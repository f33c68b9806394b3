/** Streams this adapter writes for its own bookkeeping: never part of what readers of the log see. */
const CHECKPOINT_STREAM_PREFIX = 'poise-checkpoint-';
const CONSUMER_GROUP_STREAM_PREFIX = 'poise-consumer-group-';

export const INTERNAL_STREAM_PREFIXES: readonly string[] = [
  CHECKPOINT_STREAM_PREFIX,
  CONSUMER_GROUP_STREAM_PREFIX,
];

export function checkpointStream(subscriberId: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${subscriberId}`;
}

/** Holds the group's full filter, which the server can only partly apply (see event-filter). */
export function consumerGroupStream(group: string): string {
  return `${CONSUMER_GROUP_STREAM_PREFIX}${group}`;
}

/** Where ESDB parks the events a persistent subscription to $all gave up on. */
export function parkedStream(group: string): string {
  return `$persistentsubscription-$all::${group}-parked`;
}

/** False for ESDB system events (`$` streams and types, e.g. metadata, links, stats) and our bookkeeping. */
export function isLogEvent(streamName: string, type: string): boolean {
  return (
    !streamName.startsWith('$') &&
    !type.startsWith('$') &&
    !INTERNAL_STREAM_PREFIXES.some((prefix) => streamName.startsWith(prefix))
  );
}
