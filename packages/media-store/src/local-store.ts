import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type ContentAddressedStoreOptions, createContentAddressedStore } from './content-addressed-store';
import { MEDIA_CONTENT_TYPES, type MediaContentType } from './content-types';
import type { MediaStore, StoredObjectInfo } from './port';

export interface LocalMediaStoreOptions extends ContentAddressedStoreOptions {
  /** Directory holding the objects; created on first write. */
  readonly root: string;
}

/** The file extension records the content type, so an object is one file renamed into place at once. */
const EXTENSIONS: Readonly<Record<MediaContentType, string>> = {
  'image/jpeg': 'jpg',
  'audio/wav': 'wav',
  'audio/pcm;rate=16000': 'pcm16k',
};

/** Temp files start with a dot and never match `<sha256>.<ext>`, so a crash leaves only litter, never an object. */
const TEMP_PREFIX = '.tmp-';

const OBJECT_FILE = /^([0-9a-f]{64})\.(jpg|wav|pcm16k)$/;
const SHARD = /^[0-9a-f]{2}$/;

/** Objects live at `root/ab/cd/<sha256>.<ext>`; two levels keep directories small at millions of frames. */
export function createLocalMediaStore(options: LocalMediaStoreOptions): MediaStore {
  const root = resolve(options.root);
  const shardDir = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  const objectPath = (sha256: string, contentType: MediaContentType) =>
    join(shardDir(sha256), `${sha256}.${EXTENSIONS[contentType]}`);

  /** Tries each content type in a fixed order, so a lookup is deterministic and needs no directory listing. */
  async function firstExisting<T>(
    sha256: string,
    attempt: (path: string, contentType: MediaContentType) => Promise<T>,
  ): Promise<T | null> {
    for (const contentType of MEDIA_CONTENT_TYPES) {
      const result = await ignoreMissing(attempt(objectPath(sha256, contentType), contentType));
      if (result !== null) return result;
    }
    return null;
  }

  return createContentAddressedStore(
    {
      head: (sha256) =>
        firstExisting(sha256, async (path, contentType) => ({ contentType, bytes: (await stat(path)).size })),

      read: (sha256) =>
        firstExisting(sha256, async (path, contentType) => {
          const file = await readFile(path);
          return { contentType, body: new Uint8Array(file.buffer, file.byteOffset, file.byteLength) };
        }),

      async write(sha256, body, contentType) {
        const dir = shardDir(sha256);
        await mkdir(dir, { recursive: true });
        const tempPath = join(dir, `${TEMP_PREFIX}${sha256}-${randomUUID()}`);
        try {
          await writeDurably(tempPath, body);
          // rename replaces atomically, so concurrent writers of the same bytes simply race to an identical file.
          await rename(tempPath, objectPath(sha256, contentType));
        } catch (error) {
          await ignoreMissing(unlink(tempPath));
          throw error;
        }
        await syncDirectory(dir);
      },

      async remove(sha256) {
        const removed = await Promise.all(
          MEDIA_CONTENT_TYPES.map((contentType) => removeFile(objectPath(sha256, contentType))),
        );
        return removed.includes(true);
      },

      async touch(sha256, contentType) {
        const now = new Date();
        await ignoreMissing(utimes(objectPath(sha256, contentType), now, now));
      },

      async *list(): AsyncIterable<StoredObjectInfo> {
        for (const first of await listDirectory(root)) {
          if (!SHARD.test(first)) continue;
          for (const second of await listDirectory(join(root, first))) {
            if (!SHARD.test(second)) continue;
            const dir = join(root, first, second);
            for (const name of await listDirectory(dir)) {
              const match = OBJECT_FILE.exec(name);
              if (match === null) continue;
              const info = await ignoreMissing(stat(join(dir, name)));
              if (info === null || !info.isFile()) continue;
              yield { sha256: match[1]!, bytes: info.size, storedAt: info.mtime };
            }
          }
        }
      },

      async close() {},
    },
    options,
  );
}

/** The bytes reach the disk before the rename publishes them, so a power cut cannot expose a partial object. */
async function writeDurably(path: string, body: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Persists the new directory entry, so a put that returned survives a crash (its event may already be in the log). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Names in a directory; none when it does not exist (nothing stored yet). */
async function listDirectory(path: string): Promise<string[]> {
  return (await ignoreMissing(readdir(path))) ?? [];
}

async function removeFile(path: string): Promise<boolean> {
  return (await ignoreMissing(unlink(path).then(() => true))) ?? false;
}

async function ignoreMissing<T>(operation: Promise<T>): Promise<T | null> {
  try {
    return await operation;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
