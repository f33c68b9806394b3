import type { Question } from '@poise/schemas';
import { specification } from '@poise/testing';
import { describe, it } from 'vitest';
import type { QuestionSetState } from '../question-sets/question-set-state';
import { sessionDecider } from './session-decider';

const sessionId = '11111111-1111-4111-8111-111111111111';
const candidateId = '22222222-2222-4222-8222-222222222222';
const questionSetId = '33333333-3333-4333-8333-333333333333';
const questionId = '44444444-4444-4444-8444-444444444444';
const otherQuestionId = '45444444-4444-4444-8444-444444444444';
const answerId = '55555555-5555-4555-8555-555555555555';
const followUpId = '66666666-6666-4666-8666-666666666666';

const question: Question = {
  text: 'Tell me about a time you resolved a conflict.',
  expectedAnswer: 'A situation, the action taken and the result.',
  keyPoints: [{ id: 'result', text: 'The result', synonyms: [] }],
  behavioural: true,
  followUpRules: [
    { when: 'too-short', minWords: 40, prompt: 'Could you say more?' },
    { when: 'key-point-missing', keyPointId: 'result', prompt: 'What was the result?' },
  ],
  timeLimitSeconds: 120,
};

const questionSet: QuestionSetState = {
  questionSetId,
  title: 'Behavioural',
  description: undefined,
  language: 'en',
  order: [questionId, otherQuestionId],
  questions: new Map([
    [questionId, question],
    [otherQuestionId, { ...question, text: 'Why this role?', followUpRules: [] }],
  ]),
};

const started = {
  type: 'SessionStarted',
  data: {
    sessionId,
    candidateId,
    questionSetId,
    cohortId: null,
    source: 'live',
    startedAt: '2026-12-01T10:00:00.000Z',
    policy: { expressionAnalysis: true, rawMediaRetentionDays: 30 },
  },
} as const;

const consented = {
  type: 'ConsentGiven',
  data: {
    sessionId,
    candidateId,
    noticeVersion: '2026-11',
    noticeSha256: 'a'.repeat(64),
    recordVideo: true,
    recordAudio: true,
    expressionAnalysis: true,
    rawMediaRetentionDays: 30,
  },
} as const;

const asked = {
  type: 'QuestionAsked',
  data: {
    sessionId,
    questionId,
    ordinal: 1,
    text: question.text,
    readAloud: true,
    timeLimitSeconds: 120,
    offsetMs: 1_000,
  },
} as const;

const answerStarted = {
  type: 'AnswerStarted',
  data: { sessionId, answerId, questionId, followUpId: null, offsetMs: 5_000 },
} as const;

const answerEnded = {
  type: 'AnswerEnded',
  data: { sessionId, answerId, reason: 'finished', offsetMs: 65_000, durationMs: 60_000 },
} as const;

const ask = (id = questionId) =>
  ({ type: 'AskQuestion', questionId: id, readAloud: true, offsetMs: 1_000, questionSet }) as const;

const transcript = (index: number, text: string) =>
  ({
    type: 'RecordTranscript',
    answerId,
    index,
    text,
    source: 'supplied',
    confidence: null,
    startOffsetMs: 5_000,
    endOffsetMs: 65_000,
  }) as const;

const spec = specification(sessionDecider);

describe('session decider: questions and answers', () => {
  it('asks a question of the pinned set by id, taking its text and limit from the set', () => {
    spec.given([started, consented]).when(ask()).thenDecides([asked]);
  });

  it('refuses a question that is not in the set, and anything before consent', () => {
    spec
      .given([started, consented])
      .when(ask('77777777-7777-4777-8777-777777777777'))
      .thenRefused('unknown-question');
    spec
      .given([started, consented])
      .when({ ...ask(), questionSet: null })
      .thenRefused('unknown-question');
    spec.given([started]).when(ask()).thenRefused('consent-required');
  });

  it('treats asking a question again as a resend: it is asked once per session', () => {
    spec.given([started, consented, asked]).when(ask()).thenNothing();
    const askedOther = {
      type: 'QuestionAsked',
      data: { ...asked.data, questionId: otherQuestionId, ordinal: 2, text: 'Why this role?' },
    } as const;
    spec
      .given([started, consented, asked, answerStarted, answerEnded])
      .when(ask(otherQuestionId))
      .thenDecides([askedOther]);
    spec.given([started, consented, asked, answerStarted, answerEnded, askedOther]).when(ask()).thenNothing();
  });

  it('refuses a new question while an answer is open', () => {
    spec
      .given([started, consented, asked, answerStarted])
      .when(ask(otherQuestionId))
      .thenRefused('answer-in-progress');
  });

  it('starts an answer only to a question asked, once', () => {
    const start = { type: 'StartAnswer', answerId, questionId, followUpId: null, offsetMs: 5_000 } as const;
    spec.given([started, consented, asked]).when(start).thenDecides([answerStarted]);
    spec.given([started, consented, asked, answerStarted]).when(start).thenNothing();
    spec.given([started, consented]).when(start).thenRefused('question-not-asked');
  });

  it('records transcript segments once each, and none after the answer ended', () => {
    const segment = {
      type: 'TranscriptSegmentRecorded',
      data: {
        sessionId,
        answerId,
        index: 0,
        text: 'First part.',
        source: 'supplied',
        startOffsetMs: 5_000,
        endOffsetMs: 65_000,
      },
    } as const;
    spec
      .given([started, consented, asked, answerStarted])
      .when(transcript(0, 'First part.'))
      .thenDecides([segment]);
    spec
      .given([started, consented, asked, answerStarted, segment])
      .when(transcript(0, 'First part.'))
      .thenNothing();
    spec
      .given([started, consented, asked, answerStarted, answerEnded])
      .when(transcript(1, 'Too late.'))
      .thenRefused('answer-ended');
    spec.given([started, consented, asked]).when(transcript(0, 'No answer.')).thenRefused('unknown-answer');
  });

  it('ends an answer with its duration, once, never before it started', () => {
    const end = { type: 'EndAnswer', answerId, reason: 'finished', offsetMs: 65_000 } as const;
    spec.given([started, consented, asked, answerStarted]).when(end).thenDecides([answerEnded]);
    spec.given([started, consented, asked, answerStarted, answerEnded]).when(end).thenNothing();
    spec
      .given([started, consented, asked, answerStarted])
      .when({ ...end, offsetMs: 4_000 })
      .thenRefused('offset-backwards');
  });

  it('asks a follow-up by one of the question’s rules, with the rule’s prompt', () => {
    const followUp = {
      type: 'AskFollowUp',
      followUpId,
      afterAnswerId: answerId,
      reason: 'key-point-missing',
      keyPointId: 'result',
      offsetMs: 70_000,
      questionSet,
    } as const;
    const history = [started, consented, asked, answerStarted, answerEnded] as const;
    const followUpAsked = {
      type: 'FollowUpAsked',
      data: {
        sessionId,
        followUpId,
        questionId,
        afterAnswerId: answerId,
        reason: 'key-point-missing',
        keyPointId: 'result',
        text: 'What was the result?',
        offsetMs: 70_000,
      },
    } as const;
    spec.given(history).when(followUp).thenDecides([followUpAsked]);
    spec
      .given([...history, followUpAsked])
      .when(followUp)
      .thenNothing();
    spec
      .given(history)
      .when({ ...followUp, reason: 'no-result-stated', keyPointId: null })
      .thenRefused('unknown-follow-up');
    spec
      .given(history)
      .when({ ...followUp, keyPointId: 'situation' })
      .thenRefused('unknown-follow-up');
    spec.given([started, consented, asked]).when(followUp).thenRefused('unknown-answer');
  });
});
