import { createHash, randomBytes } from 'node:crypto';
import { encodeWav } from '@poise/audio';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MEDIA_LIMITS,
  MEDIA_CONTENT_TYPES,
  type MediaContentType,
  type MediaLimits,
} from './content-types';
import { MediaIntegrityError, MediaStoreClosedError, MediaValidationError } from './errors';
import { encodePcm16, jpegWithComment, mediaOfSize, sineWave, TINY_JPEG } from './fixtures';
import type { MediaStore } from './port';

/** A store opened by a harness, with a way to damage its storage behind its back. */
export interface MediaStoreUnderTest {
  readonly store: MediaStore;
  /** Replaces the stored bytes of the JPEG object `sha256`, as disk rot or a bad restore would. */
  corrupt(sha256: string, replacement: Uint8Array): Promise<void>;
}

export interface MediaStoreHarness {
  /** A store over storage no other test has touched. */
  open(options?: { limits?: Partial<MediaLimits> }): Promise<MediaStoreUnderTest>;
}

const nodeSha256 = (body: Uint8Array) => createHash('sha256').update(body).digest('hex');
const randomSha256 = () => randomBytes(32).toString('hex');

const SAMPLES: Readonly<Record<MediaContentType, Uint8Array>> = {
  'image/jpeg': TINY_JPEG,
  'audio/wav': encodeWav(sineWave(440, 50), 16_000),
  'audio/pcm;rate=16000': encodePcm16(sineWave(220, 20)),
};

const INVALID_SHA256_ARGUMENTS = [
  '../../etc/passwd',
  `../${'a'.repeat(61)}`,
  'A'.repeat(64),
  'a'.repeat(63),
  'a'.repeat(65),
  'é'.repeat(64),
  `${'a'.repeat(62)}\u0000a`,
  '',
];

async function expectValidationError(promise: Promise<unknown>, code: string, ...fragments: string[]) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MediaValidationError);
  expect((error as MediaValidationError).code).toBe(code);
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}

export function describeMediaStoreContract(name: string, harness: MediaStoreHarness): void {
  describe(`MediaStore contract: ${name}`, () => {
    const opened: MediaStore[] = [];
    async function open(options?: { limits?: Partial<MediaLimits> }): Promise<MediaStoreUnderTest> {
      const underTest = await harness.open(options);
      opened.push(underTest.store);
      return underTest;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('round trip', () => {
      it.each(MEDIA_CONTENT_TYPES)(
        'stores and returns %s bytes under their real sha256',
        async (contentType) => {
          const { store } = await open();
          const body = SAMPLES[contentType];

          const reference = await store.put(body, contentType);

          expect(reference).toEqual({ sha256: nodeSha256(body), bytes: body.byteLength, contentType });
          expect(await store.has(reference.sha256)).toBe(true);
          const stored = await store.get(reference.sha256);
          expect(stored?.contentType).toBe(contentType);
          expect(Buffer.from(stored!.body).equals(Buffer.from(body))).toBe(true);
        },
      );

      it('stores only the viewed bytes of a Uint8Array that is a window on a larger buffer', async () => {
        const { store } = await open();
        const frame = Buffer.concat([Buffer.from('websocket header'), TINY_JPEG, Buffer.from('trailer')]);
        const view = frame.subarray(16, 16 + TINY_JPEG.byteLength);

        const reference = await store.put(view, 'image/jpeg');

        expect(reference.sha256).toBe(nodeSha256(TINY_JPEG));
        expect(Buffer.from((await store.get(reference.sha256))!.body).equals(Buffer.from(TINY_JPEG))).toBe(
          true,
        );
      });

      it('answers null and false for content never stored', async () => {
        const { store } = await open();
        const sha256 = randomSha256();
        expect(await store.get(sha256)).toBeNull();
        expect(await store.has(sha256)).toBe(false);
        expect(store.stats()).toMatchObject({ reads: 1, readMisses: 1 });
      });
    });

    describe('idempotence', () => {
      it('stores the same bytes once however often they are put', async () => {
        const { store } = await open();
        const first = await store.put(TINY_JPEG, 'image/jpeg');
        const second = await store.put(Uint8Array.from(TINY_JPEG), 'image/jpeg');

        expect(second).toEqual(first);
        expect(store.stats()).toMatchObject({
          objectsWritten: 1,
          bytesWritten: TINY_JPEG.byteLength,
          deduplicatedPuts: 1,
        });
      });

      it('refuses the same bytes under a different content type', async () => {
        const { store } = await open();
        const jpeg = jpegWithComment('same bytes');
        expect(jpeg.byteLength % 2).toBe(0);
        const reference = await store.put(jpeg, 'image/jpeg');

        await expectValidationError(
          store.put(jpeg, 'audio/pcm;rate=16000'),
          'content_type_conflict',
          reference.sha256,
          'image/jpeg',
        );
        expect((await store.get(reference.sha256))?.contentType).toBe('image/jpeg');
      });

      it('keeps every object whole under concurrent puts of the same and of different bytes', async () => {
        const { store } = await open();
        const frames = Array.from({ length: 6 }, (_, index) => jpegWithComment(`frame ${index}`));
        const puts = [...frames, ...frames, ...frames].map((frame) => store.put(frame, 'image/jpeg'));

        const references = await Promise.all(puts);

        expect(new Set(references.map((reference) => reference.sha256)).size).toBe(frames.length);
        expect(store.stats()).toMatchObject({
          objectsWritten: frames.length,
          deduplicatedPuts: 2 * frames.length,
        });
        for (const frame of frames) {
          const stored = await store.get(nodeSha256(frame));
          expect(Buffer.from(stored!.body).equals(Buffer.from(frame))).toBe(true);
        }
      });
    });

    describe('validation', () => {
      it('refuses a content type outside the closed set and names the allowed ones', async () => {
        const { store } = await open();
        await expectValidationError(
          store.put(TINY_JPEG, 'image/png' as MediaContentType),
          'unsupported_content_type',
          '"image/png"',
          MEDIA_CONTENT_TYPES.join(', '),
        );
        expect(await store.has(nodeSha256(TINY_JPEG))).toBe(false);
      });

      it.each(MEDIA_CONTENT_TYPES)('refuses an empty %s body', async (contentType) => {
        const { store } = await open();
        await expectValidationError(store.put(new Uint8Array(), contentType), 'empty_body', contentType);
      });

      it('refuses a body whose magic bytes are not JPEG, showing what it found', async () => {
        const { store } = await open();
        await expectValidationError(
          store.put(SAMPLES['audio/wav'], 'image/jpeg'),
          'malformed_body',
          'FF D8 FF',
          'found 52 49 46',
        );
        await expectValidationError(
          store.put(Uint8Array.of(0xff, 0xd8, 0x00, 0x10), 'image/jpeg'),
          'malformed_body',
          'found FF D8 00',
        );
        await expectValidationError(
          store.put(Uint8Array.of(0xff, 0xd8), 'image/jpeg'),
          'malformed_body',
          'found FF D8 (only 2 bytes)',
        );
      });

      it('refuses a body that is not RIFF/WAVE, showing what it found', async () => {
        const { store } = await open();
        await expectValidationError(
          store.put(TINY_JPEG, 'audio/wav'),
          'malformed_body',
          'RIFF',
          'found FF D8 FF',
        );
        const riffButNotWave = Uint8Array.from(SAMPLES['audio/wav']);
        riffButNotWave.set([0x41, 0x56, 0x49, 0x20], 8); // "AVI "
        await expectValidationError(store.put(riffButNotWave, 'audio/wav'), 'malformed_body', 'WAVE');
      });

      it('refuses PCM16 with a torn sample', async () => {
        const { store } = await open();
        await expectValidationError(
          store.put(new Uint8Array(3), 'audio/pcm;rate=16000'),
          'malformed_body',
          'must be even',
          '3 bytes',
        );
      });

      it.each(MEDIA_CONTENT_TYPES)(
        'accepts a %s body exactly at its limit and refuses one byte more',
        async (contentType) => {
          const limit = 1024;
          const { store } = await open({ limits: { [contentType]: limit } });

          const atLimit = mediaOfSize(contentType, limit);
          expect(atLimit.byteLength).toBe(limit);
          expect((await store.put(atLimit, contentType)).bytes).toBe(limit);

          const overLimit = mediaOfSize(contentType, limit + 1);
          await expectValidationError(
            store.put(overLimit, contentType),
            'too_large',
            contentType,
            `${limit + 1} bytes`,
            `${limit}-byte limit`,
          );
          expect(await store.has(nodeSha256(overLimit))).toBe(false);
        },
      );

      it('applies the default 2 MiB frame limit when none is configured', async () => {
        const { store } = await open();
        const limit = DEFAULT_MEDIA_LIMITS['image/jpeg'];
        expect(limit).toBe(2 * 1024 * 1024);
        await expectValidationError(
          store.put(mediaOfSize('image/jpeg', limit + 1), 'image/jpeg'),
          'too_large',
        );
        expect((await store.put(mediaOfSize('image/jpeg', limit), 'image/jpeg')).bytes).toBe(limit);
      });

      it.each(INVALID_SHA256_ARGUMENTS)(
        'refuses %j as an address for get, has and delete',
        async (argument) => {
          const { store } = await open();
          const quoted = JSON.stringify(argument);
          await expectValidationError(store.get(argument), 'invalid_sha256', '64 lowercase hex', quoted);
          await expectValidationError(store.has(argument), 'invalid_sha256', quoted);
          await expectValidationError(store.delete(argument), 'invalid_sha256', quoted);
        },
      );
    });

    describe('erasure', () => {
      it('deletes an object so it is gone for get and has', async () => {
        const { store } = await open();
        const { sha256 } = await store.put(SAMPLES['audio/wav'], 'audio/wav');

        expect(await store.delete(sha256)).toBe(true);

        expect(await store.get(sha256)).toBeNull();
        expect(await store.has(sha256)).toBe(false);
        expect(await store.delete(sha256)).toBe(false);
        expect(store.stats().objectsDeleted).toBe(1);
      });

      it('answers false, not an error, when deleting what was never stored', async () => {
        const { store } = await open();
        expect(await store.delete(randomSha256())).toBe(false);
      });

      it('stores the bytes again after they were erased', async () => {
        const { store } = await open();
        const { sha256 } = await store.put(TINY_JPEG, 'image/jpeg');
        await store.delete(sha256);
        await store.put(TINY_JPEG, 'image/jpeg');
        expect((await store.get(sha256))?.contentType).toBe('image/jpeg');
      });
    });

    describe('integrity', () => {
      it('refuses to serve bytes that no longer match their sha256', async () => {
        const { store, corrupt } = await open();
        const { sha256 } = await store.put(TINY_JPEG, 'image/jpeg');
        const damaged = Uint8Array.from(TINY_JPEG);
        damaged[200] = (damaged[200] ?? 0) ^ 0xff;
        await corrupt(sha256, damaged);

        const error = await store.get(sha256).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(MediaIntegrityError);
        expect(error).toMatchObject({ code: 'digest_mismatch', sha256 });
        expect((error as Error).message).toContain(nodeSha256(damaged));
        expect(store.stats().integrityFailures).toBe(1);
      });
    });

    describe('listing', () => {
      it('lists nothing in an empty store, then every object once with its size and a recent storedAt', async () => {
        const { store } = await open();
        const listed = async () => {
          const objects = [];
          for await (const object of store.list()) objects.push(object);
          return objects.sort((a, b) => a.sha256.localeCompare(b.sha256));
        };
        expect(await listed()).toEqual([]);
        const startedAt = Math.floor(Date.now() / 1000) * 1000;
        const references = [];
        for (const contentType of MEDIA_CONTENT_TYPES) {
          references.push(await store.put(SAMPLES[contentType], contentType));
        }
        await store.put(TINY_JPEG, 'image/jpeg');
        const objects = await listed();
        expect(objects.map(({ sha256, bytes }) => ({ sha256, bytes }))).toEqual(
          references
            .map(({ sha256, bytes }) => ({ sha256, bytes }))
            .sort((a, b) => a.sha256.localeCompare(b.sha256)),
        );
        for (const object of objects) expect(object.storedAt.getTime()).toBeGreaterThanOrEqual(startedAt);
        await store.delete(references[0]!.sha256);
        expect((await listed()).map((object) => object.sha256)).not.toContain(references[0]!.sha256);
      });
    });

    describe('lifecycle', () => {
      it('refuses every operation once closed, and closes twice without error', async () => {
        const { store } = await open();
        const { sha256 } = await store.put(TINY_JPEG, 'image/jpeg');
        await store.close();
        await store.close();

        await expect(store.put(TINY_JPEG, 'image/jpeg')).rejects.toBeInstanceOf(MediaStoreClosedError);
        await expect(store.get(sha256)).rejects.toBeInstanceOf(MediaStoreClosedError);
        await expect(store.has(sha256)).rejects.toBeInstanceOf(MediaStoreClosedError);
        await expect(store.delete(sha256)).rejects.toBeInstanceOf(MediaStoreClosedError);
      });
    });
  });
}
