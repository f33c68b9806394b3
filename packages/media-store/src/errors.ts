/** Base class so callers can tell media-store errors from everything else. */
export class MediaStoreError extends Error {
  override name = 'MediaStoreError';
}

export type MediaValidationCode =
  | 'unsupported_content_type'
  | 'empty_body'
  | 'too_large'
  | 'malformed_body'
  | 'invalid_sha256'
  | 'content_type_conflict';

/** The caller's input was refused; nothing was stored. */
export class MediaValidationError extends MediaStoreError {
  override name = 'MediaValidationError';
  constructor(
    readonly code: MediaValidationCode,
    message: string,
  ) {
    super(message);
  }
}

export type MediaIntegrityCode = 'digest_mismatch' | 'unknown_content_type';

/** Stored bytes no longer match their address (or carry a foreign type); they are never served. */
export class MediaIntegrityError extends MediaStoreError {
  override name = 'MediaIntegrityError';
  constructor(
    readonly code: MediaIntegrityCode,
    readonly sha256: string,
    message: string,
  ) {
    super(message);
  }
}

export class MediaStoreClosedError extends MediaStoreError {
  override name = 'MediaStoreClosedError';
  constructor() {
    super('media store is closed');
  }
}
