import { isMediaContentType, type MediaContentType, type MediaLimits } from './content-types';
import { sha256Hex } from './digest';
import { MediaIntegrityError, MediaStoreClosedError, MediaValidationError } from './errors';
import type { MediaReference, MediaStore, MediaStoreStats, StoredMedia, StoredObjectInfo } from './port';
import { assertSha256, resolveMediaLimits, validateMediaBody } from './validation';

/**
 * Raw object storage under an already-validated sha256. Adapters implement only this, so
 * validation, digests and integrity checks are written once and behave the same everywhere.
 */
export interface MediaObjectBackend {
  /** Content type (as stored) and size of the object, or null when absent. */
  head(sha256: string): Promise<{ contentType: string; bytes: number } | null>;
  /** The stored bytes, unverified, or null when absent. */
  read(sha256: string): Promise<{ contentType: string; body: Uint8Array } | null>;
  /** Must be atomic: a reader sees the whole object under its address or nothing. */
  write(sha256: string, body: Uint8Array, contentType: MediaContentType): Promise<void>;
  /** True when something was removed. */
  remove(sha256: string): Promise<boolean>;
  /** Every object (only well-formed addresses; temporary litter is not listed). */
  list(): AsyncIterable<StoredObjectInfo>;
  /** Marks an existing object as stored now (its `storedAt`), for a put that found it already stored. */
  touch(sha256: string, contentType: MediaContentType): Promise<void>;
  close(): Promise<void>;
}

export interface ContentAddressedStoreOptions {
  /** Per-type overrides of DEFAULT_MEDIA_LIMITS. */
  readonly limits?: Partial<MediaLimits>;
}

export function createContentAddressedStore(
  backend: MediaObjectBackend,
  options: ContentAddressedStoreOptions = {},
): MediaStore {
  const limits = resolveMediaLimits(options.limits);
  const counters = {
    objectsWritten: 0,
    bytesWritten: 0,
    deduplicatedPuts: 0,
    reads: 0,
    readMisses: 0,
    objectsDeleted: 0,
    integrityFailures: 0,
  };
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new MediaStoreClosedError();
  }

  function integrityFailure(error: MediaIntegrityError): MediaIntegrityError {
    counters.integrityFailures += 1;
    return error;
  }

  function storedContentType(sha256: string, contentType: string): MediaContentType {
    if (isMediaContentType(contentType)) return contentType;
    throw integrityFailure(
      new MediaIntegrityError(
        'unknown_content_type',
        sha256,
        `object ${sha256} is stored with content type ${JSON.stringify(contentType)}, which this store does not serve`,
      ),
    );
  }

  const putsInFlight = new Map<string, Promise<void>>();

  async function storeOnce(sha256: string, body: Uint8Array, contentType: MediaContentType): Promise<void> {
    const existing = await backend.head(sha256);
    if (existing !== null && existing.contentType !== contentType) {
      throw new MediaValidationError(
        'content_type_conflict',
        `object ${sha256} is already stored as ${existing.contentType}; refusing to store the same bytes as ${contentType}`,
      );
    }
    // A size mismatch means a damaged copy (e.g. truncated on disk): writing again repairs it.
    if (existing?.bytes === body.byteLength) {
      counters.deduplicatedPuts += 1;
      // An orphan sweep must not take it away from the event about to name it again.
      await backend.touch(sha256, contentType);
      return;
    }
    await backend.write(sha256, body, contentType);
    counters.objectsWritten += 1;
    counters.bytesWritten += body.byteLength;
  }

  return {
    async put(body, contentType): Promise<MediaReference> {
      assertOpen();
      validateMediaBody(body, contentType, limits);
      const sha256 = sha256Hex(body);
      // Same-content puts in this process run one after another: the first writes, the rest see
      // it stored and skip the upload instead of racing the backend.
      const previous = putsInFlight.get(sha256) ?? Promise.resolve();
      const current = previous.catch(() => undefined).then(() => storeOnce(sha256, body, contentType));
      putsInFlight.set(sha256, current);
      try {
        await current;
      } finally {
        if (putsInFlight.get(sha256) === current) putsInFlight.delete(sha256);
      }
      return { sha256, bytes: body.byteLength, contentType };
    },

    async get(sha256): Promise<StoredMedia | null> {
      assertOpen();
      assertSha256(sha256);
      counters.reads += 1;
      const stored = await backend.read(sha256);
      if (stored === null) {
        counters.readMisses += 1;
        return null;
      }
      const actual = sha256Hex(stored.body);
      if (actual !== sha256) {
        throw integrityFailure(
          new MediaIntegrityError(
            'digest_mismatch',
            sha256,
            `object ${sha256} is corrupt: its ${stored.body.byteLength} stored bytes hash to ${actual}`,
          ),
        );
      }
      return { body: stored.body, contentType: storedContentType(sha256, stored.contentType) };
    },

    async has(sha256): Promise<boolean> {
      assertOpen();
      assertSha256(sha256);
      return (await backend.head(sha256)) !== null;
    },

    async delete(sha256): Promise<boolean> {
      assertOpen();
      assertSha256(sha256);
      const removed = await backend.remove(sha256);
      if (removed) counters.objectsDeleted += 1;
      return removed;
    },

    async *list(): AsyncIterable<StoredObjectInfo> {
      assertOpen();
      yield* backend.list();
    },

    stats(): MediaStoreStats {
      return { ...counters };
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await backend.close();
    },
  };
}
