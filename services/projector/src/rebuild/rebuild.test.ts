import { candidateSessions, queryRows, type ReadModels } from '@poise/read-models';
import { appendPlanned, memoryLogger, openTestReadModels, PracticeScenario } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProjector } from '../projector/start-projector';
import { cleanProjection } from '../test-support/clean-projection';
import { dumpReadModels } from '../test-support/read-model-dump';
import { openTestLog } from '../test-support/test-log';
import { rebuild } from './rebuild';

const backend = openTestReadModels();
const testLog = openTestLog();
const scenario = new PracticeScenario('leeds-careers', 5);
scenario.createTenant('Leeds');
const cohort = scenario.createCohort('Spring');
const candidates = ['Ada', 'Ben', 'Cy', 'Dee'].map((name) => scenario.addPerson(name));
for (const candidate of candidates) scenario.join(cohort, candidate);
const questionSet = scenario.createQuestionSet('Set', 3);
const practise = (week: number) => {
  for (const [index, candidateId] of candidates.entries()) {
    scenario.practise({
      ...questionSet,
      candidateId,
      startedAt: new Date(Date.UTC(2025, 2, 3 + 7 * week, 9 + index)),
      skill: 0.25 * index,
    });
  }
};
let readModels: ReadModels;

beforeAll(async () => {
  readModels = await backend.fresh('rebuilt');
  for (let week = 0; week < 4; week++) practise(week);
  await appendPlanned(testLog.log, scenario.planned);
}, 60_000);
afterAll(async () => {
  await testLog.close();
  await backend.close();
});

describe('rebuild', () => {
  it('replays the log into fresh tables and swaps them in while queries and the live projector carry on', async () => {
    const live = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      batchSize: 500,
      flushIntervalMs: 10,
    });
    await live.waitForCatchUp();
    // A projection gone wrong (here: rows lost); the rebuild must bring them back.
    await readModels.client.command({
      query: `DELETE FROM ${readModels.database}.frames WHERE offset_ms % 2 = 0`,
    });
    const damaged = await dumpReadModels(readModels);

    const before = scenario.planned.length;
    practise(4);
    const appending = appendPlanned(testLog.log, scenario.planned.slice(before));
    let reads = 0;
    let rebuilding = true;
    const reading = (async () => {
      while (rebuilding) {
        const page = await candidateSessions(readModels, {
          tenantId: 'leeds-careers',
          candidateId: candidates[0]!,
        });
        expect(page.total).toBeGreaterThanOrEqual(4);
        reads += 1;
      }
    })();
    const result = await rebuild({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      live,
      batchSize: 2_000,
    });
    rebuilding = false;
    await reading;
    await appending;
    await live.waitForCatchUp();
    await live.stop();

    expect(reads).toBeGreaterThan(0);
    expect(result.tables).toContain('frames');
    expect(result.tables).toContain('projector_checkpoint');
    expect(result.tables).not.toContain('cohort_weekly_from_frames');
    const rebuilt = await dumpReadModels(readModels);
    expect(rebuilt).not.toEqual(damaged);
    expect(rebuilt).toEqual(await dumpReadModels(await cleanProjection(testLog.log, backend)));
    expect(
      await queryRows(readModels, 'SELECT name FROM system.databases WHERE name = {shadow:String}', {
        shadow: `${readModels.database}_rebuild`,
      }),
    ).toEqual([]);
  });
});
