import { randomUUID } from 'node:crypto';
import { queryRows, type ReadModels, sessionTimeline } from '@poise/read-models';
import { createEvent, type PoiseEventOf } from '@poise/schemas';
import { appendPlanned, memoryLogger, openTestReadModels, PracticeScenario } from '@poise/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLog } from '../test-support/test-log';
import { type Projector, startProjector } from './start-projector';
import { projectorStatus } from './stored-status';

const backend = openTestReadModels();
const testLog = openTestLog();
const tenantId = 'leeds-careers';
const scenario = new PracticeScenario(tenantId, 3);
scenario.createTenant('Leeds');
const candidate = scenario.addPerson('Ada Lovelace');
const questionSet = scenario.createQuestionSet('Set', 2);
const session = scenario.practise({
  ...questionSet,
  candidateId: candidate,
  startedAt: new Date('2025-03-03T09:00:00Z'),
  outcome: 'in-progress',
  answers: 1,
  framesPerAnswer: 2,
});
const metadataInput = {
  tenantId,
  actor: { kind: 'service' as const, id: 'inference-worker' },
  correlationId: session.sessionId,
  causationId: null,
};
const meta = (schemaVersion: number) => ({ ...metadataInput, schemaVersion });
const frameAnalysis = session.analysisEvents.find(
  (event): event is PoiseEventOf<'FrameAnalyzed'> => event.type === 'FrameAnalyzed',
)!;

let readModels: ReadModels;
let projector: Projector;
const registry = new Registry();
const logger = memoryLogger();

beforeAll(async () => {
  readModels = await backend.fresh('parking');
  await appendPlanned(testLog.log, scenario.planned);
  // What older or careless writers left in the log, appended past the contracts:
  await testLog.raw.append(`analysis-${session.sessionId}`, [
    {
      id: randomUUID(),
      type: 'AnswerScored',
      data: {
        sessionId: session.sessionId,
        scoreVersion: 1,
        supersedes: null,
        content: 'scored',
        audio: { analysedChunkIds: [], missingChunkIds: [] },
        relevance: 2,
      },
      metadata: meta(2),
    },
  ]);
  await testLog.raw.append(`capture-${session.sessionId}`, [
    {
      id: randomUUID(),
      type: 'FrameCaptured',
      data: {
        sessionId: session.sessionId,
        frameId: randomUUID(),
        answerId: null,
        sequence: 99,
        capturedAtMs: 90_000,
        sha256: 'c'.repeat(64),
        bytes: 12_345,
        contentType: 'image/jpeg',
        width: 320,
        height: 240,
      },
      metadata: meta(1),
    },
  ]);
  const unknownSession = randomUUID();
  await testLog.log.append(`analysis-${unknownSession}`, [
    createEvent('FrameAnalyzed', { ...frameAnalysis.data, sessionId: unknownSession }, metadataInput),
  ]);
  // …and a valid event after them, which must still be projected.
  await testLog.log.append(`session-${session.sessionId}`, [
    createEvent(
      'SessionEnded',
      { sessionId: session.sessionId, durationMs: 120_000, questionsAsked: 1, answersGiven: 1 },
      metadataInput,
    ),
  ]);
  projector = startProjector({
    log: testLog.log,
    readModels,
    logger,
    registry,
    batchSize: 20,
    flushIntervalMs: 10,
  });
  await projector.waitForCatchUp();
}, 60_000);
afterAll(async () => {
  await projector.stop();
  await testLog.close();
  await backend.close();
});

describe('events the projection cannot take', () => {
  it('are parked with the reason, counted, logged, and the projection goes on', async () => {
    const parked = await queryRows<{ event_type: string; stream_name: string; reason: string }>(
      readModels,
      'SELECT event_type, stream_name, reason FROM {db:Identifier}.projector_parked FINAL ORDER BY position',
    );
    expect(parked).toEqual([
      {
        event_type: 'AnswerScored',
        stream_name: `analysis-${session.sessionId}`,
        reason: expect.stringMatching(/^Invalid AnswerScored event at data\.answerId: is required/),
      },
      {
        event_type: 'FrameAnalyzed',
        stream_name: expect.stringMatching(/^analysis-/),
        reason: expect.stringMatching(/^no SessionStarted has been projected for session /),
      },
    ]);
    expect(await registry.getSingleMetricAsString('poise_projector_parked_total')).toMatch(
      /^poise_projector_parked_total 2$/m,
    );
    expect(logger.lines.filter((line) => line.message === 'event parked')).toHaveLength(2);
    const status = await projector.status();
    expect(status).toMatchObject({ eventsParked: 2, lag: 0n, state: 'running' });
    expect(await projectorStatus({ log: testLog.log, readModels })).toMatchObject({
      position: status.position,
      pending: null,
      lag: 0n,
      parked: 2,
      lastCommitAt: expect.any(Date),
    });
    const timeline = await sessionTimeline(readModels, { tenantId, sessionId: session.sessionId });
    expect(timeline!.session.status).toBe('ended');
  });

  it('projects an old event version like a new one, through its upcaster', async () => {
    const timeline = await sessionTimeline(readModels, { tenantId, sessionId: session.sessionId });
    expect(timeline!.media.find((media) => media.offsetMs === 90_000)).toMatchObject({
      kind: 'frame',
      sha256: 'c'.repeat(64),
      bytes: 12_345,
      contentType: 'image/jpeg',
    });
  });

  it('parks an event it cannot upcast when reading the log without contracts', async () => {
    const readModelsRaw = await backend.fresh('parking_raw');
    await testLog.raw.append(`capture-${session.sessionId}`, [
      { id: randomUUID(), type: 'FrameCaptured', data: {}, metadata: meta(7) },
    ]);
    const raw = startProjector({
      log: testLog.raw,
      readModels: readModelsRaw,
      logger: memoryLogger(),
      batchSize: 500,
      flushIntervalMs: 10,
    });
    try {
      await raw.waitForCatchUp();
      const parked = await queryRows<{ reason: string }>(
        readModelsRaw,
        "SELECT reason FROM {db:Identifier}.projector_parked FINAL WHERE event_type = 'FrameCaptured'",
      );
      expect(parked).toEqual([
        { reason: expect.stringMatching(/written at version 7 .* deploy the newer @poise\/schemas/) },
      ]);
    } finally {
      await raw.stop();
    }
  });
});
