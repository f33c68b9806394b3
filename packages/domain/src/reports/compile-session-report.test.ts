import { createEvent, type EventData, type EventType, type PoiseEvent } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { compileSessionReport } from './compile-session-report';

const sessionId = '1f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c11';
const candidateId = '2a7d4e1b-5c3f-4b8a-9e6d-3c1f0b2a4d22';
const questionSetId = '5da07b4e-8f6c-4ebd-b19a-6f4c3e5d7a55';
const [q1, q2, a1, a2] = [
  '6eb18c5f-9a7d-4fce-82ab-7a5d4f6e8b66',
  '6eb18c5f-9a7d-4fce-82ab-7a5d4f6e8b67',
  '7fc29d6a-ab8e-4adf-93bc-8b6e5a7f9c77',
  '7fc29d6a-ab8e-4adf-93bc-8b6e5a7f9c78',
];
const metadata = {
  tenantId: 'leeds-careers',
  actor: { kind: 'service', id: 'inference-worker' },
  correlationId: sessionId,
  causationId: null,
} as const;
const event = <Type extends EventType>(type: Type, data: EventData<Type>) =>
  createEvent(type, data, metadata) as PoiseEvent;
const models = [{ name: 'blazeface', version: '1.0.0', sha256: 'a'.repeat(64) }];
const timings = { decode: 1, detect: 1, landmarks: 1, expression: 1, total: 4 };
const face = { box: { x: 0.2, y: 0.2, width: 0.3, height: 0.3 }, score: 0.9 };
const pose = { yawDeg: 0, pitchDeg: 0, rollDeg: 0 };

function frame(
  offsetMs: number,
  primaryFace: EventData<'FrameAnalyzed'>['primaryFace'],
  expressionEnabled = true,
) {
  return event('FrameAnalyzed', {
    sessionId,
    frameId: `91e4bf8c-cda0-4cf1-b5de-ad8a7c9bb${String(offsetMs).padStart(3, '0')}`,
    answerId: null,
    offsetMs,
    faces: primaryFace === null ? [] : [face],
    primaryFace,
    expressionEnabled,
    models,
    timingsMs: timings,
  });
}

function scored(
  answerId: string,
  questionId: string,
  values: { wpm: number; fillers: number; vocal: number; relevance: number },
  version: { scoreVersion: number; supersedes: string | null; content?: 'scored' | 'no-transcript' } = {
    scoreVersion: 1,
    supersedes: null,
  },
) {
  const content = version.content ?? 'scored';
  return event('AnswerScored', {
    sessionId,
    answerId,
    questionId,
    followUpId: null,
    scoreVersion: version.scoreVersion,
    supersedes: version.supersedes,
    content,
    audio: { analysedChunkIds: [], missingChunkIds: [] },
    wordCount: content === 'scored' ? 100 : 0,
    speakingTimeMs: 40_000,
    relevance: values.relevance,
    coverage: { share: 0.5, matchedKeyPointIds: [], missedKeyPointIds: [] },
    similarity: 0.5,
    star: null,
    wordsPerMinute: values.wpm,
    fillers: { count: 2, perMinute: values.fillers, top: [] },
    vocalConfidence: values.vocal,
    suggestions: [],
    models,
  });
}

const started = (expressionAnalysis: boolean) =>
  event('SessionStarted', {
    sessionId,
    candidateId,
    questionSetId,
    cohortId: null,
    source: 'live',
    startedAt: '2025-03-01T09:30:00.000Z',
    policy: { expressionAnalysis, rawMediaRetentionDays: 30 },
  });
const ended = event('SessionEnded', { sessionId, durationMs: 300_000, questionsAsked: 2, answersGiven: 2 });
const answerStarted = (answerId: string, questionId: string, offsetMs: number) =>
  event('AnswerStarted', { sessionId, answerId, questionId, followUpId: null, offsetMs });

describe('compileSessionReport', () => {
  it('summarises every signal as documented, answers in the order they were started', () => {
    const calm = { angry: 0, disgust: 0, fear: 0, happy: 0.2, sad: 0, surprise: 0, neutral: 0.8 };
    const tense = { angry: 0.2, disgust: 0, fear: 0.4, happy: 0, sad: 0, surprise: 0, neutral: 0.4 };
    const report = compileSessionReport(
      [started(true), answerStarted(a2, q2, 1_000), answerStarted(a1, q1, 60_000), ended],
      [
        frame(100, { faceIndex: 0, headPose: pose, eyeContact: true, expression: calm, composure: 0.9 }),
        frame(200, { faceIndex: 0, headPose: pose, eyeContact: false, expression: tense, composure: 0.5 }),
        frame(300, null),
        frame(400, { faceIndex: 0, headPose: pose, eyeContact: true, expression: calm, composure: 0.7 }),
        scored(a1, q1, { wpm: 120, fillers: 2, vocal: 6, relevance: 0.5 }),
        scored(a2, q2, { wpm: 180, fillers: 4, vocal: 8, relevance: 0.9 }),
        event('StressAlertRaised', {
          sessionId,
          answerId: a1,
          windowStartMs: 150,
          windowEndMs: 250,
          frameCount: 2,
          negativeShare: 0.6,
          threshold: 0.5,
          dominantExpression: 'fear',
        }),
      ],
    );
    expect(report).toMatchObject({ sessionId, candidateId, questionSetId, durationMs: 300_000 });
    expect(report.summary.eyeContactShare).toBe(0.5);
    expect(report.summary.composureMean).toBeCloseTo(0.7);
    expect(report.summary.wordsPerMinute).toBe(150);
    expect(report.summary.fillersPerMinute).toBe(3);
    expect(report.summary.vocalConfidence).toBe(7);
    expect(report.summary.relevance).toBeCloseTo(0.7);
    expect(report.summary.stressAlerts).toBe(1);
    const distribution = report.summary.expressionDistribution!;
    expect(distribution.neutral).toBeCloseTo(2 / 3);
    expect(distribution.fear).toBeCloseTo(0.4 / 3);
    expect(Object.values(distribution).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1);
    expect(report.answers.map((answer) => answer.answerId)).toEqual([a2, a1]);
    expect(report.answers[0]).toEqual({
      answerId: a2,
      questionId: q2,
      followUpId: null,
      scoring: 'scored',
      scoreVersion: 1,
      relevance: 0.9,
      vocalConfidence: 8,
      wordsPerMinute: 180,
    });
  });

  it('takes each answer at its latest score version: a re-score supersedes the first', () => {
    const first = scored(a1, q1, { wpm: 260, fillers: 2, vocal: 4, relevance: 0.5 });
    const report = compileSessionReport(
      [started(true), answerStarted(a1, q1, 1_000), ended],
      [
        first,
        scored(
          a1,
          q1,
          { wpm: 212, fillers: 2, vocal: 6, relevance: 0.5 },
          { scoreVersion: 2, supersedes: first.id },
        ),
      ],
    );
    expect(report.answers).toEqual([
      expect.objectContaining({ answerId: a1, scoreVersion: 2, wordsPerMinute: 212 }),
    ]);
    expect(report.summary.wordsPerMinute).toBe(212);
    expect(report.summary.vocalConfidence).toBe(6);
  });

  it('lists every answer: voice-only for delivery, failed and unscored ones with no figures', () => {
    const a3 = '7fc29d6a-ab8e-4adf-93bc-8b6e5a7f9c79';
    const report = compileSessionReport(
      [
        started(true),
        answerStarted(a1, q1, 1_000),
        answerStarted(a2, q2, 2_000),
        answerStarted(a3, q2, 3_000),
        ended,
      ],
      [
        scored(
          a1,
          q1,
          { wpm: 0, fillers: 0, vocal: 6, relevance: 0 },
          { scoreVersion: 1, supersedes: null, content: 'no-transcript' },
        ),
        event('AnswerScoringFailed', {
          sessionId,
          answerId: a2,
          attempt: 1,
          reason: 'inference server answered UNAVAILABLE',
          willRetry: true,
        }),
      ],
    );
    const none = { relevance: null, vocalConfidence: null, wordsPerMinute: null, scoreVersion: null };
    expect(report.answers).toEqual([
      expect.objectContaining({
        answerId: a1,
        scoring: 'delivery-only',
        scoreVersion: 1,
        relevance: null,
        wordsPerMinute: null,
        vocalConfidence: 6,
      }),
      expect.objectContaining({ answerId: a2, scoring: 'failed', ...none }),
      expect.objectContaining({ answerId: a3, scoring: 'not-scored', ...none }),
    ]);
    // Content means leave the voice-only answer out; delivery counts it.
    expect(report.summary.relevance).toBeNull();
    expect(report.summary.wordsPerMinute).toBeNull();
    expect(report.summary.vocalConfidence).toBe(6);
  });

  it('leaves signals that did not run null', () => {
    const report = compileSessionReport(
      [started(false), ended],
      [frame(100, { faceIndex: 0, headPose: pose, eyeContact: true }, false)],
    );
    expect(report.summary).toEqual({
      composureMean: null,
      eyeContactShare: 1,
      expressionDistribution: null,
      wordsPerMinute: null,
      fillersPerMinute: null,
      vocalConfidence: null,
      relevance: null,
      stressAlerts: 0,
    });
    expect(report.answers).toEqual([]);
  });

  it('refuses a session that has not ended', () => {
    expect(() => compileSessionReport([started(true)], [])).toThrow(/has not ended/);
  });
});
