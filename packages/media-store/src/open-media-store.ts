import type { MediaConfig } from '@poise/config';
import { createLocalMediaStore } from './local-store';
import type { MediaStore } from './port';
import { createS3MediaStore } from './s3-store';

/** The media store the validated config names: a local folder, or an S3-compatible bucket. */
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
