import type { MediaConfig } from '@poise/config';
import { createLocalMediaStore, createS3MediaStore, type MediaStore } from '@poise/media-store';

export function openMediaStore(config: MediaConfig): MediaStore {
  if (config.kind === 'local') return createLocalMediaStore({ root: config.path });
  return createS3MediaStore({
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    region: config.region,
    bucket: config.bucket,
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    forcePathStyle: config.forcePathStyle,
  });
}
