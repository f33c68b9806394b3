import { randomUUID } from 'node:crypto';
import { auditTrail, listUsers, sessionActivity } from '@poise/read-models';
import { createEvent, streamName } from '@poise/schemas';
import { appendPlanned, memoryLogger, openTestReadModels, PracticeScenario } from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startProjector } from '../projector/start-projector';
import { cleanProjection } from '../test-support/clean-projection';
import { dumpReadModels } from '../test-support/read-model-dump';
import { openTestLog } from '../test-support/test-log';

const backend = openTestReadModels();
const testLog = openTestLog();
afterAll(async () => {
  await testLog.close();
  await backend.close();
});

describe('erasure', () => {
  it("removes what the log no longer holds: the person's row, their user-stream audit rows and their media references", async () => {
    const tenantId = 'leeds-careers';
    const scenario = new PracticeScenario(tenantId, 4);
    scenario.createTenant('Leeds');
    const ada = scenario.addPerson('Ada');
    const ben = scenario.addPerson('Ben');
    scenario.signIn(ada).signIn(ben);
    const questionSet = scenario.createQuestionSet('Set', 1);
    const session = scenario.practise({
      ...questionSet,
      candidateId: ada,
      startedAt: new Date('2025-03-03T09:00:00Z'),
      answers: 1,
    });
    await appendPlanned(testLog.log, scenario.planned);

    const readModels = await backend.fresh('erasure');
    const projector = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      flushIntervalMs: 10,
    });
    await projector.waitForCatchUp();
    expect((await listUsers(readModels, { tenantId })).map((user) => user.displayName)).toEqual([
      'Ada',
      'Ben',
    ]);
    expect(
      (await sessionActivity(readModels, { tenantId, sessionId: session.sessionId })).framesCaptured,
    ).toBe(8);

    const system = {
      tenantId,
      actor: { kind: 'system' as const, id: 'erasure' },
      correlationId: randomUUID(),
      causationId: null,
    };
    const erased = [streamName.user(ada), streamName.capture(session.sessionId)];
    for (const stream of erased) await testLog.log.deleteStream(stream);
    await testLog.log.append(streamName.audit(tenantId), [
      createEvent(
        'MediaDeleted',
        { sessionId: session.sessionId, reason: 'erasure-request', objectCount: 10, byteCount: 208_000 },
        system,
      ),
      createEvent('UserErased', { userId: ada, streamsDeleted: erased, mediaObjectsDeleted: 10 }, system),
    ]);
    await projector.waitForCatchUp();
    await projector.stop();

    expect((await listUsers(readModels, { tenantId })).map((user) => user.displayName)).toEqual(['Ben']);
    const trail = await auditTrail(readModels, {
      tenantId,
      from: new Date(0),
      to: new Date('2100-01-01T00:00:00Z'),
      limit: 1000,
    });
    expect(trail.entries.filter((entry) => entry.streamName === streamName.user(ada))).toEqual([]);
    expect(trail.entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['UserErased', 'MediaDeleted', 'SessionStarted']),
    );
    expect(trail.entries.filter((entry) => entry.action === 'UserSignedIn')).toHaveLength(1);
    expect(await sessionActivity(readModels, { tenantId, sessionId: session.sessionId })).toMatchObject({
      framesCaptured: 0,
      audioChunksCaptured: 0,
      framesAnalyzed: 8,
    });
    expect(await dumpReadModels(readModels)).toEqual(
      await dumpReadModels(await cleanProjection(testLog.log, backend)),
    );
  });
});
