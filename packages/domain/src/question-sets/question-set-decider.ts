import type { PoiseEvent, Question } from '@poise/schemas';
import { type Decider, DomainRuleError, unreachable } from '../decider';
import { refuseIfStale } from '../stale-revision';
import { evolveQuestionSet, initialQuestionSet, type QuestionSetFold } from './question-set-state';

/** The most questions a set holds (QuestionAdded's position is 0..499). */
export const MAX_QUESTIONS = 500;

/** Edits carry the revision the editor saw, so two people editing one set cannot overwrite each other. */
export type QuestionSetCommand =
  | {
      readonly type: 'CreateQuestionSet';
      readonly questionSetId: string;
      readonly title: string;
      readonly description: string | null;
      readonly language: string;
    }
  | {
      readonly type: 'AddQuestion';
      readonly questionSetId: string;
      readonly questionId: string;
      /** Where it goes, 0 for first; the current count appends it. */
      readonly position: number;
      readonly question: Question;
      readonly expectedRevision?: number;
    }
  | {
      readonly type: 'UpdateQuestion';
      readonly questionSetId: string;
      readonly questionId: string;
      readonly question: Question;
      readonly expectedRevision?: number;
    }
  | {
      readonly type: 'RemoveQuestion';
      readonly questionSetId: string;
      readonly questionId: string;
      readonly expectedRevision?: number;
    };

export interface QuestionSetDeciderState {
  readonly set: QuestionSetFold;
  /** The revision of the stream's last event; -1 while it is empty. */
  readonly revision: number;
}

function evolve(state: QuestionSetDeciderState, event: PoiseEvent): QuestionSetDeciderState {
  return { set: evolveQuestionSet(state.set, event), revision: state.revision + 1 };
}

function decide(command: QuestionSetCommand, { set, revision }: QuestionSetDeciderState) {
  const { questionSetId } = command;
  if (command.type === 'CreateQuestionSet') {
    if (revision >= 0)
      throw new DomainRuleError('question-set-exists', `question set ${questionSetId} exists`);
    const { title, description, language } = command;
    const data =
      description === null || description === ''
        ? { questionSetId, title, language }
        : { questionSetId, title, description, language };
    return [{ type: 'QuestionSetCreated', data }] as const;
  }
  if (set === null) throw new DomainRuleError('question-set-not-found', `no question set ${questionSetId}`);
  refuseIfStale(command.expectedRevision, revision, `question set ${questionSetId}`);
  const { questionId } = command;
  const known = set.questions.has(questionId);
  switch (command.type) {
    case 'AddQuestion': {
      const { position, question } = command;
      if (known)
        throw new DomainRuleError('duplicate-question', `question ${questionId} is already in the set`);
      if (set.order.length >= MAX_QUESTIONS) {
        throw new DomainRuleError('set-full', `a set holds at most ${MAX_QUESTIONS} questions`);
      }
      if (!Number.isInteger(position) || position < 0 || position > set.order.length) {
        throw new DomainRuleError(
          'position-out-of-range',
          `position ${position} is not 0 to ${set.order.length}`,
        );
      }
      return [{ type: 'QuestionAdded', data: { questionSetId, questionId, position, question } }] as const;
    }
    case 'UpdateQuestion':
      if (!known) throw new DomainRuleError('unknown-question', `question ${questionId} is not in the set`);
      return [
        { type: 'QuestionUpdated', data: { questionSetId, questionId, question: command.question } },
      ] as const;
    case 'RemoveQuestion':
      if (!known) throw new DomainRuleError('unknown-question', `question ${questionId} is not in the set`);
      return [{ type: 'QuestionRemoved', data: { questionSetId, questionId } }] as const;
    default:
      return unreachable(command);
  }
}

/** questionset-<id>: the questions staff edit, in order, with the rules the editor enforces. */
export const questionSetDecider: Decider<QuestionSetCommand, QuestionSetDeciderState> = {
  initialState: () => ({ set: initialQuestionSet(), revision: -1 }),
  evolve,
  decide,
};
