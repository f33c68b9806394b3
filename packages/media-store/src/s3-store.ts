import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type ContentAddressedStoreOptions, createContentAddressedStore } from './content-addressed-store';
import type { MediaStore, StoredObjectInfo } from './port';

const OBJECT_KEY_TAIL = /^[0-9a-f]{2}\/([0-9a-f]{64})$/;

export interface S3MediaStoreOptions extends ContentAddressedStoreOptions {
  /** e.g. `http://minio:9000`; omit for AWS S3 itself. */
  readonly endpoint?: string;
  readonly region: string;
  /** Must exist already: buckets are provisioned by deployment, not by the application. */
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** MinIO and most self-hosted servers need path-style addressing. */
  readonly forcePathStyle?: boolean;
  /** Defaults to `media/`; tests give each run its own prefix. */
  readonly keyPrefix?: string;
}

/** Objects live at `<keyPrefix>ab/<sha256>` with their Content-Type; S3 writes are atomic per object. */
export function createS3MediaStore(options: S3MediaStoreOptions): MediaStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  const bucket = options.bucket;
  const keyPrefix = options.keyPrefix ?? 'media/';
  const objectKey = (sha256: string) => `${keyPrefix}${sha256.slice(0, 2)}/${sha256}`;

  async function head(sha256: string): Promise<{ contentType: string; bytes: number } | null> {
    try {
      const response = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(sha256) }));
      return { contentType: response.ContentType ?? '', bytes: response.ContentLength ?? -1 };
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  }

  return createContentAddressedStore(
    {
      head,

      async read(sha256) {
        try {
          const response = await client.send(
            new GetObjectCommand({ Bucket: bucket, Key: objectKey(sha256) }),
          );
          const body =
            response.Body === undefined ? new Uint8Array() : await response.Body.transformToByteArray();
          return { contentType: response.ContentType ?? '', body };
        } catch (error) {
          if (error instanceof NoSuchKey) return null;
          throw error;
        }
      },

      async write(sha256, body, contentType) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: objectKey(sha256),
            Body: body,
            ContentType: contentType,
            ContentLength: body.byteLength,
            // The server rejects the upload if the bytes it received hash differently.
            ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
          }),
        );
      },

      // S3 deletes are silent about absent keys, so HEAD first to report whether anything was erased.
      async remove(sha256) {
        if ((await head(sha256)) === null) return false;
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(sha256) }));
        return true;
      },

      // S3 refuses to copy an object onto itself unchanged; replacing its metadata (the same type)
      // is the one way to refresh LastModified without uploading the bytes again.
      async touch(sha256, contentType) {
        const key = objectKey(sha256);
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: key,
            CopySource: `${bucket}/${key}`,
            MetadataDirective: 'REPLACE',
            ContentType: contentType,
          }),
        );
      },

      async *list(): AsyncIterable<StoredObjectInfo> {
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: keyPrefix, ContinuationToken: token }),
          );
          for (const object of page.Contents ?? []) {
            const match = OBJECT_KEY_TAIL.exec((object.Key ?? '').slice(keyPrefix.length));
            if (match === null || object.LastModified === undefined) continue;
            yield { sha256: match[1]!, bytes: object.Size ?? 0, storedAt: object.LastModified };
          }
          token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
        } while (token !== undefined);
      },

      async close() {
        client.destroy();
      },
    },
    options,
  );
}
