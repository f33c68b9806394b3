import type { EventData, PoiseEvent } from '@poise/schemas';
import { type Decider, DomainRuleError, unreachable } from '../decider';

export type ReviewCommand =
  | {
      readonly type: 'AddSessionComment';
      readonly sessionId: string;
      readonly commentId: string;
      readonly text: string;
      /** The answer commented on, or null for the whole session. */
      readonly answerId: string | null;
      readonly offsetMs: number | null;
    }
  | ({ readonly type: 'ScoreSessionRubric' } & EventData<'SessionRubricScored'>);

/** What a review needs of session-<id>: that the session exists, its answers and the comments so far. */
export interface ReviewState {
  readonly started: boolean;
  readonly answerIds: ReadonlySet<string>;
  readonly commentIds: ReadonlySet<string>;
}

function evolve(state: ReviewState, event: PoiseEvent): ReviewState {
  switch (event.type) {
    case 'SessionStarted':
      return { ...state, started: true };
    case 'AnswerStarted':
      return { ...state, answerIds: new Set(state.answerIds).add(event.data.answerId) };
    case 'SessionCommentAdded':
      return { ...state, commentIds: new Set(state.commentIds).add(event.data.commentId) };
    default:
      return state;
  }
}

function decide(command: ReviewCommand, state: ReviewState) {
  if (!state.started) throw new DomainRuleError('session-not-found', `no session ${command.sessionId}`);
  switch (command.type) {
    case 'AddSessionComment': {
      const { sessionId, commentId, text, answerId, offsetMs } = command;
      // A resent comment (same id) is already there.
      if (state.commentIds.has(commentId)) return [];
      if (answerId !== null && !state.answerIds.has(answerId)) {
        throw new DomainRuleError(
          'unknown-answer',
          `answer ${answerId} is not one of session ${sessionId}'s`,
        );
      }
      return [
        { type: 'SessionCommentAdded', data: { sessionId, commentId, text, answerId, offsetMs } },
      ] as const;
    }
    case 'ScoreSessionRubric': {
      const { type: _command, ...data } = command;
      if (data.scores.length === 0) throw new DomainRuleError('no-scores', 'score at least one criterion');
      return [{ type: 'SessionRubricScored', data }] as const;
    }
    default:
      return unreachable(command);
  }
}

/**
 * Staff review of a session (comments, rubric scores), written to session-<id> beside what it
 * reviews. The session's own decider owns its lifecycle; this one reads only what a review needs.
 */
export const reviewDecider: Decider<ReviewCommand, ReviewState> = {
  initialState: () => ({ started: false, answerIds: new Set(), commentIds: new Set() }),
  evolve,
  decide,
};
