import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts, streamName, uuidV5 } from '@poise/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandContext, handleCommand } from './command-handler';
import { DomainRuleError } from './decider';
import { sessionDecider } from './sessions/session-decider';

let dir: string;
let log: EventLog;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poise-domain-'));
  log = withContracts(createSqliteEventLog({ path: join(dir, 'events.db') }), poiseContracts);
});

afterAll(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

const candidateId = '22222222-2222-4222-8222-222222222222';
const notice = { noticeVersion: '2026-11', noticeSha256: 'b'.repeat(64) };

function startCommand(sessionId: string) {
  return {
    type: 'StartSession',
    sessionId,
    candidateId,
    questionSetId: '33333333-3333-4333-8333-333333333333',
    cohortId: null,
    source: 'live',
    startedAt: '2026-12-01T10:00:00.000Z',
    tenantPolicy: { expressionAnalysis: true, rawMediaRetentionDays: 60 },
  } as const;
}

const context = (sessionId: string): CommandContext => ({
  tenantId: 'leeds-careers',
  actor: { kind: 'user', id: candidateId, role: 'candidate' },
  correlationId: sessionId,
  causationId: null,
});

describe('handleCommand', () => {
  it('appends what the decider decides, stamped with the context and the schema version', async () => {
    const sessionId = crypto.randomUUID();
    const stream = streamName.session(sessionId);
    const result = await handleCommand(
      log,
      stream,
      sessionDecider,
      startCommand(sessionId),
      context(sessionId),
    );
    expect(result.state.status).toBe('in-progress');
    const [stored] = await log.readStream(stream);
    expect(stored).toMatchObject({
      type: 'SessionStarted',
      metadata: { tenantId: 'leeds-careers', correlationId: sessionId, causationId: null, schemaVersion: 1 },
    });
    expect(stored!.id).toBe(result.events[0]!.id);
  });

  it('writes nothing when the rules refuse the command', async () => {
    const sessionId = crypto.randomUUID();
    const stream = streamName.session(sessionId);
    const consent = {
      type: 'GiveConsent',
      candidateId,
      ...notice,
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: true,
    } as const;
    await expect(
      handleCommand(log, stream, sessionDecider, consent, context(sessionId)),
    ).rejects.toBeInstanceOf(DomainRuleError);
    expect(await log.readStream(stream)).toEqual([]);
  });

  it('decides again on the state another writer left when two race on one stream', async () => {
    const sessionId = crypto.randomUUID();
    const stream = streamName.session(sessionId);
    await handleCommand(log, stream, sessionDecider, startCommand(sessionId), context(sessionId));
    const give = (expressionAnalysis: boolean) =>
      handleCommand(
        log,
        stream,
        sessionDecider,
        {
          type: 'GiveConsent',
          candidateId,
          ...notice,
          recordVideo: true,
          recordAudio: true,
          expressionAnalysis,
        },
        context(sessionId),
      );
    const outcomes = await Promise.allSettled([give(true), give(false)]);
    // One consent is recorded; the loser re-read it and was refused (a different decision), not appended.
    const consents = (await log.readStream(stream)).filter((event) => event.type === 'ConsentGiven');
    expect(consents).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'consent-decided' });
  });

  it('makes a resent command a no-op with deterministic ids', async () => {
    const sessionId = crypto.randomUUID();
    const stream = streamName.session(sessionId);
    const deterministic = { ...context(sessionId), eventId: () => uuidV5(sessionId, 'started') };
    await handleCommand(log, stream, sessionDecider, startCommand(sessionId), deterministic);
    await expect(
      handleCommand(log, stream, sessionDecider, startCommand(sessionId), deterministic),
    ).rejects.toMatchObject({ code: 'session-exists' });
    expect(await log.readStream(stream)).toHaveLength(1);
  });
});
