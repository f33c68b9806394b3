import { specification } from '@poise/testing';
import { describe, it } from 'vitest';
import { sessionDecider } from './session-decider';

const sessionId = '11111111-1111-4111-8111-111111111111';
const candidateId = '22222222-2222-4222-8222-222222222222';
const questionSetId = '33333333-3333-4333-8333-333333333333';
const notice = { noticeVersion: '2026-11', noticeSha256: 'a'.repeat(64) };
const strictPolicy = { expressionAnalysis: false, rawMediaRetentionDays: 30 };
const openPolicy = { expressionAnalysis: true, rawMediaRetentionDays: 90 };

const startedUnder = (policy: typeof strictPolicy) =>
  ({
    type: 'SessionStarted',
    data: {
      sessionId,
      candidateId,
      questionSetId,
      cohortId: null,
      source: 'live',
      startedAt: '2026-12-01T10:00:00.000Z',
      policy,
    },
  }) as const;

const consentGiven = (expressionAnalysis: boolean, rawMediaRetentionDays: number) =>
  ({
    type: 'ConsentGiven',
    data: {
      sessionId,
      candidateId,
      ...notice,
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis,
      rawMediaRetentionDays,
    },
  }) as const;

const giveConsent = (expressionAnalysis: boolean) =>
  ({
    type: 'GiveConsent',
    candidateId,
    ...notice,
    recordVideo: true,
    recordAudio: true,
    expressionAnalysis,
  }) as const;

const spec = specification(sessionDecider);

describe('session decider', () => {
  describe('StartSession', () => {
    const start = {
      type: 'StartSession',
      sessionId,
      candidateId,
      questionSetId,
      cohortId: null,
      source: 'live',
      startedAt: '2026-12-01T10:00:00.000Z',
      tenantPolicy: strictPolicy,
    } as const;

    it('records the tenant policy in force', () => {
      spec
        .given([])
        .when(start)
        .thenDecides([startedUnder(strictPolicy)]);
    });

    it('refuses to start a session twice', () => {
      spec
        .given([startedUnder(strictPolicy)])
        .when(start)
        .thenRefused('session-exists');
    });
  });

  describe('GiveConsent', () => {
    it('grants expression analysis only where the policy allows it', () => {
      spec
        .given([startedUnder(strictPolicy)])
        .when(giveConsent(true))
        .thenDecides([consentGiven(false, 30)]);
      spec
        .given([startedUnder(openPolicy)])
        .when(giveConsent(true))
        .thenDecides([consentGiven(true, 90)]);
      spec
        .given([startedUnder(openPolicy)])
        .when(giveConsent(false))
        .thenDecides([consentGiven(false, 90)]);
    });

    it('takes retention from the policy, never from the client', () => {
      // The command has no retention at all: whatever a client sends cannot reach the event.
      spec
        .given([startedUnder(strictPolicy)])
        .when(giveConsent(false))
        .thenDecides([consentGiven(false, 30)]);
    });

    it('is idempotent for the same decision, refuses a different one', () => {
      spec
        .given([startedUnder(openPolicy), consentGiven(true, 90)])
        .when(giveConsent(true))
        .thenNothing();
      spec
        .given([startedUnder(openPolicy), consentGiven(true, 90)])
        .when(giveConsent(false))
        .thenRefused('consent-decided');
    });

    it('refuses a session never started, another candidate, and a session that has ended', () => {
      spec.given([]).when(giveConsent(true)).thenRefused('session-not-started');
      spec
        .given([startedUnder(openPolicy)])
        .when({ ...giveConsent(true), candidateId: '44444444-4444-4444-8444-444444444444' })
        .thenRefused('not-the-candidate');
      spec
        .given([
          startedUnder(openPolicy),
          { type: 'SessionAbandoned', data: { sessionId, reason: 'disconnected', lastActivityOffsetMs: 0 } },
        ])
        .when(giveConsent(true))
        .thenRefused('session-ended');
    });
  });

  describe('RefuseConsent', () => {
    const refuse = { type: 'RefuseConsent', candidateId, ...notice } as const;
    it('records the refusal once, and cannot take back a consent given', () => {
      const refused = { type: 'ConsentRefused', data: { sessionId, candidateId, ...notice } } as const;
      spec
        .given([startedUnder(strictPolicy)])
        .when(refuse)
        .thenDecides([refused]);
      spec
        .given([startedUnder(strictPolicy), refused])
        .when(refuse)
        .thenNothing();
      spec
        .given([startedUnder(strictPolicy), consentGiven(false, 30)])
        .when(refuse)
        .thenRefused('consent-decided');
    });
  });

  describe('EndSession and AbandonSession', () => {
    it('ends with the counts the stream holds, once', () => {
      const answerId = '55555555-5555-4555-8555-555555555555';
      const questionId = '66666666-6666-4666-8666-666666666666';
      const history = [
        startedUnder(strictPolicy),
        consentGiven(false, 30),
        {
          type: 'QuestionAsked',
          data: {
            sessionId,
            questionId,
            ordinal: 1,
            text: 'Tell me about yourself.',
            readAloud: false,
            timeLimitSeconds: 120,
            offsetMs: 0,
          },
        },
        {
          type: 'AnswerStarted',
          data: { sessionId, answerId, questionId, followUpId: null, offsetMs: 1_000 },
        },
        {
          type: 'AnswerEnded',
          data: { sessionId, answerId, reason: 'finished', offsetMs: 9_000, durationMs: 8_000 },
        },
      ] as const;
      const ended = {
        type: 'SessionEnded',
        data: { sessionId, durationMs: 10_000, questionsAsked: 1, answersGiven: 1 },
      } as const;
      spec.given(history).when({ type: 'EndSession', durationMs: 10_000 }).thenDecides([ended]);
      spec
        .given([...history, ended])
        .when({ type: 'EndSession', durationMs: 12_000 })
        .thenNothing();
    });

    it('abandons a session in progress, and leaves an ended one alone', () => {
      const abandon = { type: 'AbandonSession', reason: 'inactive', lastActivityOffsetMs: 5_000 } as const;
      spec
        .given([startedUnder(strictPolicy)])
        .when(abandon)
        .thenDecides([
          { type: 'SessionAbandoned', data: { sessionId, reason: 'inactive', lastActivityOffsetMs: 5_000 } },
        ]);
      spec
        .given([
          startedUnder(strictPolicy),
          { type: 'SessionEnded', data: { sessionId, durationMs: 1, questionsAsked: 0, answersGiven: 0 } },
        ])
        .when(abandon)
        .thenNothing();
      spec
        .given([startedUnder(strictPolicy)])
        .when({ type: 'EndSession', durationMs: 1 })
        .thenRefused('consent-required');
    });
  });
});
