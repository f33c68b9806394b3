import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, describe, expect, it } from 'vitest';
import { describeMediaStoreContract, type MediaStoreHarness } from './contract';
import { TINY_JPEG } from './fixtures';
import { createS3MediaStore, type S3MediaStoreOptions } from './s3-store';

type Connection = Omit<S3MediaStoreOptions, 'keyPrefix' | 'limits'>;

/** Each store gets its own key prefix, so tests never see each other's objects in a shared bucket. */
function harnessFor(connection: () => Connection): MediaStoreHarness {
  return {
    async open(options) {
      const keyPrefix = `test-${randomUUID()}/media/`;
      const store = createS3MediaStore({ ...connection(), keyPrefix, ...options });
      return {
        store,
        async corrupt(sha256, replacement) {
          await withRawClient(connection(), (client, bucket) =>
            client.send(
              new PutObjectCommand({
                Bucket: bucket,
                Key: `${keyPrefix}${sha256.slice(0, 2)}/${sha256}`,
                Body: replacement,
                ContentType: 'image/jpeg',
              }),
            ),
          );
        },
      };
    },
  };
}

async function withRawClient<T>(
  connection: Connection,
  use: (client: S3Client, bucket: string) => Promise<T>,
): Promise<T> {
  const client = new S3Client({
    endpoint: connection.endpoint,
    region: connection.region,
    forcePathStyle: connection.forcePathStyle ?? false,
    credentials: { accessKeyId: connection.accessKeyId, secretAccessKey: connection.secretAccessKey },
  });
  try {
    return await use(client, connection.bucket);
  } finally {
    client.destroy();
  }
}

// s3rver runs in this process on a random loopback port; it accepts the S3RVER/S3RVER key pair.
const s3rverDirectory = await mkdtemp(join(tmpdir(), 'poise-media-s3rver-'));
const s3rver = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: s3rverDirectory,
  configureBuckets: [{ name: 'poise-media', configs: [] }],
});
const { port } = await s3rver.run();
const s3rverConnection: Connection = {
  endpoint: `http://127.0.0.1:${port}`,
  region: 'us-east-1',
  bucket: 'poise-media',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  forcePathStyle: true,
};

afterAll(async () => {
  await s3rver.close();
  await rm(s3rverDirectory, { recursive: true, force: true });
});

describeMediaStoreContract(
  'S3 via in-process s3rver',
  harnessFor(() => s3rverConnection),
);

describe('S3 media store object layout', () => {
  it('keys objects as <prefix>ab/<sha256> with their Content-Type', async () => {
    const store = createS3MediaStore({ ...s3rverConnection });
    const { sha256 } = await store.put(TINY_JPEG, 'image/jpeg');

    const head = await withRawClient(s3rverConnection, (client, bucket) =>
      client.send(new HeadObjectCommand({ Bucket: bucket, Key: `media/${sha256.slice(0, 2)}/${sha256}` })),
    );

    expect(head.ContentType).toBe('image/jpeg');
    expect(head.ContentLength).toBe(TINY_JPEG.byteLength);
    await store.delete(sha256);
    await store.close();
  });
});

const realServerUrl = process.env.POISE_TEST_S3_URL;
describe.skipIf(realServerUrl === undefined)('real S3-compatible server (POISE_TEST_S3_URL)', () => {
  describeMediaStoreContract(
    `S3 at ${realServerUrl}`,
    harnessFor(() => ({
      endpoint: realServerUrl,
      region: process.env.POISE_TEST_S3_REGION ?? 'us-east-1',
      bucket: process.env.POISE_TEST_S3_BUCKET ?? 'poise-media-test',
      accessKeyId: process.env.POISE_TEST_S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.POISE_TEST_S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: true,
    })),
  );
});
