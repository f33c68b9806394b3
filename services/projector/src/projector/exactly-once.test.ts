import type { RecordedEvent } from '@poise/event-log';
import { insertRows, projectedTables } from '@poise/read-models';
import { appendPlanned, memoryLogger, openTestReadModels, PracticeScenario } from '@poise/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionState } from '../projection/projection-state';
import { cleanProjection } from '../test-support/clean-projection';
import { dumpReadModels } from '../test-support/read-model-dump';
import { openTestLog } from '../test-support/test-log';
import { announceBatch, loadCheckpoint } from './checkpoint';
import { projectBatch } from './project-batch';
import { startProjector } from './start-projector';
import { deduplicationToken } from './write-batch';

const backend = openTestReadModels();
const testLog = openTestLog();
let reference: Record<string, unknown>;

beforeAll(async () => {
  const scenario = new PracticeScenario('leeds-careers', 11);
  scenario.createTenant('Leeds');
  const cohort = scenario.createCohort('Spring');
  const people = ['Ada', 'Ben', 'Cy'].map((name) => scenario.addPerson(name));
  for (const person of people) scenario.join(cohort, person);
  const questionSet = scenario.createQuestionSet('Set', 3);
  people.forEach((candidateId, index) => {
    for (let week = 0; week < 3; week++) {
      scenario.practise({
        ...questionSet,
        candidateId,
        startedAt: new Date(Date.UTC(2025, 2, 3 + 7 * week, 9 + index)),
        skill: 0.3 * index,
        expression: index !== 2,
      });
    }
  });
  scenario.leave(cohort, people[1]!);
  await appendPlanned(testLog.log, scenario.planned);
  reference = await dumpReadModels(await cleanProjection(testLog.log, backend));
}, 120_000);
afterAll(async () => {
  await testLog.close();
  await backend.close();
});

async function allEvents(): Promise<RecordedEvent[]> {
  return testLog.log.readAll({ maxCount: 1_000_000 });
}

describe('exactly-once effect', () => {
  it('a batch projected again (its commit lost) changes nothing, not even before merges', async () => {
    const readModels = await backend.fresh('replayed');
    const first = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      batchSize: 40,
      flushIntervalMs: 10,
    });
    await first.waitForCatchUp();
    await first.stop();
    expect(await dumpReadModels(readModels)).toEqual(reference);

    // Put the checkpoint back to before the last batch, leaving that batch announced but not committed.
    const events = await allEvents();
    const last = events[events.length - 1]!.position;
    const before = events[events.length - 2]!.position;
    await readModels.client.command({
      query: `DELETE FROM ${readModels.database}.projector_checkpoint WHERE state = 'committed'`,
    });
    await insertRows(
      readModels,
      'projector_checkpoint',
      [
        {
          projector_id: 'read-models',
          state: 'committed',
          position: before.toString(),
          after_position: null,
          written_at: '2025-01-01 00:00:00.000',
        },
      ],
      'rewind',
    );
    expect((await loadCheckpoint(readModels, 'read-models')).committed).toBe(before);

    const second = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      batchSize: 40,
      flushIntervalMs: 10,
    });
    await second.waitForCatchUp();
    await second.stop();
    expect((await loadCheckpoint(readModels, 'read-models')).committed).toBe(last);
    expect(await dumpReadModels(readModels)).toEqual(reference);
  });

  it('a batch cut short after some of its tables completes on restart, rollups counted once', async () => {
    const readModels = await backend.fresh('cut');
    const events = await allEvents();
    const bounds = { after: null, position: events[events.length - 1]!.position };
    const { output } = await projectBatch(readModels, new ProjectionState(), 'read-models', events);
    await announceBatch(readModels, 'read-models', bounds);
    // The crash: the tables up to and including frames (with their rollup rows) are written, the rest not.
    for (const table of projectedTables.slice(0, projectedTables.indexOf('frames') + 1)) {
      await insertRows(
        readModels,
        table,
        output.rowsOf(table),
        deduplicationToken('read-models', bounds, table),
      );
    }
    expect((await loadCheckpoint(readModels, 'read-models')).pending).toEqual(bounds);

    const logger = memoryLogger();
    const restarted = startProjector({
      log: testLog.log,
      readModels,
      logger,
      batchSize: 25,
      flushIntervalMs: 10,
    });
    await restarted.waitForCatchUp();
    await restarted.stop();
    expect(logger.lines.map((line) => line.message)).toContain('retrying the batch cut short');
    expect(await dumpReadModels(readModels)).toEqual(reference);
  });

  it('a batch that fails to write is retried from the checkpoint until it succeeds', async () => {
    const readModels = await backend.fresh('failing');
    await readModels.client.command({
      query: `RENAME TABLE ${readModels.database}.answers TO ${readModels.database}.answers_away`,
    });
    const registry = new Registry();
    const projector = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      registry,
      batchSize: 60,
      flushIntervalMs: 10,
      retryDelayMs: 50,
    });
    try {
      for (let attempt = 0; attempt < 200 && (await projector.status()).state !== 'retrying'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const failing = await projector.status();
      expect(failing.state).toBe('retrying');
      expect(failing.lastError).toMatch(/answers/);
      expect(await registry.getSingleMetricAsString('poise_projector_failures_total')).toMatch(
        /^poise_projector_failures_total [1-9]/m,
      );
      await readModels.client.command({
        query: `RENAME TABLE ${readModels.database}.answers_away TO ${readModels.database}.answers`,
      });
      await projector.waitForCatchUp();
      expect((await projector.status()).lastError).toBeNull();
    } finally {
      await projector.stop();
    }
    expect(await dumpReadModels(readModels)).toEqual(reference);
  });
});
