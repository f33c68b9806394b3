import { randomUUID } from 'node:crypto';
import { recordFacts } from '@poise/domain';
import {
  auditTrail,
  candidateSessions,
  listUsers,
  queryRows,
  type ReadModels,
  sessionKeyedTables,
} from '@poise/read-models';
import { streamName } from '@poise/schemas';
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

const tenantId = 'leeds-careers';

/** Rows any read model still holds of these sessions, per table (tables with none left out). */
async function rowsOfSessions(readModels: ReadModels, sessionIds: readonly string[]) {
  const counts: Record<string, number> = {};
  for (const table of sessionKeyedTables) {
    const [row] = await queryRows<{ rows: string }>(
      readModels,
      `SELECT count() AS rows FROM {db:Identifier}.{table:Identifier}
WHERE session_id IN {sessionIds:Array(UUID)}`,
      { table, sessionIds },
    );
    if (Number(row!.rows) > 0) counts[table] = Number(row!.rows);
  }
  return counts;
}

const wholeTrail = (readModels: ReadModels) =>
  auditTrail(readModels, {
    tenantId,
    from: new Date(0),
    to: new Date('2100-01-01T00:00:00Z'),
    limit: 1000,
  });

describe('erasure', () => {
  it("removes everything of the person's deleted streams, and a rebuild from the log brings none of it back", async () => {
    const scenario = new PracticeScenario(tenantId, 4);
    scenario.createTenant('Leeds');
    const ada = scenario.addPerson('Ada');
    const ben = scenario.addPerson('Ben');
    scenario.signIn(ada).signIn(ben);
    const cohortId = scenario.createCohort('Finalists');
    scenario.join(cohortId, ada).join(cohortId, ben);
    const questionSet = scenario.createQuestionSet('Set', 2);
    const practise = (candidateId: string, day: number) =>
      scenario.practise({
        ...questionSet,
        candidateId,
        cohortId,
        startedAt: new Date(`2025-03-0${day}T09:00:00Z`),
        answers: 2,
      });
    const adaSessions = [practise(ada, 3), practise(ada, 4)].map((session) => session.sessionId);
    const benSession = practise(ben, 4).sessionId;
    await appendPlanned(testLog.log, scenario.planned);

    const streamsDeleted = [
      streamName.user(ada),
      ...adaSessions.flatMap((id) => [
        streamName.session(id),
        streamName.capture(id),
        streamName.analysis(id),
      ]),
    ];
    const readModels = await backend.fresh('erasure');
    const projector = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      flushIntervalMs: 10,
    });
    try {
      await projector.waitForCatchUp();
      expect((await listUsers(readModels, { tenantId })).map((user) => user.displayName)).toEqual([
        'Ada',
        'Ben',
      ]);
      expect(await rowsOfSessions(readModels, adaSessions)).toMatchObject({
        sessions: 2,
        transcript_segments: expect.any(Number),
        answers: 4,
        reports: 2,
      });

      // What the user-erasure process does in the log (services/custodian): the person's streams
      // deleted, then UserErased with the counts.
      for (const stream of streamsDeleted) await testLog.log.deleteStream(stream);
      await recordFacts(
        testLog.log,
        streamName.audit(tenantId),
        [{ type: 'UserErased', data: { userId: ada, streamsDeleted, mediaObjectsDeleted: 0 } }],
        {
          tenantId,
          actor: { kind: 'service', id: 'user-erasure' },
          correlationId: randomUUID(),
          causationId: null,
        },
      );
      await projector.waitForCatchUp();
    } finally {
      await projector.stop();
    }

    const nothingOfAda = async (models: ReadModels) => {
      expect((await listUsers(models, { tenantId })).map((user) => user.displayName)).toEqual(['Ben']);
      expect(await rowsOfSessions(models, adaSessions)).toEqual({});
      expect(await candidateSessions(models, { tenantId, candidateId: ada })).toEqual({
        sessions: [],
        total: 0,
      });
      expect((await candidateSessions(models, { tenantId, candidateId: ben })).total).toBe(1);
      const trail = await wholeTrail(models);
      expect(trail.entries.filter((entry) => streamsDeleted.includes(entry.streamName))).toEqual([]);
      const erased = trail.entries.find((entry) => entry.action === 'UserErased');
      expect(erased).toMatchObject({
        category: 'deletion',
        subjectUserId: ada,
        details: { mediaObjectsDeleted: 0, streamsDeleted },
      });
      const dump = JSON.stringify(await dumpReadModels(models));
      expect(dump).not.toContain('Ada');
      expect(dump).not.toContain('ada@example.org');
      expect(dump).toContain(benSession);
    };
    await nothingOfAda(readModels);

    // A full rebuild reads the log as it is now: the same read models, with nothing of Ada's.
    const rebuilt = await cleanProjection(testLog.log, backend);
    await nothingOfAda(rebuilt);
    expect(await dumpReadModels(readModels)).toEqual(await dumpReadModels(rebuilt));
  });
});
