import {
  MediaIntegrityError,
  type MediaStore,
  MediaValidationError,
  type StoredMedia,
} from '@poise/media-store';
import { PermanentFailure } from './settlement';

/**
 * The bytes behind a media reference. Missing media is normal, not a crash: retention ($maxAge) and
 * erasure delete it, possibly before the worker caught up. That, and bytes that fail their checksum,
 * cannot get better by retrying, so the event is parked with the reason; storage errors are retried.
 */
export async function fetchMedia(media: MediaStore, sha256: string, what: string): Promise<StoredMedia> {
  let stored: StoredMedia | null;
  try {
    stored = await media.get(sha256);
  } catch (error) {
    if (error instanceof MediaIntegrityError || error instanceof MediaValidationError) {
      throw new PermanentFailure(`${what}: media ${sha256} is unusable: ${error.message}`);
    }
    throw error;
  }
  if (stored === null) {
    throw new PermanentFailure(
      `${what}: media ${sha256} is not in the media store (expired by retention or erased)`,
    );
  }
  return stored;
}

/** A Buffer over the same bytes (protobuf `bytes` fields are Buffers), without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
