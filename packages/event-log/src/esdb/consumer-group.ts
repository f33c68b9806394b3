import {
  type EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  PersistentSubscriptionExistsError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConsumerGroupNotFoundError } from '../errors';
import type { ConsumerGroupSettings, EventFilter } from '../port';
import { parseGroupFilter, toPersistentSubscriptionSettings } from './consumer-group-settings';
import { toConsumerGroupError } from './esdb-errors';
import { toServerFilter } from './event-filter';
import { consumerGroupStream } from './internal-streams';
import { readStreamEvents } from './read-stream';

const GROUP_FILTER_EVENT_TYPE = 'PoiseConsumerGroupFilterSet';

/*
 * A consumer group is a persistent subscription to $all. The server applies one dimension of the
 * filter (event-filter.ts); members apply the whole of it, so it is stored beside the group in a
 * bookkeeping stream where every member, in any process, reads it.
 */

/** Creates the group unless it exists; an existing group keeps its settings, filter and position. */
export async function createConsumerGroup(
  client: EventStoreDBClient,
  group: string,
  settings: ConsumerGroupSettings,
): Promise<void> {
  // The filter first, so no member can join a group whose filter is not readable yet. NO_STREAM
  // keeps the filter of a group that already exists.
  try {
    await client.appendToStream(
      consumerGroupStream(group),
      jsonEvent({ type: GROUP_FILTER_EVENT_TYPE, data: { ...settings.filter } }),
      { expectedRevision: NO_STREAM },
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  try {
    await client.createPersistentSubscriptionToAll(group, toPersistentSubscriptionSettings(settings), {
      filter: toServerFilter(settings.filter),
    });
  } catch (error) {
    if (!(error instanceof PersistentSubscriptionExistsError)) throw error;
  }
}

export async function readGroupFilter(client: EventStoreDBClient, group: string): Promise<EventFilter> {
  const [stored] = await readStreamEvents(client, consumerGroupStream(group), {
    direction: 'backwards',
    maxCount: 1,
  });
  return parseGroupFilter(stored?.data);
}

/**
 * Deletes the group with its parked events and checkpoint (the server's doing) and its stored filter.
 * A group that does not exist is already deleted, as in the embedded log.
 */
export async function deleteConsumerGroup(client: EventStoreDBClient, group: string): Promise<void> {
  try {
    await client.deletePersistentSubscriptionToAll(group);
  } catch (error) {
    if (!(toConsumerGroupError(group, error) instanceof ConsumerGroupNotFoundError)) throw error;
  }
  await client.deleteStream(consumerGroupStream(group));
}

/** Throws ConsumerGroupNotFoundError unless the group exists. */
export async function assertConsumerGroupExists(client: EventStoreDBClient, group: string): Promise<void> {
  try {
    await client.getPersistentSubscriptionToAllInfo(group);
  } catch (error) {
    throw toConsumerGroupError(group, error);
  }
}
