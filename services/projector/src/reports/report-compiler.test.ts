import { compileSessionReport, readPoiseStream } from '@poise/domain';
import { type ReadModels, sessionActivity, sessionReport, sessionTimeline } from '@poise/read-models';
import {
  createEvent,
  deterministicEventId,
  type PoiseEvent,
  type PoiseEventOf,
  type RecordedPoiseEvent,
  streamName,
} from '@poise/schemas';
import { appendPlanned, memoryLogger, openTestReadModels, PracticeScenario } from '@poise/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startProjector } from '../projector/start-projector';
import { cleanProjection } from '../test-support/clean-projection';
import { openTestLog } from '../test-support/test-log';
import { startReportCompiler } from './report-compiler';

const testLog = openTestLog();
const backend = openTestReadModels();
afterAll(async () => {
  await testLog.close();
  await backend.close();
});

const tenantId = 'leeds-careers';

describe('report compiler', () => {
  it('appends each ended session’s report to its analysis stream once, which the projector then projects', async () => {
    const scenario = new PracticeScenario(tenantId, 9);
    scenario.createTenant('Leeds');
    const candidateId = scenario.addPerson('Ada');
    const questionSet = scenario.createQuestionSet('Set', 2);
    const sessions = [0, 1].map((day) =>
      scenario.practise({
        ...questionSet,
        candidateId,
        startedAt: new Date(Date.UTC(2025, 2, 3 + day)),
        report: false,
      }),
    );
    const running = scenario.practise({
      ...questionSet,
      candidateId,
      startedAt: new Date(Date.UTC(2025, 2, 5)),
      outcome: 'in-progress',
    });
    await appendPlanned(testLog.log, scenario.planned);

    const compiler = startReportCompiler({ log: testLog.log, logger: memoryLogger(), pollIntervalMs: 20 });
    await compiler.waitForCatchUp();
    await compiler.stop();
    expect(compiler.compiled()).toBe(2);
    for (const session of sessions) {
      const stream = await testLog.log.readStream(streamName.analysis(session.sessionId));
      const reports = stream.filter((event) => event.type === 'SessionReportCompiled');
      const ended = session.sessionEvents.find((event) => event.type === 'SessionEnded')!;
      expect(reports.map((event) => event.id)).toEqual([
        deterministicEventId(ended.id, 'SessionReportCompiled'),
      ]);
      expect(reports[0]!.data).toEqual(compileSessionReport(session.sessionEvents, session.analysisEvents));
      expect(reports[0]!.metadata).toMatchObject({
        causationId: ended.id,
        correlationId: session.sessionId,
        actor: { kind: 'service', id: 'report-compiler' },
      });
    }
    expect(
      (await testLog.log.readStream(streamName.analysis(running.sessionId))).some(
        (event) => event.type === 'SessionReportCompiled',
      ),
    ).toBe(false);

    // A restart resumes after its checkpoint and appends nothing new.
    const again = startReportCompiler({ log: testLog.log, logger: memoryLogger(), pollIntervalMs: 20 });
    await again.waitForCatchUp();
    await again.stop();
    expect(again.compiled()).toBe(0);

    const readModels = await backend.fresh('reports');
    const projector = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      flushIntervalMs: 10,
    });
    await projector.waitForCatchUp();
    await projector.stop();
    const report = await sessionReport(readModels, { tenantId, sessionId: sessions[0]!.sessionId });
    expect(report?.answers).toHaveLength(2);
  });

  it('waits for analyses still in flight before compiling', async () => {
    const scenario = new PracticeScenario(tenantId, 10);
    const candidateId = scenario.addPerson('Ben');
    const questionSet = scenario.createQuestionSet('Set', 1);
    const session = scenario.practise({
      ...questionSet,
      candidateId,
      startedAt: new Date(Date.UTC(2025, 2, 3)),
      report: false,
      answers: 1,
    });
    // The worker is behind: the session ends before its answer is scored.
    const late = scenario.planned.filter((planned) => planned.event.type === 'AnswerScored');
    await appendPlanned(
      testLog.log,
      scenario.planned.filter((planned) => !late.includes(planned)),
    );

    const compiler = startReportCompiler({
      log: testLog.log,
      logger: memoryLogger(),
      pollIntervalMs: 20,
      subscriberId: 'late-compiler',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const analysis = streamName.analysis(session.sessionId);
    expect(
      (await testLog.log.readStream(analysis)).some((event) => event.type === 'SessionReportCompiled'),
    ).toBe(false);
    await appendPlanned(testLog.log, late);
    await compiler.waitForCatchUp();
    await compiler.stop();
    const report = (await testLog.log.readStream(analysis)).find(
      (event) => event.type === 'SessionReportCompiled',
    )!;
    const scored = (late[0]!.event as PoiseEvent & { type: 'AnswerScored' }).data;
    expect(
      (report.data as { answers: { answerId: string }[] }).answers.map((answer) => answer.answerId),
    ).toEqual([scored.answerId]);
  });

  it('re-compiles the report when an answer is re-scored: read models and a rebuild show the new version only', async () => {
    const scenario = new PracticeScenario(tenantId, 11);
    scenario.createTenant('Leeds');
    const candidateId = scenario.addPerson('Cai');
    const questionSet = scenario.createQuestionSet('Set', 1);
    const session = scenario.practise({
      ...questionSet,
      candidateId,
      startedAt: new Date(Date.UTC(2025, 2, 6)),
      report: false,
      answers: 1,
    });
    await appendPlanned(testLog.log, scenario.planned);
    const compiler = startReportCompiler({
      log: testLog.log,
      logger: memoryLogger(),
      pollIntervalMs: 20,
      subscriberId: 'rescore-compiler',
    });
    await compiler.waitForCatchUp();

    // A chunk analysed late re-scores the answer: version 2, at a slower pace with all the audio.
    const analysis = streamName.analysis(session.sessionId);
    const first = (await readPoiseStream(testLog.log, analysis)).find(
      (event): event is RecordedPoiseEvent & PoiseEventOf<'AnswerScored'> => event.type === 'AnswerScored',
    )!;
    const rescored = createEvent(
      'AnswerScored',
      { ...first.data, scoreVersion: 2, supersedes: first.id, wordsPerMinute: 212, vocalConfidence: 6.5 },
      {
        tenantId,
        actor: { kind: 'service', id: 'inference-worker' },
        correlationId: session.sessionId,
        causationId: first.metadata.causationId,
      },
    );
    await testLog.log.append(analysis, [rescored]);
    await compiler.waitForCatchUp();
    await compiler.stop();

    const reports = (await readPoiseStream(testLog.log, analysis)).filter(
      (event): event is RecordedPoiseEvent & PoiseEventOf<'SessionReportCompiled'> =>
        event.type === 'SessionReportCompiled',
    );
    expect(reports.map((report) => report.id)).toEqual([
      deterministicEventId(
        session.sessionEvents.find((event) => event.type === 'SessionEnded')!.id,
        'SessionReportCompiled',
      ),
      deterministicEventId(rescored.id, 'SessionReportCompiled'),
    ]);
    expect(reports[1]!.data.supersedes).toBe(reports[0]!.id);
    expect(reports[1]!.data.answers).toEqual([
      expect.objectContaining({
        answerId: first.data.answerId,
        scoring: 'scored',
        scoreVersion: 2,
        wordsPerMinute: 212,
      }),
    ]);
    const audit = (await readPoiseStream(testLog.log, streamName.audit(tenantId))).filter(
      (event): event is RecordedPoiseEvent & PoiseEventOf<'AnalysesCompleted'> =>
        event.type === 'AnalysesCompleted' && event.data.sessionId === session.sessionId,
    );
    expect(audit.map((event) => event.data)).toEqual([
      expect.objectContaining({ answersScored: 1, answersNotScored: 0, rescores: 0 }),
      expect.objectContaining({ answersScored: 1, answersNotScored: 0, rescores: 1 }),
    ]);
    expect(audit[0]!.data.models.length).toBeGreaterThan(0);

    const readModels = await backend.fresh('rescored');
    const projector = startProjector({
      log: testLog.log,
      readModels,
      logger: memoryLogger(),
      flushIntervalMs: 10,
    });
    await projector.waitForCatchUp();
    await projector.stop();
    const shown = async (models: ReadModels) => ({
      report: (await sessionReport(models, { tenantId, sessionId: session.sessionId }))?.answers.map(
        (answer) => ({
          status: answer.status,
          scoreVersion: answer.scoreVersion,
          wordsPerMinute: answer.wordsPerMinute,
        }),
      ),
      timeline: (await sessionTimeline(models, { tenantId, sessionId: session.sessionId }))?.answers.map(
        (answer) => ({
          scoreVersion: answer.scoreVersion,
          wordsPerMinute: answer.wordsPerMinute,
        }),
      ),
      activity: (await sessionActivity(models, { tenantId, sessionId: session.sessionId })).answersScored,
    });
    const live = await shown(readModels);
    expect(live).toEqual({
      report: [{ status: 'scored', scoreVersion: 2, wordsPerMinute: 212 }],
      timeline: [{ scoreVersion: 2, wordsPerMinute: 212 }],
      activity: 1,
    });
    expect(await shown(await cleanProjection(testLog.log, backend))).toEqual(live);
  });
});
