export {
  type ContentAddressedStoreOptions,
  createContentAddressedStore,
  type MediaObjectBackend,
} from './content-addressed-store';
export {
  DEFAULT_MEDIA_LIMITS,
  isMediaContentType,
  MEDIA_CONTENT_TYPES,
  type MediaContentType,
  type MediaLimits,
} from './content-types';
export { sha256Hex } from './digest';
export {
  type MediaIntegrityCode,
  MediaIntegrityError,
  MediaStoreClosedError,
  MediaStoreError,
  type MediaValidationCode,
  MediaValidationError,
} from './errors';
export { createLocalMediaStore, type LocalMediaStoreOptions } from './local-store';
export { openMediaStore } from './open-media-store';
export type { MediaReference, MediaStore, MediaStoreStats, StoredMedia, StoredObjectInfo } from './port';
export { createS3MediaStore, type S3MediaStoreOptions } from './s3-store';
export { assertSha256, resolveMediaLimits, validateMediaBody } from './validation';
