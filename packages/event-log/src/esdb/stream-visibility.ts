import type { EventStoreDBClient } from '@eventstore/db-client';
import { readStreamEvents } from './read-stream';
import { readStoredMetadata } from './stream-metadata';

/**
 * ESDB applies a stream's retention (`$tb` of a soft delete, `$maxCount`, `$maxAge`) to reads of
 * that stream only: $all reads and subscriptions return such events until a scavenge removes them.
 * The port hides them everywhere, so $all readers check each event against its stream's retention.
 */

export interface Retention {
  /** Revisions below this are gone; Infinity while a soft-deleted stream has not been written again. */
  readonly truncateBefore: number;
  readonly maxAgeSeconds: number | null;
  readonly maxCount: number | null;
  /** The stream's newest revision when looked up; only read when maxCount needs it. */
  readonly lastRevision: number | null;
}

/** Retention out of raw stream metadata. */
export function toRetention(raw: Readonly<Record<string, unknown>>, lastRevision: number | null): Retention {
  const { $tb: truncateBefore, $maxAge: maxAge, $maxCount: maxCount } = raw;
  return {
    truncateBefore: toTruncateBefore(truncateBefore),
    maxAgeSeconds: typeof maxAge === 'number' ? maxAge : null,
    maxCount: typeof maxCount === 'number' ? maxCount : null,
    lastRevision,
  };
}

/** A `$tb` a JS number cannot hold exactly is int64 max, ESDB's "deleted" marker. */
function toTruncateBefore(value: unknown): number {
  if (typeof value !== 'number') return 0;
  return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
}

export function isRetained(
  revision: number,
  createdMs: number,
  retention: Retention,
  nowMs: number,
): boolean {
  if (revision < retention.truncateBefore) return false;
  if (retention.maxAgeSeconds !== null && createdMs < nowMs - retention.maxAgeSeconds * 1000) return false;
  if (retention.maxCount !== null && retention.lastRevision !== null) {
    return revision > retention.lastRevision - retention.maxCount;
  }
  return true;
}

/** How long a long-lived reader trusts what it learnt of a stream's retention before it looks again. */
export const RETENTION_CACHE_TTL_MS = 5_000;
/** Our clock against the server's `created`: generous, since too small a margin could hide live events. */
const CLOCK_SKEW_MS = 60_000;
/** Streams remembered per reader; the least recently looked up go first. */
const MAX_CACHED_STREAMS = 10_000;

interface CachedRetention {
  readonly retention: Retention;
  readonly fetchedAt: number;
}

/**
 * Looks up and caches stream retention for one reader. A cached entry may say "hidden" for an event
 * written after the lookup (the stream was re-created, or its retention changed), so before hiding a
 * recent event the entry is fetched again. Showing trusts the cache for `ttlMs`.
 */
export class RetentionCache {
  private readonly entries = new Map<string, CachedRetention>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly ttlMs = Number.POSITIVE_INFINITY,
  ) {}

  async isVisible(event: {
    readonly streamId: string;
    readonly revision: bigint;
    readonly created: Date;
  }): Promise<boolean> {
    const revision = Number(event.revision);
    const createdMs = event.created.getTime();
    let entry = this.entries.get(event.streamId);
    let fresh = false;
    if (!entry || Date.now() - entry.fetchedAt > this.ttlMs) {
      entry = await this.fetch(event.streamId);
      fresh = true;
    }
    if (isRetained(revision, createdMs, entry.retention, Date.now())) return true;
    const newerThanEntry = entry.retention.lastRevision === null || revision > entry.retention.lastRevision;
    if (fresh || !newerThanEntry || createdMs < entry.fetchedAt - CLOCK_SKEW_MS) return false;
    entry = await this.fetch(event.streamId);
    return isRetained(revision, createdMs, entry.retention, Date.now());
  }

  private async fetch(streamName: string): Promise<CachedRetention> {
    const fetchedAt = Date.now();
    const { raw } = await readStoredMetadata(this.client, streamName);
    const lastRevision =
      typeof raw.$maxCount === 'number' ? await readLastRevision(this.client, streamName) : null;
    const entry = { retention: toRetention(raw, lastRevision), fetchedAt };
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    if (this.entries.size > MAX_CACHED_STREAMS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }
}

async function readLastRevision(client: EventStoreDBClient, streamName: string): Promise<number | null> {
  const [last] = await readStreamEvents(client, streamName, { direction: 'backwards', maxCount: 1 });
  return last?.revision ?? null;
}
