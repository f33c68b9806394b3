import type { Question } from '@poise/schemas';
import { specification } from '@poise/testing';
import { describe, it } from 'vitest';
import { MAX_QUESTIONS, questionSetDecider } from './question-set-decider';

const questionSetId = '33333333-3333-4333-8333-333333333333';
const first = '77777777-7777-4777-8777-777777777777';
const second = '88888888-8888-4888-8888-888888888888';

const questionText = (text: string): Question => ({
  text,
  expectedAnswer: 'A situation, what I did, and how it turned out.',
  keyPoints: [],
  behavioural: true,
  followUpRules: [],
  timeLimitSeconds: 120,
});
const deadline = questionText('Tell me about a missed deadline.');
const conflict = questionText('Tell me about a conflict in a team.');

const created = {
  type: 'QuestionSetCreated',
  data: { questionSetId, title: 'Behavioural basics', language: 'en-GB' },
} as const;
const firstAdded = {
  type: 'QuestionAdded',
  data: { questionSetId, questionId: first, position: 0, question: deadline },
} as const;

const spec = specification(questionSetDecider);

describe('question set decider', () => {
  describe('CreateQuestionSet', () => {
    it('creates the set', () => {
      spec
        .given([])
        .when({
          type: 'CreateQuestionSet',
          questionSetId,
          title: 'Behavioural basics',
          description: null,
          language: 'en-GB',
        })
        .thenDecides([created]);
    });

    it('refuses an id already in use', () => {
      spec
        .given([created])
        .when({ type: 'CreateQuestionSet', questionSetId, title: 'Other', description: 'x', language: 'en' })
        .thenRefused('question-set-exists');
    });
  });

  describe('AddQuestion', () => {
    const add = (position: number, expectedRevision?: number) =>
      ({
        type: 'AddQuestion',
        questionSetId,
        questionId: second,
        position,
        question: conflict,
        ...(expectedRevision === undefined ? {} : { expectedRevision }),
      }) as const;

    it('adds a question at any place from first to last', () => {
      for (const position of [0, 1]) {
        spec
          .given([created, firstAdded])
          .when(add(position, 1))
          .thenDecides([
            {
              type: 'QuestionAdded',
              data: { questionSetId, questionId: second, position, question: conflict },
            },
          ]);
      }
    });

    it('refuses a place beyond the end', () => {
      spec.given([created, firstAdded]).when(add(2)).thenRefused('position-out-of-range');
      spec.given([created, firstAdded]).when(add(-1)).thenRefused('position-out-of-range');
    });

    it('refuses a question id already in the set', () => {
      spec
        .given([created, firstAdded])
        .when({ type: 'AddQuestion', questionSetId, questionId: first, position: 1, question: conflict })
        .thenRefused('duplicate-question');
    });

    it(`refuses a ${MAX_QUESTIONS + 1}st question`, () => {
      const full = Array.from({ length: MAX_QUESTIONS }, (_, index) => ({
        type: 'QuestionAdded' as const,
        data: {
          questionSetId,
          questionId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          position: index,
          question: deadline,
        },
      }));
      spec
        .given([created, ...full])
        .when(add(0))
        .thenRefused('set-full');
    });

    it('refuses when the set changed since the editor saw it', () => {
      spec.given([created, firstAdded]).when(add(0, 0)).thenRefused('stale');
    });

    it('refuses a set that does not exist', () => {
      spec.given([]).when(add(0)).thenRefused('question-set-not-found');
    });
  });

  describe('UpdateQuestion', () => {
    it('replaces the question whole', () => {
      spec
        .given([created, firstAdded])
        .when({
          type: 'UpdateQuestion',
          questionSetId,
          questionId: first,
          question: conflict,
          expectedRevision: 1,
        })
        .thenDecides([
          { type: 'QuestionUpdated', data: { questionSetId, questionId: first, question: conflict } },
        ]);
    });

    it('refuses a question not in the set (removed meanwhile)', () => {
      spec
        .given([created, firstAdded, { type: 'QuestionRemoved', data: { questionSetId, questionId: first } }])
        .when({ type: 'UpdateQuestion', questionSetId, questionId: first, question: conflict })
        .thenRefused('unknown-question');
    });

    it('refuses when the set changed since the editor saw it', () => {
      spec
        .given([created, firstAdded])
        .when({
          type: 'UpdateQuestion',
          questionSetId,
          questionId: first,
          question: conflict,
          expectedRevision: 0,
        })
        .thenRefused('stale');
    });
  });

  describe('RemoveQuestion', () => {
    it('removes a question of the set', () => {
      spec
        .given([created, firstAdded])
        .when({ type: 'RemoveQuestion', questionSetId, questionId: first })
        .thenDecides([{ type: 'QuestionRemoved', data: { questionSetId, questionId: first } }]);
    });

    it('refuses a question not in the set', () => {
      spec
        .given([created, firstAdded])
        .when({ type: 'RemoveQuestion', questionSetId, questionId: second })
        .thenRefused('unknown-question');
    });
  });
});
