import {
  candidateSessions,
  candidatesAtRisk,
  cohortImprovement,
  cohortWeeklyTrends,
  listCohorts,
  listTenants,
  listUsers,
  queryRows,
  type ReadModels,
  sessionReport,
} from '@poise/read-models';
import { poiseContracts } from '@poise/schemas';
import { generateSyntheticCohorts, planSyntheticCohorts, SyntheticDataConflictError } from '@poise/synthetic';
import { memoryLogger, openTestReadModels } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProjector } from './projector/start-projector';
import { startReportCompiler } from './reports/report-compiler';
import { openTestLog } from './test-support/test-log';

const testLog = openTestLog();
const backend = openTestReadModels();
const endDate = new Date('2025-06-02T00:00:00Z');
const options = { tenants: 1, candidatesPerTenant: 5, cohortsPerTenant: 2, months: 2, seed: 7, endDate };
const plan = planSyntheticCohorts(options);
const [tenant] = plan.tenants;
const tenantId = tenant!.tenantId;
let readModels: ReadModels;
let appended = 0;

beforeAll(async () => {
  readModels = await backend.fresh('synthetic');
  const progress: number[] = [];
  const result = await generateSyntheticCohorts(testLog.log, {
    ...options,
    onProgress: (done, total) => {
      expect(total).toBe(plan.sessions);
      progress.push(done);
    },
  });
  appended = result.events;
  expect(result).toEqual({ events: appended, sessions: plan.sessions, tenants: ['synthetic-university-1'] });
  expect(progress.at(-1)).toBe(plan.sessions);
  const projector = startProjector({ log: testLog.raw, readModels, logger: memoryLogger() });
  await projector.waitForCatchUp();
  const status = await projector.status();
  await projector.stop();
  expect(status.eventsParked).toBe(0);
});

afterAll(async () => {
  await testLog.close();
  await backend.close();
});

describe('generateSyntheticCohorts', () => {
  it('appends only contract-valid events marked synthetic, with no media references', async () => {
    const events = await testLog.log.readAll({ maxCount: 100_000 });
    expect(events.length).toBe(appended);
    expect(plan.sessions).toBeGreaterThan(10);
    for (const event of events) {
      expect(() => poiseContracts.validate(event.streamName, event)).not.toThrow();
      expect(event.metadata).toMatchObject({ tenantId, synthetic: true });
    }
    const types = new Set(events.map((event) => event.type));
    expect(types).not.toContain('FrameCaptured');
    expect(types).not.toContain('AudioChunkCaptured');
    for (const type of [
      'SessionStarted',
      'FrameAnalyzed',
      'AudioAnalyzed',
      'AnswerScored',
      'SessionViewed',
    ]) {
      expect(types).toContain(type);
    }
    // The simulated time, not the day of the append, is when each event happened.
    const occurred = events.map((event) => Date.parse(event.metadata.occurredAt as string));
    expect(Math.min(...occurred)).toBeLessThan(plan.from.getTime());
    expect(Math.max(...occurred)).toBeLessThan(endDate.getTime() + 24 * 60 * 60 * 1000);
  });

  it('appends nothing when run again with the same options, and refuses other options for the same tenants', async () => {
    const before = await testLog.log.stats();
    const again = await generateSyntheticCohorts(testLog.log, options);
    expect(again.events).toBe(0);
    await expect(generateSyntheticCohorts(testLog.log, { ...options, seed: 8 })).rejects.toBeInstanceOf(
      SyntheticDataConflictError,
    );
    expect(await testLog.log.stats()).toEqual(before);
  });

  it('writes the reports the report compiler would write (it finds nothing to add)', async () => {
    const before = await testLog.log.stats();
    const compiler = startReportCompiler({ log: testLog.log, logger: memoryLogger(), pollIntervalMs: 20 });
    await compiler.waitForCatchUp();
    await compiler.stop();
    expect(compiler.compiled()).toBe(0);
    expect((await testLog.log.stats()).events).toBe(before.events);
  });

  it('projects into tenants, people and cohorts named as synthetic', async () => {
    const [listed] = await listTenants(readModels, { tenantId });
    expect(listed).toMatchObject({ name: 'University 1 (synthetic)', synthetic: true });
    const cohorts = await listCohorts(readModels, { tenantId });
    expect(cohorts.map((cohort) => cohort.name)).toEqual(
      expect.arrayContaining([expect.stringContaining('(synthetic)')]),
    );
    expect(cohorts.reduce((sum, cohort) => sum + cohort.members, 0)).toBe(5);
    const candidates = await listUsers(readModels, { tenantId, role: 'candidate' });
    expect(candidates).toHaveLength(5);
    for (const user of candidates) {
      expect(user.displayName).toMatch(/\(synthetic\)$/);
      expect(user.email).toMatch(/@synthetic-university-1\.example\.org$/);
    }
  });

  it('gives weekly practice per cohort, reports as compiled, and the at-risk shape the profiles set', async () => {
    const sessionsPerCandidate = await Promise.all(
      tenant!.candidates.map(async (candidate) => {
        const page = await candidateSessions(readModels, {
          tenantId,
          candidateId: candidate.candidateId,
          limit: 100,
        });
        return page.total;
      }),
    );
    expect(sessionsPerCandidate.reduce((sum, total) => sum + total, 0)).toBe(plan.sessions);

    let started = 0;
    let activeWeeks = 0;
    for (const cohort of tenant!.cohorts) {
      const weeks = await cohortWeeklyTrends(readModels, {
        tenantId,
        cohortId: cohort.cohortId,
        from: plan.from,
        to: endDate,
      });
      started += weeks.reduce((sum, week) => sum + week.sessionsStarted, 0);
      activeWeeks += weeks.filter((week) => week.sessionsStarted > 0).length;
      for (const week of weeks.filter((week) => week.sessionsCompleted > 0)) {
        expect(week.eyeContactShare).toBeGreaterThan(0);
        expect(week.relevance).toBeGreaterThan(0);
      }
    }
    expect(started).toBe(plan.sessions);
    expect(activeWeeks).toBeGreaterThan(6);

    const [first] = await candidateSessions(readModels, {
      tenantId,
      candidateId: tenant!.candidates[0]!.candidateId,
      limit: 1,
    }).then((page) => page.sessions.filter((session) => session.reportCompiled));
    if (first !== undefined) {
      const report = await sessionReport(readModels, { tenantId, sessionId: first.sessionId });
      expect(report?.summary.relevance).toBeCloseTo(first.scores.relevance!, 6);
    }

    const atRisk = (
      await Promise.all(
        tenant!.cohorts.map((cohort) =>
          candidatesAtRisk(readModels, { tenantId, cohortId: cohort.cohortId, asOf: endDate }),
        ),
      )
    ).flat();
    const byId = new Map(atRisk.map((candidate) => [candidate.candidateId, candidate]));
    const archetypes = tenant!.candidates.map((candidate) => candidate.profile.archetype);
    expect(archetypes).toContain('drop-out');
    expect(archetypes).toContain('declining');
    for (const candidate of tenant!.candidates) {
      if (candidate.profile.archetype === 'drop-out')
        expect(byId.get(candidate.candidateId)?.inactive).toBe(true);
      if (candidate.profile.archetype === 'declining') {
        expect(byId.get(candidate.candidateId)?.declines.length).toBeGreaterThan(0);
      }
    }

    // Improving candidates end better than they started.
    const improvement = (
      await Promise.all(
        tenant!.cohorts.map((cohort) =>
          cohortImprovement(readModels, { tenantId, cohortId: cohort.cohortId }),
        ),
      )
    ).flat();
    for (const candidate of tenant!.candidates.filter(
      (candidate) => candidate.profile.archetype === 'improving',
    )) {
      const row = improvement.find((entry) => entry.candidateId === candidate.candidateId);
      if (row !== undefined && row.sessions >= 4) expect(row.signals.relevance?.change).toBeGreaterThan(0);
    }

    const parked = await queryRows<{ parked: string }>(
      readModels,
      'SELECT toString(count()) AS parked FROM {db:Identifier}.projector_parked',
    );
    expect(parked).toEqual([{ parked: '0' }]);
  });
});
