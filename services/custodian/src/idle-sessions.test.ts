import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold, handleCommand, readPoiseStream, sessionDecider } from '@poise/domain';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts, streamName } from '@poise/schemas';
import { memoryLogger } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdleSessionCloser } from './idle-sessions';

const TENANT = 'leeds-careers';
const MINUTE = 60_000;
let dir: string;
let log: EventLog;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poise-idle-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
});

afterAll(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

async function session(options: { consent?: boolean; end?: boolean } = {}) {
  const sessionId = crypto.randomUUID();
  const candidateId = crypto.randomUUID();
  const stream = streamName.session(sessionId);
  const context = {
    tenantId: TENANT,
    actor: { kind: 'user' as const, id: candidateId, role: 'candidate' as const },
    correlationId: sessionId,
    causationId: null,
  };
  const start = {
    type: 'StartSession' as const,
    sessionId,
    candidateId,
    questionSetId: crypto.randomUUID(),
    cohortId: null,
    source: 'live' as const,
    startedAt: new Date().toISOString(),
    tenantPolicy: { expressionAnalysis: false, rawMediaRetentionDays: 30 },
  };
  await handleCommand(log, stream, sessionDecider, start, context);
  if (options.consent !== false) {
    const consent = {
      type: 'GiveConsent' as const,
      candidateId,
      noticeVersion: 'test',
      noticeSha256: 'e'.repeat(64),
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: false,
    };
    await handleCommand(log, stream, sessionDecider, consent, context);
  }
  if (options.end === true)
    await handleCommand(log, stream, sessionDecider, { type: 'EndSession', durationMs: 1_000 }, context);
  return { sessionId, context };
}

const statusOf = async (sessionId: string) =>
  fold(sessionDecider, await readPoiseStream(log, streamName.session(sessionId))).status;

describe('idle session closer', () => {
  it('abandons sessions without activity for the idle time, as inactive, once; leaves ended ones', async () => {
    const left = await session();
    const neverConsented = await session({ consent: false });
    const ended = await session({ end: true });
    const logger = memoryLogger();

    // Time is passed in: now nothing is idle yet.
    const early = startIdleSessionCloser({ log, logger, idleAfterMs: 30 * MINUTE });
    expect(await early.closeIdleSessions()).toEqual([]);
    await early.stop();

    const later = new Date(Date.now() + 31 * MINUTE);
    const closer = startIdleSessionCloser({ log, logger, idleAfterMs: 30 * MINUTE, now: () => later });
    const closed = await closer.closeIdleSessions();
    await closer.stop();
    // The check at start may have closed them first; either way both are abandoned now.
    expect(await statusOf(left.sessionId)).toBe('abandoned');
    expect(await statusOf(neverConsented.sessionId)).toBe('abandoned');
    expect(await statusOf(ended.sessionId)).toBe('ended');
    expect(closed).not.toContain(ended.sessionId);
    const abandoned = (await readPoiseStream(log, streamName.session(left.sessionId))).at(-1);
    expect(abandoned).toMatchObject({
      type: 'SessionAbandoned',
      data: { reason: 'inactive' },
      metadata: { actor: { kind: 'service', id: 'session-keeper' } },
    });

    const again = startIdleSessionCloser({ log, logger, idleAfterMs: 30 * MINUTE, now: () => later });
    expect(await again.closeIdleSessions()).toEqual([]);
    await again.stop();
    const abandonedEvents = (await readPoiseStream(log, streamName.session(left.sessionId))).filter(
      (event) => event.type === 'SessionAbandoned',
    );
    expect(abandonedEvents).toHaveLength(1);
  });
});
