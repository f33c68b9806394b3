import { type EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventLogError } from '../errors';
import type { CheckpointStore } from '../port';
import { checkpointStream } from './internal-streams';
import { readStreamEvents } from './read-stream';

const CHECKPOINT_EVENT_TYPE = 'PoiseCheckpointStored';

/**
 * One stream per subscriber, capped at one event by `$maxCount`: the newest checkpoint is all that
 * counts, and older ones go at the next scavenge.
 */
export class EsdbCheckpointStore implements CheckpointStore {
  /** Subscribers whose stream this process already capped. */
  private readonly capped = new Set<string>();

  constructor(private readonly client: EventStoreDBClient) {}

  async load(subscriberId: string): Promise<bigint | null> {
    const [last] = await readStreamEvents(this.client, checkpointStream(subscriberId), {
      direction: 'backwards',
      maxCount: 1,
    });
    return last ? checkpointPosition(last.data) : null;
  }

  async store(subscriberId: string, position: bigint): Promise<void> {
    const stream = checkpointStream(subscriberId);
    if (!this.capped.has(subscriberId)) {
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
      this.capped.add(subscriberId);
    }
    // JSON has no bigint; a decimal string keeps every digit.
    await this.client.appendToStream(
      stream,
      jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: position.toString() } }),
    );
  }
}

export function checkpointPosition(data: unknown): bigint {
  const position = (data as { position?: unknown } | null)?.position;
  if (typeof position !== 'string' || !/^\d+$/.test(position)) {
    throw new EventLogError(`checkpoint event holds no position: ${JSON.stringify(data)}`);
  }
  return BigInt(position);
}
