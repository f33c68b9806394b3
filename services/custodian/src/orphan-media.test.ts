import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordFacts } from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { poiseContracts, streamName } from '@poise/schemas';
import { memoryLogger } from '@poise/testing';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referencedMedia, startOrphanMediaSweeper } from './orphan-media';

const TENANT = 'leeds-careers';
const HOUR_MS = 3_600_000;

let dir: string;
let log: EventLog;
let media: MediaStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poise-orphans-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
  media = createLocalMediaStore({ root: join(dir, 'media') });
});

afterEach(async () => {
  await log.close();
  await media.close();
  rmSync(dir, { recursive: true, force: true });
});

const jpeg = (label: string) =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(label), 0xff, 0xd9]);
const pathOf = (sha256: string, ext: string) =>
  join(dir, 'media', sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${ext}`);

async function backdate(sha256: string, ext: string, ms: number) {
  const when = new Date(Date.now() - ms);
  await utimes(pathOf(sha256, ext), when, when);
}

/** A frame and an audio chunk stored and named by events of one capture stream. */
async function referenced(label: string): Promise<{ frame: string; audio: string }> {
  const sessionId = crypto.randomUUID();
  const frame = await media.put(jpeg(label), 'image/jpeg');
  const audio = await media.put(new Uint8Array(640).fill(label.length), 'audio/pcm;rate=16000');
  const base = { sessionId, answerId: null, sequence: 0, offsetMs: 0 };
  await recordFacts(
    log,
    streamName.capture(sessionId),
    [
      {
        type: 'FrameCaptured',
        data: {
          ...base,
          frameId: crypto.randomUUID(),
          media: { ...frame, contentType: 'image/jpeg', width: 64, height: 48 },
        },
      },
      {
        type: 'AudioChunkCaptured',
        data: {
          ...base,
          chunkId: crypto.randomUUID(),
          media: { ...audio, contentType: 'audio/pcm', sampleRate: 16_000, channels: 1, samples: 320 },
        },
      },
    ],
    {
      tenantId: TENANT,
      actor: { kind: 'user', id: crypto.randomUUID(), role: 'candidate' },
      correlationId: sessionId,
      causationId: null,
    },
  );
  return { frame: frame.sha256, audio: audio.sha256 };
}

async function metric(registry: Registry, name: string): Promise<number> {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (found?.values[0]?.value as number | undefined) ?? 0;
}

describe('orphan media sweep', () => {
  it('deletes unreferenced objects past the grace period, keeps referenced and recent ones, on disk', async () => {
    const kept = await referenced('kept');
    const oldKept = await referenced('old but referenced');
    await backdate(oldKept.frame, 'jpg', 48 * HOUR_MS);
    await backdate(oldKept.audio, 'pcm16k', 48 * HOUR_MS);
    const orphans = [];
    for (let i = 0; i < 20; i++) {
      const { sha256, bytes } = await media.put(jpeg(`orphan ${i}`), 'image/jpeg');
      await backdate(sha256, 'jpg', 2 * HOUR_MS);
      orphans.push({ sha256, bytes });
    }
    const recent = await media.put(jpeg('recent orphan'), 'image/jpeg');
    const registry = new Registry();
    const logger = memoryLogger();
    const sweeper = startOrphanMediaSweeper({ log, media, logger, graceMs: HOUR_MS, registry });
    try {
      // The sweep at start ran first; this one finds nothing more to do.
      expect(await sweeper.sweep()).toEqual({ objectCount: 0, byteCount: 0, referenced: 4, withinGrace: 1 });
    } finally {
      await sweeper.stop();
    }
    for (const { sha256 } of orphans) expect(existsSync(pathOf(sha256, 'jpg'))).toBe(false);
    for (const sha256 of [kept.frame, oldKept.frame]) expect(existsSync(pathOf(sha256, 'jpg'))).toBe(true);
    for (const sha256 of [kept.audio, oldKept.audio]) expect(existsSync(pathOf(sha256, 'pcm16k'))).toBe(true);
    expect(existsSync(pathOf(recent.sha256, 'jpg'))).toBe(true);
    const orphanBytes = orphans.reduce((sum, o) => sum + o.bytes, 0);
    expect(await metric(registry, 'poise_custodian_orphan_media_swept_total')).toBe(20);
    expect(await metric(registry, 'poise_custodian_orphan_media_swept_bytes_total')).toBe(orphanBytes);
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'unreferenced media deleted',
      fields: { objectCount: 20, byteCount: orphanBytes, referenced: 4, withinGrace: 1 },
    });
  });

  it('keeps an old object that is put again for a new event (the put refreshes it)', async () => {
    const { sha256 } = await media.put(jpeg('black frame'), 'image/jpeg');
    await backdate(sha256, 'jpg', 48 * HOUR_MS);
    await media.put(jpeg('black frame'), 'image/jpeg');
    const sweeper = startOrphanMediaSweeper({ log, media, logger: memoryLogger(), graceMs: HOUR_MS });
    try {
      expect(await sweeper.sweep()).toMatchObject({ objectCount: 0, withinGrace: 1 });
    } finally {
      await sweeper.stop();
    }
    expect(existsSync(pathOf(sha256, 'jpg'))).toBe(true);
  });

  it.each([1, 2, 5, 6, 7, 5000])('reads the references a page at a time (pages of %i)', async (pageSize) => {
    const expected = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const { frame, audio } = await referenced(`page ${i}`);
      expected.add(frame).add(audio);
    }
    expect(await referencedMedia(log, pageSize)).toEqual(expected);
  });
});
