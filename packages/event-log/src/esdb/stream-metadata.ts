import {
  BACKWARDS,
  END,
  type StreamMetadata as EsdbStreamMetadata,
  type EventStoreDBClient,
  metastreamOf,
  NO_STREAM,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { StreamMetadata } from '../port';
import { isAbsentStream } from './esdb-errors';

/** Concurrent metadata writers are rare; past this many lost races the error goes to the caller. */
const MAX_WRITE_ATTEMPTS = 3;

interface StoredMetadata {
  /** As stored in the metastream: `$maxAge`, `$maxCount`, `$tb`, `$acl`, custom keys. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Revision of the metastream's last event, null when none was written. */
  readonly revision: bigint | null;
}

/** The port's view (retention only) of raw ESDB stream metadata. */
export function toStreamMetadata(raw: Readonly<Record<string, unknown>>): StreamMetadata {
  const maxAge = raw.$maxAge;
  const maxCount = raw.$maxCount;
  return {
    ...(typeof maxAge === 'number' && { maxAge }),
    ...(typeof maxCount === 'number' && { maxCount }),
  };
}

/**
 * Metadata to write: the requested retention replaces the old one as a whole, and every other key
 * stays. Keeping `$tb` matters: a soft delete is a truncate-before, and dropping it would bring the
 * deleted events back until a scavenge. The one `$tb` not kept is the "deleted" marker (int64 max,
 * which a JS number cannot carry exactly): on a deleted stream the server puts the right one back.
 */
export function withRetention(
  raw: Readonly<Record<string, unknown>>,
  retention: StreamMetadata,
): EsdbStreamMetadata {
  const kept = Object.fromEntries(
    Object.entries(raw).filter(
      ([key, value]) =>
        key !== '$maxAge' && key !== '$maxCount' && (key !== '$tb' || Number.isSafeInteger(value)),
    ),
  );
  return {
    ...kept,
    ...(retention.maxAge !== undefined && { maxAge: retention.maxAge }),
    ...(retention.maxCount !== undefined && { maxCount: retention.maxCount }),
  };
}

export async function getRetention(client: EventStoreDBClient, streamName: string): Promise<StreamMetadata> {
  return toStreamMetadata((await readStoredMetadata(client, streamName)).raw);
}

/** Read, merge, write with the metastream's revision as expectation, so a concurrent writer is not overwritten. */
export async function setRetention(
  client: EventStoreDBClient,
  streamName: string,
  retention: StreamMetadata,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const stored = await readStoredMetadata(client, streamName);
    try {
      await client.setStreamMetadata(streamName, withRetention(stored.raw, retention), {
        expectedRevision: stored.revision ?? NO_STREAM,
      });
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Reads the metastream itself: the client's getStreamMetadata reports a commit position where the
 * metastream revision belongs, which is useless as an expected revision.
 */
export async function readStoredMetadata(
  client: EventStoreDBClient,
  streamName: string,
): Promise<StoredMetadata> {
  try {
    const read = client.readStream(metastreamOf(streamName), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    for await (const { event } of read) {
      if (event?.isJson && isRecord(event.data)) return { raw: event.data, revision: event.revision };
      if (event) return { raw: {}, revision: event.revision };
    }
  } catch (error) {
    if (!isAbsentStream(error)) throw error;
  }
  return { raw: {}, revision: null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The stream's truncate-before revision (`$tb`), null when none is set. */
export async function getTruncateBefore(
  client: EventStoreDBClient,
  streamName: string,
): Promise<bigint | null> {
  const truncateBefore = (await readStoredMetadata(client, streamName)).raw.$tb;
  return Number.isSafeInteger(truncateBefore) ? BigInt(truncateBefore as number) : null;
}
