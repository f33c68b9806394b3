import { type EventStoreDBClient, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision } from '../port';
import { toWrongExpectedRevisionError } from './esdb-errors';
import { toEsdbDeleteExpectedRevision } from './expected-revision';
import { readStreamEvents } from './read-stream';

/**
 * A soft delete: reads see nothing at once and the name can be written again (numbering goes on from
 * the old end, as in the embedded log). The bytes stay in the transaction log, and in $all reads,
 * until the next scavenge: erasure on ESDB = deleteStream + scavenge (docs runbook).
 */
export async function deleteStream(
  client: EventStoreDBClient,
  streamName: string,
  expected: ExpectedRevision,
): Promise<void> {
  const exact = expected === 'stream_exists' ? await lastRevisionOrThrow(client, streamName) : expected;
  try {
    await client.deleteStream(streamName, { expectedRevision: toEsdbDeleteExpectedRevision(exact) });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError)
      throw toWrongExpectedRevisionError(streamName, expected, error);
    throw error;
  }
}

/** The client cannot send 'stream_exists' with a delete; pinning the current revision checks the same, race-free. */
async function lastRevisionOrThrow(client: EventStoreDBClient, streamName: string): Promise<number> {
  const [last] = await readStreamEvents(client, streamName, { direction: 'backwards', maxCount: 1 });
  if (!last) throw new WrongExpectedRevisionError(streamName, 'stream_exists', null);
  return last.revision;
}
