import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  handleCommand,
  readPoiseStream,
  recordFacts,
  type SessionCommand,
  sessionDecider,
} from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts, streamName } from '@poise/schemas';
import { memoryLogger } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureAuditor } from './capture-auditor';

const TENANT = 'leeds-careers';
let dir: string;
let log: EventLog;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poise-capture-audit-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
});

afterAll(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A session through the session's rules, with `frames` frames and `chunks` audio chunks captured. */
async function practised(options: { consent: boolean; frames: number; chunks: number }) {
  const sessionId = randomUUID();
  const candidateId = randomUUID();
  const context = {
    tenantId: TENANT,
    actor: { kind: 'user' as const, id: candidateId, role: 'candidate' as const },
    correlationId: sessionId,
    causationId: null,
  };
  const command = (session: SessionCommand) =>
    handleCommand(log, streamName.session(sessionId), sessionDecider, session, context);
  await command({
    type: 'StartSession',
    sessionId,
    candidateId,
    questionSetId: randomUUID(),
    cohortId: null,
    source: 'live',
    startedAt: new Date().toISOString(),
    tenantPolicy: { expressionAnalysis: false, rawMediaRetentionDays: 30 },
  });
  const notice = { noticeVersion: 'test', noticeSha256: 'e'.repeat(64) };
  if (!options.consent) {
    await command({ type: 'RefuseConsent', candidateId, ...notice });
    await command({ type: 'AbandonSession', reason: 'consent-refused', lastActivityOffsetMs: 0 });
    return { sessionId, candidateId };
  }
  await command({
    type: 'GiveConsent',
    candidateId,
    ...notice,
    recordVideo: true,
    recordAudio: true,
    expressionAnalysis: false,
  });
  const sha256 = 'a'.repeat(64);
  const frames = Array.from({ length: options.frames }, (_, sequence) => ({
    type: 'FrameCaptured' as const,
    data: {
      sessionId,
      answerId: null,
      sequence,
      offsetMs: sequence * 200,
      frameId: randomUUID(),
      media: { sha256, bytes: 1000, contentType: 'image/jpeg' as const, width: 320, height: 240 },
    },
  }));
  const chunks = Array.from({ length: options.chunks }, (_, sequence) => ({
    type: 'AudioChunkCaptured' as const,
    data: {
      sessionId,
      answerId: null,
      sequence,
      offsetMs: sequence * 1000,
      chunkId: randomUUID(),
      media: {
        sha256,
        bytes: 32_044,
        contentType: 'audio/wav' as const,
        sampleRate: 16_000,
        channels: 1,
        samples: 16_000,
      },
    },
  }));
  await recordFacts(log, streamName.capture(sessionId), [...frames, ...chunks], context);
  await command({ type: 'EndSession', durationMs: 5_000 });
  return { sessionId, candidateId };
}

const completedOf = async (sessionId: string) =>
  (await readPoiseStream(log, streamName.audit(TENANT))).filter(
    (event) => event.type === 'CaptureCompleted' && event.data.sessionId === sessionId,
  );

describe('capture auditor', () => {
  it('records each consented capture once, with its counts, also after a restart', async () => {
    const captured = await practised({ consent: true, frames: 5, chunks: 2 });
    const declined = await practised({ consent: false, frames: 0, chunks: 0 });
    let auditor = startCaptureAuditor({ log, logger: memoryLogger() });
    await auditor.waitForCatchUp();
    const [completed, ...more] = await completedOf(captured.sessionId);
    expect(more).toEqual([]);
    expect(completed?.data).toMatchObject({
      sessionId: captured.sessionId,
      candidateId: captured.candidateId,
      frames: 5,
      audioChunks: 2,
      byteCount: 5 * 1000 + 2 * 32_044,
      firstCapturedAt: expect.any(String),
      lastCapturedAt: expect.any(String),
    });
    expect(completed?.metadata.actor).toEqual({ kind: 'system', id: 'capture-auditor' });
    expect(await completedOf(declined.sessionId)).toEqual([]);

    await auditor.stop();
    // A restart from scratch (checkpoint lost) records nothing twice: the id is the session's.
    auditor = startCaptureAuditor({ log, logger: memoryLogger(), subscriberId: 'capture-auditor-again' });
    await auditor.waitForCatchUp();
    expect(await completedOf(captured.sessionId)).toHaveLength(1);
    await auditor.stop();
  });
});
