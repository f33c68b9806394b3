import {
  auditTrail,
  candidateProgress,
  candidateSessions,
  candidatesAtRisk,
  cohortComparison,
  cohortImprovement,
  cohortWeeklyTrends,
  listCohortMembers,
  listCohorts,
  listQuestionSets,
  listQuestions,
  listTenants,
  listUsers,
  type ReadModels,
  sessionActivity,
  sessionReport,
  sessionSignals,
  sessionTimeline,
  signalDistribution,
} from '@poise/read-models';
import { SeededRandom } from '@poise/synthetic';
import { percentile } from '@poise/testing';
import type { ConsoleDataset } from './console-dataset';
import type { QueryFigure } from './figures';

const TARGET_MS = 300;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A query family: the function the console calls, and one call of it for sample `index`. */
interface Family {
  readonly family: string;
  readonly query: string;
  run(index: number): Promise<number>;
}

function families(readModels: ReadModels, dataset: ConsoleDataset): Family[] {
  const random = new SeededRandom(20_251_122);
  const pick = <T>(items: readonly T[], count: number) =>
    Array.from({ length: count }, () => random.pick(items));
  const candidates = pick(dataset.candidates, 64);
  const sessions = pick(dataset.reportedSessions, 64);
  const cohorts = pick(dataset.cohortIds, 64);
  const { tenantId, from, until } = dataset;
  const lastMonth = new Date(until.getTime() - 30 * DAY_MS);
  const at = <T>(items: readonly T[], index: number) => items[index % items.length]!;
  return [
    {
      family: "a candidate's sessions (page of 20)",
      query: 'candidateSessions',
      run: async (index) =>
        (
          await candidateSessions(readModels, {
            tenantId,
            candidateId: at(candidates, index).candidateId,
            limit: 20,
          })
        ).sessions.length,
    },
    {
      family: "a candidate's progress",
      query: 'candidateProgress',
      run: async (index) =>
        (await candidateProgress(readModels, { tenantId, candidateId: at(candidates, index).candidateId }))
          .series.length,
    },
    {
      family: 'session timeline (whole session, for replay)',
      query: 'sessionTimeline',
      run: async (index) => {
        const timeline = await sessionTimeline(readModels, {
          tenantId,
          sessionId: at(sessions, index).sessionId,
        });
        return timeline?.frames.length ?? 0;
      },
    },
    {
      family: 'session activity (capture and analysis counts)',
      query: 'sessionActivity',
      run: async (index) =>
        (await sessionActivity(readModels, { tenantId, sessionId: at(sessions, index).sessionId }))
          .framesAnalyzed,
    },
    {
      family: 'session report (with per-answer detail, earlier sessions)',
      query: 'sessionReport',
      run: async (index) =>
        (await sessionReport(readModels, { tenantId, sessionId: at(sessions, index).sessionId }))?.answers
          .length ?? 0,
    },
    {
      family: 'cohort weekly trends (12 months, every signal)',
      query: 'cohortWeeklyTrends',
      run: async (index) =>
        (await cohortWeeklyTrends(readModels, { tenantId, cohortId: at(cohorts, index), from, to: until }))
          .length,
    },
    {
      family: 'cohort comparison (5 cohorts, 12 months)',
      query: 'cohortComparison',
      run: async (index) =>
        (
          await cohortComparison(readModels, {
            tenantId,
            cohortIds: Array.from({ length: 5 }, (_, offset) => at(dataset.cohortIds, index + offset)),
            from,
            to: until,
          })
        ).length,
    },
    {
      family: 'first-vs-latest improvement (a cohort)',
      query: 'cohortImprovement',
      run: async (index) =>
        (await cohortImprovement(readModels, { tenantId, cohortId: at(cohorts, index) })).length,
    },
    {
      family: 'signal distribution (a cohort, 12 months)',
      query: 'signalDistribution',
      run: async (index) =>
        (
          await signalDistribution(readModels, {
            tenantId,
            signal: at(sessionSignals, index),
            cohortId: at(cohorts, index),
            from,
            to: until,
          })
        ).length,
    },
    {
      family: 'candidates at risk (a cohort)',
      query: 'candidatesAtRisk',
      run: async (index) =>
        (await candidatesAtRisk(readModels, { tenantId, cohortId: at(cohorts, index), asOf: until })).length,
    },
    {
      family: 'audit trail, last 30 days (page of 100)',
      query: 'auditTrail',
      run: async () =>
        (await auditTrail(readModels, { tenantId, from: lastMonth, to: until, limit: 100 })).entries.length,
    },
    {
      family: 'audit trail of one session (12 months)',
      query: 'auditTrail',
      run: async (index) =>
        (
          await auditTrail(readModels, {
            tenantId,
            from,
            to: until,
            sessionId: at(sessions, index).sessionId,
            limit: 100,
          })
        ).entries.length,
    },
    {
      family: "audit trail of one coach's actions (12 months, page of 100)",
      query: 'auditTrail',
      run: async (index) =>
        (
          await auditTrail(readModels, {
            tenantId,
            from,
            to: until,
            actorId: at(dataset.coachIds, index),
            limit: 100,
          })
        ).entries.length,
    },
    {
      family: 'admin: users (all 2,000+ of the tenant)',
      query: 'listUsers',
      run: async () => (await listUsers(readModels, { tenantId })).length,
    },
    {
      family: 'admin: cohorts (with member counts)',
      query: 'listCohorts',
      run: async () => (await listCohorts(readModels, { tenantId })).length,
    },
    {
      family: "admin: a cohort's members",
      query: 'listCohortMembers',
      run: async (index) =>
        (await listCohortMembers(readModels, { tenantId, cohortId: at(cohorts, index) })).length,
    },
    {
      family: 'admin: question sets',
      query: 'listQuestionSets',
      run: async () => (await listQuestionSets(readModels, { tenantId })).length,
    },
    {
      family: 'admin: questions of a set',
      query: 'listQuestions',
      run: async () =>
        (await listQuestions(readModels, { tenantId, questionSetId: dataset.questionSetId })).length,
    },
    {
      family: 'admin: tenants',
      query: 'listTenants',
      run: async () => (await listTenants(readModels)).length,
    },
  ];
}

/**
 * p50/p95 of each console query family over `samples` calls with varying parameters (candidates,
 * sessions, cohorts, signals drawn from the dataset), one call at a time, after two warm-up calls.
 */
export async function measureQueries(
  readModels: ReadModels,
  dataset: ConsoleDataset,
  samples: number,
  progress: (message: string) => void,
): Promise<QueryFigure[]> {
  const figures: QueryFigure[] = [];
  for (const family of families(readModels, dataset)) {
    await family.run(samples);
    await family.run(samples + 1);
    const durations: number[] = [];
    let rows = 0;
    for (let index = 0; index < samples; index++) {
      const started = performance.now();
      rows += await family.run(index);
      durations.push(performance.now() - started);
    }
    const p95Ms = percentile(durations, 0.95);
    figures.push({
      family: family.family,
      query: family.query,
      samples,
      p50Ms: percentile(durations, 0.5),
      p95Ms,
      maxMs: Math.max(...durations),
      meanRows: rows / samples,
      target: `≤ ${TARGET_MS}`,
      met: p95Ms <= TARGET_MS,
    });
    progress(`${family.family}: p50 ${percentile(durations, 0.5).toFixed(0)} ms, p95 ${p95Ms.toFixed(0)} ms`);
  }
  return figures;
}
