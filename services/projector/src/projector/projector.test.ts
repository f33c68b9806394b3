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
  sessionTimeline,
  signalDistribution,
} from '@poise/read-models';
import type { EventData, PoiseEvent, PoiseEventOf } from '@poise/schemas';
import {
  appendPlanned,
  memoryLogger,
  openTestReadModels,
  type PlannedSession,
  PracticeScenario,
} from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLog } from '../test-support/test-log';
import { type Projector, startProjector } from './start-projector';

const backend = openTestReadModels();
const testLog = openTestLog();
let readModels: ReadModels;
let projector: Projector;

const tenantId = 'leeds-careers';
const scenario = new PracticeScenario(tenantId, 7);
scenario.createTenant('Leeds Careers');
const staffId = scenario.addPerson('Sam Staff', 'staff');
const ada = scenario.addPerson('Ada Lovelace');
const ben = scenario.addPerson('Ben Okafor');
const cy = scenario.addPerson('Cy Young');
scenario.signIn(ada);
const spring = scenario.createCohort('Spring 2025');
const autumn = scenario.createCohort('Autumn 2025');
scenario.join(spring, ada).join(spring, ben).join(autumn, cy);
const questionSet = scenario.createQuestionSet('Graduate interview', 3);
const week1 = new Date('2025-03-03T09:00:00Z');
const week2 = new Date('2025-03-11T10:00:00Z');
const ada1 = scenario.practise({
  ...questionSet,
  candidateId: ada,
  startedAt: week1,
  skill: 0.6,
  answers: 2,
});
const ben1 = scenario.practise({
  ...questionSet,
  candidateId: ben,
  startedAt: new Date('2025-03-04T14:00:00Z'),
  skill: 0.2,
  expression: false,
});
const ada2 = scenario.practise({
  ...questionSet,
  candidateId: ada,
  startedAt: week2,
  skill: 0.9,
  answers: 3,
});
scenario.practise({ ...questionSet, candidateId: cy, startedAt: week2, outcome: 'abandoned' });
scenario.leave(spring, ben);

function ofType<Type extends PoiseEvent['type']>(
  events: readonly PoiseEvent[],
  type: Type,
): EventData<Type>[] {
  return events
    .filter((event): event is PoiseEvent & PoiseEventOf<Type> => event.type === type)
    .map((event) => event.data);
}
const reportOf = (session: PlannedSession) => ofType(session.analysisEvents, 'SessionReportCompiled')[0]!;
const framesOf = (...sessions: PlannedSession[]) =>
  sessions.flatMap((session) => ofType(session.analysisEvents, 'FrameAnalyzed'));
const answersOf = (...sessions: PlannedSession[]) =>
  sessions.flatMap((session) => ofType(session.analysisEvents, 'AnswerScored'));
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

beforeAll(async () => {
  readModels = await backend.fresh('projector');
  await appendPlanned(testLog.log, scenario.planned);
  await testLog.log.append(`audit-${tenantId}`, [
    {
      id: '0f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c99',
      type: 'ReportViewed',
      data: { sessionId: ada1.sessionId, candidateId: ada },
      metadata: {
        tenantId,
        actor: { kind: 'user', id: staffId, role: 'staff' },
        correlationId: ada1.sessionId,
        causationId: null,
        schemaVersion: 1,
      },
    },
  ]);
  projector = startProjector({
    log: testLog.log,
    readModels,
    logger: memoryLogger(),
    batchSize: 50,
    flushIntervalMs: 20,
  });
  await projector.waitForCatchUp();
}, 60_000);
afterAll(async () => {
  await projector.stop();
  await testLog.close();
  await backend.close();
});

describe('the projector feeds every console query', () => {
  it("candidate sessions carry the report's summary", async () => {
    const page = await candidateSessions(readModels, { tenantId, candidateId: ada });
    expect(
      page.sessions.map((session) => [session.sessionId, session.status, session.questionSetTitle]),
    ).toEqual([
      [ada2.sessionId, 'ended', 'Graduate interview'],
      [ada1.sessionId, 'ended', 'Graduate interview'],
    ]);
    const summary = reportOf(ada1).summary;
    expect(page.sessions[1]!.scores).toEqual({
      composure: summary.composureMean,
      eyeContact: summary.eyeContactShare,
      wordsPerMinute: summary.wordsPerMinute,
      fillersPerMinute: summary.fillersPerMinute,
      vocalConfidence: summary.vocalConfidence,
      relevance: summary.relevance,
      stressAlerts: summary.stressAlerts,
    });
    expect(page.sessions[1]).toMatchObject({ cohortIds: [spring], consent: 'given', startedAt: week1 });
    const abandoned = await candidateSessions(readModels, { tenantId, candidateId: cy });
    expect(abandoned.sessions[0]).toMatchObject({
      status: 'abandoned',
      reportCompiled: false,
      cohortIds: [autumn],
    });
  });

  it('candidate progress compares first and latest sessions', async () => {
    const progress = await candidateProgress(readModels, { tenantId, candidateId: ada });
    const relevance = progress.signals.find((signal) => signal.signal === 'relevance')!;
    expect(relevance).toMatchObject({
      sessions: 2,
      first: reportOf(ada1).summary.relevance,
      latest: reportOf(ada2).summary.relevance,
    });
  });

  it('the timeline replays one session on one axis, with its retained media', async () => {
    const timeline = (await sessionTimeline(readModels, { tenantId, sessionId: ada1.sessionId }))!;
    const frames = framesOf(ada1);
    expect(timeline.frames.map((frame) => frame.offsetMs)).toEqual(frames.map((frame) => frame.offsetMs));
    expect(timeline.frames.map((frame) => frame.eyeContact)).toEqual(
      frames.map((frame) => frame.primaryFace?.eyeContact ?? false),
    );
    expect(timeline.media.filter((media) => media.kind === 'frame')).toHaveLength(frames.length);
    expect(timeline.media.filter((media) => media.kind === 'audio')).toHaveLength(2);
    expect(timeline.marks.map((mark) => mark.kind)).toEqual([
      'session-started',
      'consent-given',
      'question-asked',
      'answer-started',
      'answer-ended',
      'question-asked',
      'answer-started',
      'answer-ended',
      'session-ended',
    ]);
    expect(timeline.answers.map((answer) => answer.answerId)).toEqual(
      answersOf(ada1).map((answer) => answer.answerId),
    );
    expect(timeline.answers.every((answer) => answer.startMs !== null && answer.endMs !== null)).toBe(true);
    expect(timeline.transcript).toHaveLength(2);
    expect(timeline.audio).toHaveLength(2);
  });

  it('the report is the one compiled into the log', async () => {
    const report = (await sessionReport(readModels, { tenantId, sessionId: ada2.sessionId }))!;
    const compiled = reportOf(ada2);
    expect(report.summary).toEqual({
      composure: compiled.summary.composureMean,
      eyeContact: compiled.summary.eyeContactShare,
      wordsPerMinute: compiled.summary.wordsPerMinute,
      fillersPerMinute: compiled.summary.fillersPerMinute,
      vocalConfidence: compiled.summary.vocalConfidence,
      relevance: compiled.summary.relevance,
      stressAlerts: compiled.summary.stressAlerts,
    });
    expect(report.answers.map((answer) => answer.answerId)).toEqual(
      compiled.answers.map((answer) => answer.answerId),
    );
    expect(report.answers[0]!.modelAnswer).toBe('A model answer to question 1.');
    expect(report.answers[0]!.scoring!.suggestions).toEqual([
      {
        code: 'missed-key-point',
        message: 'Say how it turned out.',
        feature: 'keyPoint:outcome',
        value: null,
      },
    ]);
    expect(report.earlier).toMatchObject({
      sessions: 1,
      scores: { relevance: reportOf(ada1).summary.relevance },
    });
  });

  it('cohort trends per week come from the rollup of every frame and answer', async () => {
    const weeks = await cohortWeeklyTrends(readModels, {
      tenantId,
      cohortId: spring,
      from: week1,
      to: week2,
    });
    expect(
      weeks.map((week) => [week.week, week.sessionsStarted, week.sessionsCompleted, week.activeCandidates]),
    ).toEqual([
      ['2025-03-03', 2, 2, 2],
      ['2025-03-10', 1, 1, 1],
    ]);
    const firstWeekFrames = framesOf(ada1, ben1);
    expect(weeks[0]!.framesAnalyzed).toBe(firstWeekFrames.length);
    expect(weeks[0]!.eyeContactShare).toBeCloseTo(
      firstWeekFrames.filter((frame) => frame.primaryFace?.eyeContact).length / firstWeekFrames.length,
      9,
    );
    // Ben's session ran without expression analysis: composure comes from Ada's frames only.
    const composures = framesOf(ada1).flatMap((frame) =>
      frame.primaryFace?.composure === undefined ? [] : [frame.primaryFace.composure],
    );
    expect(weeks[0]!.composure).toBeCloseTo(mean(composures), 5);
    const answers = answersOf(ada1, ben1);
    expect(weeks[0]!.answers).toBe(answers.length);
    expect(weeks[0]!.relevance).toBeCloseTo(mean(answers.map((answer) => answer.relevance)), 9);
    expect(weeks[0]!.paceInBandShare).toBeCloseTo(
      answers.filter((answer) => answer.wordsPerMinute >= 100 && answer.wordsPerMinute <= 165).length /
        answers.length,
      9,
    );
  });

  it('cohort comparison, improvement, distribution and risk read the same sessions', async () => {
    const [springRow, autumnRow] = await cohortComparison(readModels, {
      tenantId,
      cohortIds: [spring, autumn],
      from: week1,
      to: week2,
    });
    expect(springRow).toMatchObject({
      name: 'Spring 2025',
      members: 1,
      sessionsStarted: 3,
      activeCandidates: 2,
    });
    expect(autumnRow).toMatchObject({
      name: 'Autumn 2025',
      members: 1,
      sessionsStarted: 1,
      sessionsCompleted: 0,
    });
    const improvement = await cohortImprovement(readModels, { tenantId, cohortId: spring });
    // Ben left the cohort, but his session started while he belonged to it and still counts.
    expect(improvement.map((candidate) => [candidate.displayName, candidate.sessions])).toEqual([
      ['Ada Lovelace', 2],
      ['Ben Okafor', 1],
    ]);
    const buckets = await signalDistribution(readModels, {
      tenantId,
      signal: 'relevance',
      from: week1,
      to: new Date('2025-04-01T00:00:00Z'),
    });
    expect(buckets.reduce((total, bucket) => total + bucket.sessions, 0)).toBe(3);
    // Membership counts from when it was recorded (now), so ask as of now: Ada has not practised
    // since March 2025, and Ben has left.
    const asOf = new Date();
    const atRisk = await candidatesAtRisk(readModels, { tenantId, cohortId: spring, asOf });
    expect(atRisk.map((candidate) => [candidate.displayName, candidate.inactive])).toEqual([
      ['Ada Lovelace', true],
    ]);
    expect(atRisk[0]!.daysSincePractice).toBe(Math.floor((asOf.getTime() - week2.getTime()) / 86_400_000));
  });

  it('the audit trail holds who did what, without personal data, and session activity counts', async () => {
    const trail = await auditTrail(readModels, {
      tenantId,
      from: new Date('2000-01-01T00:00:00Z'),
      to: new Date('2100-01-01T00:00:00Z'),
      limit: 500,
    });
    const actions = trail.entries.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'TenantCreated',
        'UserRegistered',
        'UserSignedIn',
        'SessionStarted',
        'SessionReportCompiled',
        'ReportViewed',
        'CandidateRemovedFromCohort',
      ]),
    );
    expect(actions).not.toContain('FrameAnalyzed');
    const registered = trail.entries.find(
      (entry) => entry.action === 'UserRegistered' && entry.subjectUserId === ada,
    )!;
    expect(registered.details).toEqual({ userId: ada });
    expect(trail.entries.find((entry) => entry.action === 'UserSignedIn')!.details).toEqual({
      userId: ada,
      method: 'password',
    });
    const viewed = await auditTrail(readModels, {
      tenantId,
      from: new Date('2000-01-01T00:00:00Z'),
      to: new Date('2100-01-01T00:00:00Z'),
      actorId: staffId,
    });
    expect(viewed.entries.map((entry) => [entry.action, entry.sessionId])).toEqual([
      ['ReportViewed', ada1.sessionId],
    ]);

    const activity = await sessionActivity(readModels, { tenantId, sessionId: ada1.sessionId });
    expect(activity).toMatchObject({
      framesCaptured: framesOf(ada1).length,
      audioChunksCaptured: 2,
      framesAnalyzed: framesOf(ada1).length,
      audioChunksAnalyzed: 2,
      answersScored: 2,
      transcriptSegments: 2,
    });
  });

  it('admin lists show tenants, users, cohorts and question sets', async () => {
    expect(await listTenants(readModels)).toEqual([
      expect.objectContaining({
        tenantId,
        name: 'Leeds Careers',
        policies: expect.objectContaining({ rawMediaRetentionDays: 30, expressionAnalysis: true }),
      }),
    ]);
    const users = await listUsers(readModels, { tenantId });
    expect(users.map((user) => [user.displayName, user.roles])).toEqual([
      ['Ada Lovelace', ['candidate']],
      ['Ben Okafor', ['candidate']],
      ['Cy Young', ['candidate']],
      ['Sam Staff', ['staff']],
    ]);
    expect(users[0]).toMatchObject({
      email: 'ada.lovelace@example.org',
      signInCount: 1,
      status: 'registered',
    });
    expect(
      (await listCohorts(readModels, { tenantId })).map((cohort) => [cohort.name, cohort.members]),
    ).toEqual([
      ['Autumn 2025', 1],
      ['Spring 2025', 1],
    ]);
    expect(
      (await listCohortMembers(readModels, { tenantId, cohortId: spring })).map(
        (member) => member.candidateId,
      ),
    ).toEqual([ada]);
    expect(await listQuestionSets(readModels, { tenantId })).toEqual([
      expect.objectContaining({ title: 'Graduate interview', questions: 3 }),
    ]);
    expect(
      (await listQuestions(readModels, { tenantId, questionSetId: questionSet.questionSetId })).map(
        (question) => question.questionId,
      ),
    ).toEqual(questionSet.questionIds);
  });

  it('reports its position and lag', async () => {
    const status = await projector.status();
    expect(status).toMatchObject({ state: 'running', lag: 0n, eventsParked: 0, lastError: null });
    expect(status.position).toBe(status.head);
    expect(status.eventsProjected).toBe(scenario.planned.length + 1);
  });
});
