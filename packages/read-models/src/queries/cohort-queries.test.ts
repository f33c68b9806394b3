import { openTestReadModels } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../insert-rows';
import type { ReadModels } from '../read-models';
import { id, rows } from '../test-support/row-builders';
import { candidatesAtRisk } from './candidates-at-risk';
import { cohortComparison } from './cohort-comparison';
import { cohortImprovement } from './cohort-improvement';
import { cohortWeeklyTrends } from './cohort-trends';
import { signalDistribution } from './signal-distribution';

const backend = openTestReadModels();
let readModels: ReadModels;
const tenantId = 't1';
const [k1, k2, k3] = [id('k1'), id('k2'), id('k3')];
const [c1, c2, c3, c4, c5, c6] = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map(id) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const week1 = '2025-03-03 09:00:00.000';
const week2 = '2025-03-11 15:00:00.000';

beforeAll(async () => {
  readModels = await backend.fresh('cohort');
  await insertRows(
    readModels,
    'cohorts',
    [rows.cohort({ cohort_id: k1, name: 'Engineers' }), rows.cohort({ cohort_id: k2, name: 'Designers' })],
    'cohorts',
  );
  await insertRows(
    readModels,
    'users',
    [rows.user({ user_id: c1, display_name: 'Ada' }), rows.user({ user_id: c4, display_name: 'Dee' })],
    'users',
  );
  await insertRows(
    readModels,
    'cohort_membership_events',
    [
      rows.membership({ cohort_id: k1, candidate_id: c1 }),
      rows.membership({ cohort_id: k1, candidate_id: c2 }),
      rows.membership({ cohort_id: k1, candidate_id: c2, joined: false, ts: '2025-03-15 00:00:00.000' }),
      rows.membership({ cohort_id: k2, candidate_id: c1 }),
      rows.membership({ cohort_id: k2, candidate_id: c3 }),
      rows.membership({ cohort_id: k3, candidate_id: c4 }),
      rows.membership({ cohort_id: k3, candidate_id: c5 }),
      rows.membership({ cohort_id: k3, candidate_id: c6 }),
    ],
    'members',
  );
  const s1 = { session_id: id('s1'), candidate_id: c1, cohort_ids: [k1], session_started_at: week1 };
  const s2 = { session_id: id('s2'), candidate_id: c2, cohort_ids: [k1], session_started_at: week1 };
  const s3 = { session_id: id('s3'), candidate_id: c1, cohort_ids: [k1, k2], session_started_at: week2 };
  const s4 = { session_id: id('s4'), candidate_id: c3, cohort_ids: [k2], session_started_at: week2 };
  await insertRows(
    readModels,
    'session_marks',
    [
      rows.mark({ ...s1, kind: 'session-started' }),
      rows.mark({ ...s1, kind: 'question-asked', offset_ms: 10 }),
      rows.mark({ ...s1, kind: 'session-ended', offset_ms: 600_000, duration_ms: 600_000 }),
      rows.mark({ ...s2, kind: 'session-started' }),
      rows.mark({ ...s3, kind: 'session-started' }),
      rows.mark({ ...s3, kind: 'session-ended', offset_ms: 1_200_000, duration_ms: 1_200_000 }),
      rows.mark({ ...s4, kind: 'session-started' }),
    ],
    'marks',
  );
  await insertRows(
    readModels,
    'frames',
    [
      rows.frame({ ...s1, eye_contact: true, composure: 0.5 }),
      rows.frame({ ...s1, eye_contact: true, composure: 0.75 }),
      rows.frame({ ...s1, eye_contact: false, composure: null, expression_enabled: false }),
      rows.frame({ ...s1, eye_contact: true, composure: 0.25 }),
      rows.frame({ ...s3, eye_contact: true, composure: null, expression_enabled: false }),
      rows.frame({ ...s3, eye_contact: false, composure: null, expression_enabled: false }),
    ],
    'frames',
  );
  await insertRows(
    readModels,
    'answers',
    [
      rows.answer({
        ...s1,
        answer_id: id('a1'),
        words_per_minute: 120,
        fillers_per_minute: 2,
        vocal_confidence: 6,
        relevance: 0.5,
      }),
      rows.answer({
        ...s1,
        answer_id: id('a2'),
        words_per_minute: 170,
        fillers_per_minute: 4,
        vocal_confidence: 8,
        relevance: 0.75,
      }),
      rows.answer({
        ...s3,
        answer_id: id('a3'),
        words_per_minute: 150,
        fillers_per_minute: 1,
        vocal_confidence: 9,
        relevance: 1,
      }),
    ],
    'answers',
  );
  const reported = (
    session: { session_id: string; candidate_id: string; cohort_ids: string[] },
    startedAt: string,
    values: Partial<Parameters<typeof rows.session>[0]>,
  ) =>
    rows.session({
      session_id: session.session_id,
      candidate_id: session.candidate_id,
      cohort_ids: session.cohort_ids,
      started_at: startedAt,
      ...values,
    });
  const decline = [0.8, 0.8, 0.8, 0.6, 0.7, 0.7];
  await insertRows(
    readModels,
    'sessions',
    [
      reported(s1, week1, { composure_mean: 0.5, relevance: 0.6 }),
      reported(s2, week1, { report_compiled: false, status: 'in-progress' }),
      reported(s3, week2, { composure_mean: null, relevance: 0.9 }),
      reported(s4, week2, { relevance: 1 }),
      ...decline.map((relevance, index) =>
        reported(
          { session_id: id(`d${index}`), candidate_id: c4, cohort_ids: [k3] },
          `2025-03-0${index + 2} 10:00:00.000`,
          { relevance },
        ),
      ),
      reported({ session_id: id('old'), candidate_id: c6, cohort_ids: [k3] }, '2025-02-28 10:00:00.000', {}),
    ],
    'sessions',
  );
});
afterAll(() => backend.close());

describe('cohortWeeklyTrends', () => {
  it('gives practice volume and every signal per week, every week of the range present', async () => {
    const weeks = await cohortWeeklyTrends(readModels, {
      tenantId,
      cohortId: k1,
      from: new Date('2025-02-26T00:00:00Z'),
      to: new Date('2025-03-16T23:00:00Z'),
    });
    expect(weeks.map((week) => week.week)).toEqual(['2025-02-24', '2025-03-03', '2025-03-10']);
    expect(weeks[0]).toEqual({
      week: '2025-02-24',
      sessionsStarted: 0,
      sessionsCompleted: 0,
      practiceMinutes: 0,
      activeCandidates: 0,
      answers: 0,
      paceInBandShare: null,
      wordsPerMinute: null,
      fillersPerMinute: null,
      vocalConfidence: null,
      relevance: null,
      framesAnalyzed: 0,
      eyeContactShare: null,
      composure: null,
    });
    expect(weeks[1]).toEqual({
      week: '2025-03-03',
      sessionsStarted: 2,
      sessionsCompleted: 1,
      practiceMinutes: 10,
      activeCandidates: 2,
      answers: 2,
      paceInBandShare: 0.5,
      wordsPerMinute: 145,
      fillersPerMinute: 3,
      vocalConfidence: 7,
      relevance: 0.625,
      framesAnalyzed: 4,
      eyeContactShare: 0.75,
      composure: 0.5,
    });
    expect(weeks[2]).toMatchObject({
      sessionsStarted: 1,
      sessionsCompleted: 1,
      practiceMinutes: 20,
      activeCandidates: 1,
      paceInBandShare: 1,
      relevance: 1,
      eyeContactShare: 0.5,
      composure: null,
    });
  });
});

describe('cohortComparison', () => {
  it('sets cohorts side by side over a period, in the order asked', async () => {
    const compared = await cohortComparison(readModels, {
      tenantId,
      cohortIds: [k2, k1, id('none')],
      from: new Date('2025-03-01T00:00:00Z'),
      to: new Date('2025-03-16T00:00:00Z'),
    });
    expect(compared.map((cohort) => [cohort.cohortId, cohort.name, cohort.members])).toEqual([
      [k2, 'Designers', 2],
      [k1, 'Engineers', 1],
      [id('none'), null, 0],
    ]);
    expect(compared[1]).toMatchObject({
      sessionsStarted: 3,
      sessionsCompleted: 2,
      practiceMinutes: 30,
      activeCandidates: 2,
      answers: 3,
      framesAnalyzed: 6,
      eyeContactShare: 4 / 6,
    });
    expect(compared[1]!.paceInBandShare).toBeCloseTo(2 / 3);
    expect(compared[0]).toMatchObject({ sessionsStarted: 2, activeCandidates: 2, answers: 1, relevance: 1 });
    expect(compared[2]).toMatchObject({ sessionsStarted: 0, answers: 0, relevance: null });
  });
});

describe('cohortImprovement', () => {
  it("compares every candidate's first and latest reported session in the cohort", async () => {
    const improvement = await cohortImprovement(readModels, { tenantId, cohortId: k1 });
    expect(improvement).toHaveLength(1);
    expect(improvement[0]).toMatchObject({
      candidateId: c1,
      displayName: 'Ada',
      sessions: 2,
      firstAt: new Date('2025-03-03T09:00:00Z'),
      latestAt: new Date('2025-03-11T15:00:00Z'),
    });
    expect(improvement[0]!.signals.composure).toEqual({ first: 0.5, latest: 0.5, change: 0 });
    expect(improvement[0]!.signals.relevance!.change).toBeCloseTo(0.3);
    const later = await cohortImprovement(readModels, {
      tenantId,
      cohortId: k1,
      from: new Date('2025-03-05T00:00:00Z'),
    });
    expect(later[0]!.sessions).toBe(1);
  });
});

describe('signalDistribution', () => {
  it('buckets per-session values over the signal range, every bucket present', async () => {
    const period = { from: new Date('2025-02-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z') };
    const tenantWide = await signalDistribution(readModels, { tenantId, signal: 'relevance', ...period });
    expect(tenantWide).toHaveLength(10);
    expect(tenantWide[6]).toEqual({ from: 0.6, to: 0.7, sessions: 2 });
    expect(tenantWide.map((bucket) => bucket.sessions)).toEqual([0, 0, 0, 0, 0, 0, 2, 3, 3, 2]);
    const cohort = await signalDistribution(readModels, {
      tenantId,
      signal: 'relevance',
      cohortId: k2,
      buckets: 4,
      ...period,
    });
    expect(cohort.map((bucket) => [bucket.from, bucket.to, bucket.sessions])).toEqual([
      [0, 0.25, 0],
      [0.25, 0.5, 0],
      [0.5, 0.75, 0],
      [0.75, 1, 2],
    ]);
  });
});

describe('candidatesAtRisk', () => {
  it('lists inactive and declining members with their reasons', async () => {
    const atRisk = await candidatesAtRisk(readModels, {
      tenantId,
      cohortId: k3,
      asOf: new Date('2025-03-20T10:00:00Z'),
    });
    expect(
      atRisk.map((candidate) => [candidate.candidateId, candidate.inactive, candidate.daysSincePractice]),
    ).toEqual([
      [c4, false, 13],
      [c5, true, null],
      [c6, true, 20],
    ]);
    expect(atRisk[0]!.displayName).toBe('Dee');
    expect(atRisk[0]!.declines).toHaveLength(1);
    expect(atRisk[0]!.declines[0]!.signal).toBe('relevance');
    expect(atRisk[0]!.declines[0]!.previous).toBeCloseTo(0.8);
    expect(atRisk[0]!.declines[0]!.latest).toBeCloseTo(2 / 3);
  });

  it('leaves out active members without declines and people who left', async () => {
    expect(
      await candidatesAtRisk(readModels, { tenantId, cohortId: k1, asOf: new Date('2025-03-20T10:00:00Z') }),
    ).toEqual([]);
  });
});
