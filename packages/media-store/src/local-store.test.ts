import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeMediaStoreContract } from './contract';
import { MediaIntegrityError } from './errors';
import { encodePcm16, jpegWithComment, sineWave, TINY_JPEG } from './fixtures';
import { createLocalMediaStore } from './local-store';

const scratch = await mkdtemp(join(tmpdir(), 'poise-media-local-'));
let roots = 0;
const freshRoot = () => join(scratch, `store-${roots++}`);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** Where the layout puts an object, relative to the store's root. */
const objectFile = (sha256: string, extension: string) =>
  join(sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${extension}`);

describeMediaStoreContract('local directory', {
  async open(options) {
    const root = freshRoot();
    const store = createLocalMediaStore({ root, ...options });
    return {
      store,
      async corrupt(sha256, replacement) {
        await writeFile(join(root, objectFile(sha256, 'jpg')), replacement);
      },
    };
  },
});

describe('local media store on disk', () => {
  it('lists only object files (not temp litter or strays), and a repeated put refreshes an old object', async () => {
    const root = freshRoot();
    const store = createLocalMediaStore({ root });
    const { sha256 } = await store.put(TINY_JPEG, 'image/jpeg');
    const path = join(root, objectFile(sha256, 'jpg'));
    const dir = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
    await writeFile(join(dir, `.tmp-${sha256}-litter`), 'x');
    await writeFile(join(dir, 'notes.txt'), 'x');
    await mkdir(join(root, 'zz', 'zz'), { recursive: true });
    await writeFile(join(root, 'zz', 'zz', `${'f'.repeat(64)}.jpg`), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(path, twoDaysAgo, twoDaysAgo);
    const listed = async () => {
      const objects = [];
      for await (const object of store.list()) objects.push(object);
      return objects;
    };
    const before = await listed();
    expect(before.map((o) => [o.sha256, o.bytes])).toEqual([[sha256, TINY_JPEG.byteLength]]);
    expect(before[0]!.storedAt.getTime()).toBeLessThan(Date.now() - 86_400_000);

    const putAgainAt = Date.now() - 1000;
    await store.put(TINY_JPEG, 'image/jpeg');
    expect((await listed())[0]!.storedAt.getTime()).toBeGreaterThanOrEqual(putAgainAt);
    await store.close();
  });

  it('lays objects out as root/ab/cd/<sha256>.<ext> holding exactly the bytes', async () => {
    const root = freshRoot();
    const store = createLocalMediaStore({ root });
    const pcm = encodePcm16(sineWave(300, 10));

    const jpeg = await store.put(TINY_JPEG, 'image/jpeg');
    const audio = await store.put(pcm, 'audio/pcm;rate=16000');

    expect(await listFiles(root)).toEqual(
      [objectFile(jpeg.sha256, 'jpg'), objectFile(audio.sha256, 'pcm16k')].sort(),
    );
    expect((await readFile(join(root, objectFile(jpeg.sha256, 'jpg')))).equals(Buffer.from(TINY_JPEG))).toBe(
      true,
    );
    await store.close();
  });

  it('leaves one file and no temp files when two stores put the same bytes at once', async () => {
    const root = freshRoot();
    const first = createLocalMediaStore({ root });
    const second = createLocalMediaStore({ root });
    const frame = jpegWithComment('shared');

    await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).put(frame, 'image/jpeg')),
    );

    const sha256 = createHash('sha256').update(frame).digest('hex');
    expect(await listFiles(root)).toEqual([objectFile(sha256, 'jpg')]);
    await Promise.all([first.close(), second.close()]);
  });

  it('never serves a partial temp file left by a crash', async () => {
    const root = freshRoot();
    const store = createLocalMediaStore({ root });
    const sha256 = createHash('sha256').update(TINY_JPEG).digest('hex');
    const shard = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
    await mkdir(shard, { recursive: true });
    await writeFile(join(shard, `.tmp-${sha256}-crashed`), TINY_JPEG.subarray(0, 100));

    expect(await store.has(sha256)).toBe(false);
    expect(await store.get(sha256)).toBeNull();
    await store.close();
  });

  it('detects a truncated file on get and repairs it on the next put of the same bytes', async () => {
    const root = freshRoot();
    const store = createLocalMediaStore({ root });
    const { sha256 } = await store.put(TINY_JPEG, 'image/jpeg');
    await truncate(join(root, objectFile(sha256, 'jpg')), 100);

    await expect(store.get(sha256)).rejects.toBeInstanceOf(MediaIntegrityError);
    await store.put(TINY_JPEG, 'image/jpeg');

    const stored = await store.get(sha256);
    expect(Buffer.from(stored!.body).equals(Buffer.from(TINY_JPEG))).toBe(true);
    expect(store.stats()).toMatchObject({ objectsWritten: 2, deduplicatedPuts: 0 });
    await store.close();
  });
});
