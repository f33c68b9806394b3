import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventLog, type EventLog, withContracts } from '@poise/event-log';
import { poiseContracts, streamName, uuidV5 } from '@poise/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendHistory,
  type CommandContext,
  handleCommand,
  stampEvents,
  startStream,
} from './command-handler';
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

describe('startStream', () => {
  const policiesOf = (tenantId: string) =>
    [
      { type: 'RetentionPolicySet', data: { tenantId, rawMediaRetentionDays: 30 } },
      { type: 'ExpressionAnalysisPolicySet', data: { tenantId, enabled: false } },
    ] as const;
  const seedContext = (tenantId: string, name: string): CommandContext => ({
    tenantId,
    actor: { kind: 'system', id: 'seed' },
    correlationId: uuidV5('33333333-3333-4333-8333-333333333333', name),
    causationId: null,
    synthetic: true,
    eventId: (_event, index) => uuidV5('33333333-3333-4333-8333-333333333333', `${name}/${index}`),
  });

  it('writes a new stream whole, stamped, and answers a rerun of the same ids without writing', async () => {
    const tenantId = `t-${crypto.randomUUID().slice(0, 8)}`;
    const stream = streamName.tenant(tenantId);
    const written = await startStream(log, stream, policiesOf(tenantId), seedContext(tenantId, stream));
    expect(written?.map((event) => event.type)).toEqual([
      'RetentionPolicySet',
      'ExpressionAnalysisPolicySet',
    ]);
    const rerun = await startStream(log, stream, policiesOf(tenantId), seedContext(tenantId, stream));
    expect(rerun).not.toBeNull();
    const stored = await log.readStream(stream);
    expect(stored).toHaveLength(2);
    expect(stored[0]?.metadata).toMatchObject({ tenantId, synthetic: true, schemaVersion: 1 });
  });

  it('returns null, writing nothing, when the stream already holds other events', async () => {
    const tenantId = `t-${crypto.randomUUID().slice(0, 8)}`;
    const stream = streamName.tenant(tenantId);
    await startStream(log, stream, policiesOf(tenantId), seedContext(tenantId, stream));
    expect(
      await startStream(log, stream, policiesOf(tenantId), seedContext(tenantId, `${stream}/other`)),
    ).toBeNull();
    expect(await log.readStream(stream)).toHaveLength(2);
  });
});

describe('appendHistory', () => {
  it('appends events stamped ahead of time, each with its own occurredAt, and a rerun writes nothing', async () => {
    const tenantId = `t-${crypto.randomUUID().slice(0, 8)}`;
    const stream = streamName.tenant(tenantId);
    const at = (day: number, index: number): CommandContext => ({
      tenantId,
      actor: { kind: 'system', id: 'generator' },
      correlationId: uuidV5('44444444-4444-4444-8444-444444444444', stream),
      causationId: null,
      occurredAt: `2026-0${day}-01T00:00:00.000Z`,
      eventId: () => uuidV5('44444444-4444-4444-8444-444444444444', `${stream}/${index}`),
    });
    const history = [1, 2].flatMap((day, index) =>
      stampEvents(
        [{ type: 'RetentionPolicySet', data: { tenantId, rawMediaRetentionDays: day } }],
        at(day, index),
      ),
    );
    await appendHistory(log, stream, history);
    await appendHistory(log, stream, history);
    const stored = await log.readStream(stream);
    expect(stored.map((event) => event.metadata.occurredAt)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
    ]);
  });
});
