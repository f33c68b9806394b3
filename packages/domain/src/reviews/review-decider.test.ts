import { specification } from '@poise/testing';
import { describe, it } from 'vitest';
import { reviewDecider } from './review-decider';

const sessionId = '11111111-1111-4111-8111-111111111111';
const answerId = '99999999-9999-4999-8999-999999999999';
const otherAnswerId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const commentId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const questionId = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const started = {
  type: 'SessionStarted',
  data: {
    sessionId,
    candidateId: '22222222-2222-4222-8222-222222222222',
    questionSetId: '33333333-3333-4333-8333-333333333333',
    cohortId: null,
    source: 'live',
    startedAt: '2026-12-01T10:00:00.000Z',
    policy: { expressionAnalysis: false, rawMediaRetentionDays: 30 },
  },
} as const;
const answered = {
  type: 'AnswerStarted',
  data: { sessionId, answerId, questionId, followUpId: null, offsetMs: 1000 },
} as const;

const comment = (on: string | null) =>
  ({
    type: 'AddSessionComment',
    sessionId,
    commentId,
    text: 'Good structure.',
    answerId: on,
    offsetMs: null,
  }) as const;
const commented = (on: string | null) =>
  ({
    type: 'SessionCommentAdded',
    data: { sessionId, commentId, text: 'Good structure.', answerId: on, offsetMs: null },
  }) as const;

const spec = specification(reviewDecider);

describe('review decider', () => {
  describe('AddSessionComment', () => {
    it('comments on the whole session', () => {
      spec
        .given([started])
        .when(comment(null))
        .thenDecides([commented(null)]);
    });

    it('comments on one of its answers', () => {
      spec
        .given([started, answered])
        .when(comment(answerId))
        .thenDecides([commented(answerId)]);
    });

    it('refuses an answer that is not the session’s', () => {
      spec.given([started, answered]).when(comment(otherAnswerId)).thenRefused('unknown-answer');
    });

    it('decides nothing for a comment resent with the same id', () => {
      spec
        .given([started, commented(null)])
        .when(comment(null))
        .thenNothing();
    });

    it('refuses a session that does not exist', () => {
      spec.given([]).when(comment(null)).thenRefused('session-not-found');
    });
  });

  describe('ScoreSessionRubric', () => {
    const scores = [{ criterion: 'Clarity', score: 4 }];

    it('records the scores', () => {
      spec
        .given([started])
        .when({ type: 'ScoreSessionRubric', sessionId, rubric: 'Interview rubric', scores, note: 'Solid' })
        .thenDecides([
          {
            type: 'SessionRubricScored',
            data: { sessionId, rubric: 'Interview rubric', scores, note: 'Solid' },
          },
        ]);
    });

    it('refuses a score of no criterion', () => {
      spec
        .given([started])
        .when({ type: 'ScoreSessionRubric', sessionId, rubric: 'Interview rubric', scores: [] })
        .thenRefused('no-scores');
    });

    it('refuses a session that does not exist', () => {
      spec
        .given([])
        .when({ type: 'ScoreSessionRubric', sessionId, rubric: 'Interview rubric', scores })
        .thenRefused('session-not-found');
    });
  });
});
