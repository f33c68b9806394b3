import { openTestReadModels } from '@poise/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../insert-rows';
import type { ReadModels } from '../read-models';
import { id, rows } from '../test-support/row-builders';
import { candidateProgress } from './candidate-progress';
import { candidateSessions } from './candidate-sessions';
import { sessionActivity } from './session-activity';
import { sessionReport } from './session-report';
import { sessionTimeline } from './session-timeline';

const backend = openTestReadModels();
let readModels: ReadModels;
const tenant = { tenantId: 't1' };
const candidate = id('c1');
const [s1, s2, s3, other] = [id('s1'), id('s2'), id('s3'), id('s4')];

beforeAll(async () => {
  readModels = await backend.fresh('candidate');
  await insertRows(
    readModels,
    'question_sets',
    [rows.questionSet({ title: 'Behavioural', question_order: [id('q1')] })],
    'qs',
  );
  await insertRows(readModels, 'questions', [rows.question({ expected_answer: 'Model answer' })], 'q');
  await insertRows(
    readModels,
    'sessions',
    [
      // s1 in progress first, then its final version (the older one must not show).
      rows.session({
        session_id: s1,
        status: 'in-progress',
        report_compiled: false,
        composure_mean: null,
        version: '1',
      }),
      rows.session({
        session_id: s1,
        started_at: '2025-03-03 09:00:00.000',
        composure_mean: 0.5,
        eye_contact_share: 0.4,
        words_per_minute: 180,
        fillers_per_minute: 6,
        vocal_confidence: 5,
        relevance: 0.5,
        version: '10',
      }),
      rows.session({
        session_id: s2,
        started_at: '2025-03-10 09:00:00.000',
        composure_mean: 0.7,
        eye_contact_share: 0.6,
        words_per_minute: 150,
        fillers_per_minute: 3,
        vocal_confidence: 7,
        relevance: 0.8,
        version: '20',
      }),
      rows.session({
        session_id: s3,
        started_at: '2025-03-17 09:00:00.000',
        composure_mean: 0.6,
        eye_contact_share: null,
        words_per_minute: 90,
        fillers_per_minute: 2,
        vocal_confidence: 6,
        relevance: 0.7,
        version: '30',
      }),
      rows.session({
        session_id: other,
        candidate_id: id('c2'),
        started_at: '2025-03-17 09:00:00.000',
        version: '31',
      }),
      rows.session({
        session_id: id('s5'),
        status: 'in-progress',
        report_compiled: false,
        started_at: '2025-03-20 09:00:00.000',
        composure_mean: null,
        eye_contact_share: null,
        words_per_minute: null,
        fillers_per_minute: null,
        vocal_confidence: null,
        relevance: null,
        stress_alerts: null,
        ended_at: null,
        duration_ms: null,
        version: '40',
      }),
    ],
    'sessions',
  );
  const ofS2 = { session_id: s2, session_started_at: '2025-03-10 09:00:00.000' };
  await insertRows(
    readModels,
    'session_marks',
    [
      rows.mark({ ...ofS2, kind: 'session-started', offset_ms: 0 }),
      rows.mark({
        ...ofS2,
        kind: 'question-asked',
        offset_ms: 500,
        question_id: id('q1'),
        ordinal: 1,
        text: 'Tell me about a conflict (as asked).',
      }),
      rows.mark({
        ...ofS2,
        kind: 'answer-started',
        offset_ms: 1000,
        question_id: id('q1'),
        answer_id: id('a1'),
      }),
      rows.mark({
        ...ofS2,
        kind: 'answer-ended',
        offset_ms: 9000,
        answer_id: id('a1'),
        duration_ms: 8000,
        reason: 'finished',
      }),
      rows.mark({ ...ofS2, kind: 'session-ended', offset_ms: 10_000, duration_ms: 10_000 }),
    ],
    'marks',
  );
  await insertRows(
    readModels,
    'frames',
    [
      rows.frame({ ...ofS2, offset_ms: 1200, eye_contact: true, composure: 0.75 }),
      rows.frame({
        ...ofS2,
        offset_ms: 1400,
        eye_contact: false,
        face_count: 0,
        head_yaw_deg: null,
        head_pitch_deg: null,
        head_roll_deg: null,
        composure: null,
        angry: null,
        disgust: null,
        fear: null,
        happy: null,
        sad: null,
        surprise: null,
        neutral: null,
      }),
      rows.frame({ ...ofS2, offset_ms: 5000 }),
      rows.frame({ offset_ms: 1200 }),
    ],
    'frames',
  );
  await insertRows(
    readModels,
    'media_refs',
    [
      rows.mediaRef({ ...ofS2, offset_ms: 1200, sha256: 'b'.repeat(64) }),
      rows.mediaRef({
        ...ofS2,
        offset_ms: 1000,
        kind: 'audio',
        content_type: 'audio/pcm',
        bytes: 32_000,
        width: null,
        height: null,
        sample_rate: 16_000,
        channels: 1,
        samples: 16_000,
      }),
      rows.mediaRef({ ...ofS2, offset_ms: 1400, expires_at: '2020-01-01 00:00:00.000' }),
    ],
    'media',
  );
  await insertRows(
    readModels,
    'audio_chunks',
    [rows.audio({ ...ofS2, offset_ms: 1000, duration_ms: 4000, answer_id: id('a1') })],
    'audio',
  );
  await insertRows(
    readModels,
    'answers',
    [
      rows.answer({
        ...ofS2,
        answer_id: id('a1'),
        relevance: 0.8,
        suggestions: [{ code: 'fillers', message: 'Fewer fillers', feature: 'fillersPerMinute', value: 3 }],
      }),
    ],
    'answers',
  );
  await insertRows(
    readModels,
    'transcript_segments',
    [rows.transcript({ ...ofS2, start_offset_ms: 1500, end_offset_ms: 3000 })],
    'transcript',
  );
  await insertRows(
    readModels,
    'stress_alerts',
    [rows.alert({ ...ofS2, window_start_ms: 4000, window_end_ms: 6000 })],
    'alerts',
  );
  await insertRows(
    readModels,
    'reports',
    [
      rows.report({
        ...ofS2,
        composure_mean: 0.7,
        relevance: 0.8,
        answers: [
          {
            answer_id: id('a1'),
            question_id: id('q1'),
            follow_up_id: null,
            relevance: 0.8,
            vocal_confidence: 7,
            words_per_minute: 150,
          },
        ],
      }),
    ],
    'reports',
  );
});
afterAll(() => backend.close());

describe('candidateSessions', () => {
  it("lists the candidate's sessions newest first, latest version of each, a page at a time", async () => {
    const page = await candidateSessions(readModels, { ...tenant, candidateId: candidate, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.sessions.map((session) => session.sessionId)).toEqual([id('s5'), s3]);
    const all = await candidateSessions(readModels, { ...tenant, candidateId: candidate });
    const first = all.sessions.find((session) => session.sessionId === s1)!;
    expect(first).toMatchObject({
      status: 'ended',
      questionSetTitle: 'Behavioural',
      startedAt: new Date('2025-03-03T09:00:00.000Z'),
      scores: { composure: 0.5, eyeContact: 0.4, wordsPerMinute: 180, relevance: 0.5 },
    });
    expect(all.sessions.find((session) => session.sessionId === id('s5'))).toMatchObject({
      status: 'in-progress',
      reportCompiled: false,
      endedAt: null,
      scores: { composure: null, stressAlerts: null },
    });
  });
});

describe('candidateProgress', () => {
  it('gives the trend, first vs latest and personal bests of every signal', async () => {
    const progress = await candidateProgress(readModels, { ...tenant, candidateId: candidate });
    expect(progress.series.map((point) => point.sessionId)).toEqual([s1, s2, s3]);
    expect(progress.series[2]!.values.eyeContact).toBeNull();
    const bySignal = Object.fromEntries(progress.signals.map((signal) => [signal.signal, signal]));
    expect(bySignal.composure).toMatchObject({
      sessions: 3,
      first: 0.5,
      latest: 0.6,
      best: 0.7,
      bestSessionId: s2,
    });
    expect(bySignal.composure!.change).toBeCloseTo(0.1);
    // Eye contact was not measured in s3: its latest is s2's.
    expect(bySignal.eyeContact).toMatchObject({ sessions: 2, first: 0.4, latest: 0.6, best: 0.6 });
    // Lower is better for fillers.
    expect(bySignal.fillersPerMinute).toMatchObject({ first: 6, latest: 2, best: 2, bestSessionId: s3 });
    // Pace: 150 is inside the 100–165 band, 180 and 90 are 15 and 10 outside it.
    expect(bySignal.wordsPerMinute).toMatchObject({ first: 180, latest: 90, best: 150, bestSessionId: s2 });
    expect(progress.signals.map((signal) => signal.signal)).toEqual([
      'composure',
      'eyeContact',
      'wordsPerMinute',
      'fillersPerMinute',
      'vocalConfidence',
      'relevance',
    ]);
  });

  it('is empty for a candidate without reported sessions', async () => {
    expect(await candidateProgress(readModels, { ...tenant, candidateId: id('nobody') })).toEqual({
      series: [],
      signals: [],
    });
  });
});

describe('sessionTimeline', () => {
  it('puts marks, frames, audio, answers, transcript and alerts of one session on one axis', async () => {
    const timeline = await sessionTimeline(readModels, { ...tenant, sessionId: s2 });
    expect(timeline!.session.sessionId).toBe(s2);
    expect(timeline!.marks.map((mark) => [mark.offsetMs, mark.kind])).toEqual([
      [0, 'session-started'],
      [500, 'question-asked'],
      [1000, 'answer-started'],
      [9000, 'answer-ended'],
      [10_000, 'session-ended'],
    ]);
    expect(timeline!.frames.map((frame) => [frame.offsetMs, frame.eyeContact, frame.composure])).toEqual([
      [1200, true, 0.75],
      [1400, false, null],
      [5000, true, 0.5],
    ]);
    expect(timeline!.frames[1]).toMatchObject({ faceCount: 0, headPose: null, expression: null });
    expect(timeline!.frames[0]!.expression).toEqual({
      angry: 0,
      disgust: 0,
      fear: 0,
      happy: 0.25,
      sad: 0,
      surprise: 0,
      neutral: 0.75,
    });
    expect(timeline!.audio).toEqual([
      expect.objectContaining({ offsetMs: 1000, durationMs: 4000, answerId: id('a1') }),
    ]);
    expect(timeline!.media.map((media) => [media.offsetMs, media.kind, media.sha256])).toEqual([
      [1000, 'audio', 'a'.repeat(64)],
      [1200, 'frame', 'b'.repeat(64)],
    ]);
    expect(timeline!.answers).toEqual([
      expect.objectContaining({ answerId: id('a1'), startMs: 1000, endMs: 9000, relevance: 0.8 }),
    ]);
    expect(timeline!.transcript).toEqual([expect.objectContaining({ startMs: 1500, endMs: 3000, index: 0 })]);
    expect(timeline!.alerts).toEqual([
      expect.objectContaining({ startMs: 4000, endMs: 6000, dominantExpression: 'fear' }),
    ]);
  });

  it('loads a window of the replay', async () => {
    const window = await sessionTimeline(readModels, { ...tenant, sessionId: s2, fromMs: 1300, toMs: 4500 });
    expect(window!.frames.map((frame) => frame.offsetMs)).toEqual([1400]);
    expect(window!.marks).toEqual([]);
    expect(window!.audio).toHaveLength(1);
    expect(window!.transcript).toHaveLength(1);
    expect(window!.alerts).toHaveLength(1);
    expect(window!.answers).toHaveLength(1);
  });

  it('is null for an unknown session or another tenant', async () => {
    expect(await sessionTimeline(readModels, { ...tenant, sessionId: id('none') })).toBeNull();
    expect(await sessionTimeline(readModels, { tenantId: 't2', sessionId: s2 })).toBeNull();
  });
});

describe('sessionReport', () => {
  it('returns the compiled report with per-answer detail and the earlier sessions to compare with', async () => {
    const report = await sessionReport(readModels, { ...tenant, sessionId: s2 });
    expect(report).toMatchObject({
      sessionId: s2,
      candidateId: candidate,
      durationMs: 1_200_000,
      summary: { composure: 0.7, relevance: 0.8, stressAlerts: 0 },
      expressionDistribution: { happy: 0.25, neutral: 0.75 },
      earlier: { sessions: 1, scores: { composure: 0.5, relevance: 0.5, wordsPerMinute: 180 } },
    });
    expect(report!.answers).toEqual([
      {
        answerId: id('a1'),
        questionId: id('q1'),
        followUpId: null,
        questionText: 'Tell me about a conflict (as asked).',
        modelAnswer: 'Model answer',
        // A report row without statuses (compiled before v2) lists scored answers only.
        status: 'scored',
        scoreVersion: 1,
        missingAudioChunks: 0,
        relevance: 0.8,
        vocalConfidence: 7,
        wordsPerMinute: 150,
        scoring: {
          coverage: 0.5,
          matchedKeyPoints: ['listening'],
          missedKeyPoints: ['outcome'],
          similarity: 0.6,
          star: null,
          fillersPerMinute: 4,
          topFillers: [{ word: 'um', count: 8 }],
          suggestions: [{ code: 'fillers', message: 'Fewer fillers', feature: 'fillersPerMinute', value: 3 }],
        },
      },
    ]);
  });

  it('is null until the report is compiled', async () => {
    expect(await sessionReport(readModels, { ...tenant, sessionId: s3 })).toBeNull();
  });
});

describe('sessionActivity', () => {
  it('counts what was captured (and is still retained) and analysed in a session', async () => {
    expect(await sessionActivity(readModels, { ...tenant, sessionId: s2 })).toEqual({
      framesCaptured: 1,
      audioChunksCaptured: 1,
      bytesCaptured: 52_000,
      framesAnalyzed: 3,
      framesWithFace: 2,
      framesWithExpression: 3,
      audioChunksAnalyzed: 1,
      audioAnalyzedMs: 4000,
      transcriptSegments: 1,
      answersScored: 1,
      stressAlerts: 1,
    });
  });
});
