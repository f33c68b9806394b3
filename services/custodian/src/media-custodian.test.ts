import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand, recordFacts, sessionDecider } from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { createLocalMediaStore, type MediaStore } from '@poise/media-store';
import { poiseContracts, streamName } from '@poise/schemas';
import { memoryLogger } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaCustodian } from './start-media-custodian';

const TENANT = 'leeds-careers';
const DAY_MS = 86_400_000;
const now = new Date();

let dir: string;
let log: EventLog;
let media: MediaStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poise-retention-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
  media = createLocalMediaStore({ root: join(dir, 'media') });
});

afterAll(async () => {
  await log.close();
  await media.close();
  rmSync(dir, { recursive: true, force: true });
});

const asCandidate = (candidateId: string, sessionId: string) => ({
  tenantId: TENANT,
  actor: { kind: 'user' as const, id: candidateId, role: 'candidate' as const },
  correlationId: sessionId,
  causationId: null,
});

/** A session with `frames` distinct stored frames, started `daysAgo` before `now` under `retentionDays`. */
async function recordedSession(candidateId: string, daysAgo: number, retentionDays: number, frames = 3) {
  const sessionId = crypto.randomUUID();
  await handleCommand(
    log,
    streamName.session(sessionId),
    sessionDecider,
    {
      type: 'StartSession',
      sessionId,
      candidateId,
      questionSetId: crypto.randomUUID(),
      cohortId: null,
      source: 'live',
      startedAt: new Date(now.getTime() - daysAgo * DAY_MS).toISOString(),
      tenantPolicy: { expressionAnalysis: false, rawMediaRetentionDays: retentionDays },
    },
    asCandidate(candidateId, sessionId),
  );
  const shas: string[] = [];
  for (let sequence = 0; sequence < frames; sequence++) {
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...new TextEncoder().encode(`${sessionId}/${sequence}`),
      0xff,
      0xd9,
    ]);
    const stored = await media.put(jpeg, 'image/jpeg');
    shas.push(stored.sha256);
    const frameId = crypto.randomUUID();
    await recordFacts(
      log,
      streamName.capture(sessionId),
      [
        {
          type: 'FrameCaptured',
          data: {
            sessionId,
            frameId,
            answerId: null,
            sequence,
            offsetMs: sequence * 200,
            media: {
              sha256: stored.sha256,
              bytes: stored.bytes,
              contentType: 'image/jpeg',
              width: 64,
              height: 48,
            },
          },
        },
      ],
      asCandidate(candidateId, sessionId),
    );
  }
  return { sessionId, shas };
}

async function mediaDeleted(sessionId: string) {
  return (await log.readStream(streamName.audit(TENANT))).filter(
    (event) => event.type === 'MediaDeleted' && (event.data as { sessionId: string }).sessionId === sessionId,
  );
}

const filesOnDisk = () => readdirSync(join(dir, 'media'), { recursive: true }).length;

describe('media custodian', () => {
  it('carries out an erasure request within moments: files gone from disk, deletions on the audit trail', async () => {
    const candidate = crypto.randomUUID();
    const other = crypto.randomUUID();
    const first = await recordedSession(candidate, 2, 30);
    const second = await recordedSession(candidate, 1, 30, 2);
    const kept = await recordedSession(other, 1, 30);
    const custodian = startMediaCustodian({ log, media, logger: memoryLogger(), now: () => now });
    try {
      const [request] = await recordFacts(
        log,
        streamName.audit(TENANT),
        [
          {
            type: 'RecordingsErasureRequested',
            data: {
              candidateId: candidate,
              scope: { kind: 'all-sessions' },
              dueBy: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
            },
          },
        ],
        asCandidate(candidate, crypto.randomUUID()),
      );
      await custodian.waitForErasures();
      for (const sha of [...first.shas, ...second.shas]) expect(await media.has(sha)).toBe(false);
      for (const sha of kept.shas) expect(await media.has(sha)).toBe(true);
      const [deletion] = await mediaDeleted(first.sessionId);
      expect(deletion).toMatchObject({
        data: { reason: 'erasure-request', objectCount: 3 },
        metadata: { causationId: request!.id, actor: { kind: 'service', id: 'media-custodian' } },
      });
      expect((await mediaDeleted(second.sessionId))[0]?.data).toMatchObject({ objectCount: 2 });
      expect(await mediaDeleted(kept.sessionId)).toEqual([]);
    } finally {
      await custodian.stop();
    }

    // A second follower reading the same request (a redelivery) deletes nothing more and records nothing twice.
    const again = startMediaCustodian({
      log,
      media,
      logger: memoryLogger(),
      now: () => now,
      subscriberId: 'replay',
    });
    await again.waitForErasures();
    await again.stop();
    expect(await mediaDeleted(first.sessionId)).toHaveLength(1);
  });

  it('erases only the sessions a request names, and only the requesting candidate’s', async () => {
    const candidate = crypto.randomUUID();
    const named = await recordedSession(candidate, 1, 30);
    const unnamed = await recordedSession(candidate, 1, 30);
    const foreign = await recordedSession(crypto.randomUUID(), 1, 30);
    const custodian = startMediaCustodian({ log, media, logger: memoryLogger(), now: () => now });
    try {
      await recordFacts(
        log,
        streamName.audit(TENANT),
        [
          {
            type: 'RecordingsErasureRequested',
            data: {
              candidateId: candidate,
              scope: { kind: 'sessions', sessionIds: [named.sessionId, foreign.sessionId] },
              dueBy: now.toISOString(),
            },
          },
        ],
        asCandidate(candidate, crypto.randomUUID()),
      );
      await custodian.waitForErasures();
      expect(await media.has(named.shas[0]!)).toBe(false);
      expect(await media.has(unnamed.shas[0]!)).toBe(true);
      expect(await media.has(foreign.shas[0]!)).toBe(true);
    } finally {
      await custodian.stop();
    }
  });

  it('deletes media past the retention its session started under, once, and keeps the rest', async () => {
    const candidate = crypto.randomUUID();
    // When a session started does not matter (an import may be of an old recording): the clock runs
    // from when its media was recorded here.
    const expired = await recordedSession(candidate, 400, 30);
    const longer = await recordedSession(candidate, 400, 90);
    const recent = await recordedSession(candidate, 0, 32);
    const before = filesOnDisk();
    // 31 days after they were recorded here.
    const later = new Date(Date.now() + 31 * DAY_MS);
    const custodian = startMediaCustodian({ log, media, logger: memoryLogger(), now: () => later });
    try {
      // The sweep at start and this one run one after the other: after it, both are done.
      await custodian.sweepRetention();
      const deleted = async (sessionId: string) => (await mediaDeleted(sessionId)).length > 0;
      expect(await deleted(expired.sessionId)).toBe(true);
      expect(await deleted(longer.sessionId)).toBe(false);
      expect(await deleted(recent.sessionId)).toBe(false);
      expect(filesOnDisk()).toBeLessThan(before);
      for (const sha of expired.shas) expect(await media.has(sha)).toBe(false);
      expect(await media.has(longer.shas[0]!)).toBe(true);
      expect((await mediaDeleted(expired.sessionId))[0]?.data).toMatchObject({
        reason: 'retention-expired',
        objectCount: 3,
      });
      expect((await custodian.sweepRetention()).map((deletion) => deletion.sessionId)).not.toContain(
        expired.sessionId,
      );
      expect(await mediaDeleted(expired.sessionId)).toHaveLength(1);
    } finally {
      await custodian.stop();
    }
    expect(existsSync(join(dir, 'media'))).toBe(true);
  });
});
