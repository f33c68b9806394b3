import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendPlanned,
  openTestReadModels,
  PracticeScenario,
  seededRandom,
  type TestReadModels,
  testReadModelsConfig,
} from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanProjection } from '../test-support/clean-projection';
import { dumpReadModels } from '../test-support/read-model-dump';
import { spawnProjector } from '../test-support/spawn-projector';
import { openTestLog } from '../test-support/test-log';

/** 20,000 by default to keep the suite short on 2 cores; POISE_CRASH_TEST_EVENTS=100000 for the full run. */
const targetEvents = Number(process.env.POISE_CRASH_TEST_EVENTS ?? 20_000);
const kills = 4;

const testLog = openTestLog();
const chdbDirectory = mkdtempSync(join(tmpdir(), 'poise-crash-chdb-'));
let backend: TestReadModels | undefined;
afterAll(async () => {
  await backend?.close();
  await testLog.close();
  rmSync(chdbDirectory, { recursive: true, force: true });
});

function buildScenario(): PracticeScenario {
  const scenario = new PracticeScenario('crash-test', 42);
  scenario.createTenant('Crash Test');
  const cohorts = [scenario.createCohort('North'), scenario.createCohort('South')];
  const candidates = Array.from({ length: 30 }, (_, index) => scenario.addPerson(`Candidate ${index}`));
  for (const [index, candidate] of candidates.entries()) scenario.join(cohorts[index % 2]!, candidate);
  const questionSet = scenario.createQuestionSet('Set', 4);
  for (let index = 0; scenario.planned.length < targetEvents; index++) {
    const candidateId = candidates[index % candidates.length]!;
    scenario.practise({
      ...questionSet,
      candidateId,
      startedAt: new Date(Date.UTC(2025, 0, 1 + (index % 120), 8 + (index % 10))),
      answers: 3,
      framesPerAnswer: 20,
      skill: (index % 10) / 10,
      expression: index % 5 !== 0,
      outcome: index % 9 === 0 ? 'abandoned' : 'ended',
    });
    if (index % 50 === 25)
      scenario.leave(cohorts[index % 2]!, candidateId).join(cohorts[(index + 1) % 2]!, candidateId);
  }
  return scenario;
}

describe('crash safety', () => {
  it(`killed ${kills} times at random while ~${targetEvents} events flow, the read models equal a clean projection row for row`, {
    timeout: 600_000,
  }, async () => {
    // Against a server the database is unique per run; chDB gets a directory of its own.
    const database =
      process.env.POISE_TEST_CLICKHOUSE_URL === undefined ? 'crash_live' : `crash_live_${Date.now()}`;
    const config = testReadModelsConfig(database, chdbDirectory);
    const scenario = buildScenario();
    const random = seededRandom(7);

    // Events flow in while the projector is killed and restarted.
    let appended = 0;
    const appending = (async () => {
      const chunk = 1_000;
      for (let start = 0; start < scenario.planned.length; start += chunk) {
        await appendPlanned(testLog.log, scenario.planned.slice(start, start + chunk));
        appended = Math.min(scenario.planned.length, start + chunk);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();

    let retried = 0;
    for (let kill = 0; kill < kills; kill++) {
      const worker = spawnProjector(config, testLog.path, 2_000);
      await worker.message('ready');
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1_500));
      worker.process.kill('SIGKILL');
      await worker.exited();
      retried += worker.messages.filter(
        (message) => message.message === 'retrying the batch cut short',
      ).length;
    }
    await appending;
    expect(appended).toBe(scenario.planned.length);

    const last = spawnProjector(config, testLog.path, 2_000);
    await last.message('ready');
    last.process.stdin?.write('stop\n');
    await last.message('caughtUp');
    expect(await last.exited()).toBe(0);
    retried += last.messages.filter((message) => message.message === 'retrying the batch cut short').length;

    // Only now may this process open the chDB directory: one process per data directory.
    backend = openTestReadModels({ chdbPath: chdbDirectory });
    const crashed = await dumpReadModels({ client: backend.client, database });
    const clean = await dumpReadModels(await cleanProjection(testLog.log, backend, 300_000));
    if (process.env.POISE_TEST_CLICKHOUSE_URL !== undefined) {
      await backend.client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    }
    console.info(
      `crash test: ${scenario.planned.length} events, ${kills} kills, ${retried} batches retried after a cut`,
    );
    expect(crashed).toEqual(clean);
  });
});
