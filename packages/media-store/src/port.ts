import type { MediaContentType } from './content-types';

/** What events carry instead of media bytes. */
export interface MediaReference {
  /** Lowercase hex SHA-256 of the bytes; also the object's address. */
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: MediaContentType;
}

export interface StoredMedia {
  readonly body: Uint8Array;
  readonly contentType: MediaContentType;
}

/** One stored object as a listing sees it, for sweeps of objects no event refers to. */
export interface StoredObjectInfo {
  readonly sha256: string;
  readonly bytes: number;
  /** When the object was written, or last put again (a deduplicated put refreshes it). */
  readonly storedAt: Date;
}

/** Counters since the store was opened, in this process only (cheap enough for /metrics). */
export interface MediaStoreStats {
  readonly objectsWritten: number;
  readonly bytesWritten: number;
  /** Puts whose bytes were already stored, so nothing was written. */
  readonly deduplicatedPuts: number;
  readonly reads: number;
  readonly readMisses: number;
  readonly objectsDeleted: number;
  readonly integrityFailures: number;
}

/**
 * The media-store port: content-addressed, immutable objects. Every adapter implements exactly
 * this, and one contract suite (src/contract) proves each one against it.
 */
export interface MediaStore {
  /** Validates, stores once per distinct content, and returns the reference to put in an event. */
  put(body: Uint8Array, contentType: MediaContentType): Promise<MediaReference>;
  /** The bytes, verified against `sha256`, or null when absent. */
  get(sha256: string): Promise<StoredMedia | null>;
  has(sha256: string): Promise<boolean>;
  /**
   * Every stored object, in no particular order. A put of bytes already stored refreshes their
   * `storedAt`, so an object about to be referenced again always looks recent to a sweep.
   */
  list(): AsyncIterable<StoredObjectInfo>;
  /** Erasure and retention. Resolves false when nothing was stored under `sha256`. */
  delete(sha256: string): Promise<boolean>;
  stats(): MediaStoreStats;
  close(): Promise<void>;
}
