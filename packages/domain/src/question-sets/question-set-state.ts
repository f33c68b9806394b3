import type { PoiseEvent, Question, RecordedPoiseEvent } from '@poise/schemas';

/** A question set as its events made it: questions in their order, each at its latest version. */
export interface QuestionSetState {
  readonly questionSetId: string;
  readonly title: string;
  readonly description: string | undefined;
  readonly language: string;
  /** Question ids in the order the room asks them. */
  readonly order: readonly string[];
  readonly questions: ReadonlyMap<string, Question>;
}

/** Null until the set is created. */
export type QuestionSetFold = QuestionSetState | null;

export const initialQuestionSet = (): QuestionSetFold => null;

/** Folds one event of questionset-<id>; events of other streams leave the set as it is. */
export function evolveQuestionSet(state: QuestionSetFold, event: PoiseEvent): QuestionSetFold {
  if (event.type === 'QuestionSetCreated') {
    const { questionSetId, title, description, language } = event.data;
    return { questionSetId, title, description, language, order: [], questions: new Map() };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'QuestionAdded': {
      const { questionId, position, question } = event.data;
      const order = state.order.filter((id) => id !== questionId);
      order.splice(Math.min(position, order.length), 0, questionId);
      return { ...state, order, questions: new Map(state.questions).set(questionId, question) };
    }
    case 'QuestionUpdated': {
      const { questionId, question } = event.data;
      if (!state.questions.has(questionId)) return state;
      return { ...state, questions: new Map(state.questions).set(questionId, question) };
    }
    case 'QuestionRemoved': {
      const { questionId } = event.data;
      const questions = new Map(state.questions);
      questions.delete(questionId);
      return { ...state, order: state.order.filter((id) => id !== questionId), questions };
    }
    default:
      return state;
  }
}

/**
 * The set as it stood when a session started: only its events before the session's SessionStarted
 * in the log. Every reader of a session's questions (room, gateway, scorer, report) pins the set
 * this way, so an edit made while a candidate practises never changes the questions under them.
 */
export function questionSetAsOf(
  setEvents: readonly RecordedPoiseEvent[],
  sessionStartedPosition: bigint,
): QuestionSetFold {
  let state = initialQuestionSet();
  for (const event of setEvents) {
    if (event.position >= sessionStartedPosition) break;
    state = evolveQuestionSet(state, event);
  }
  return state;
}

/** The questions in the order asked, each with its id. */
export function questionsInOrder(set: QuestionSetState): { questionId: string; question: Question }[] {
  return set.order.flatMap((questionId) => {
    const question = set.questions.get(questionId);
    return question === undefined ? [] : [{ questionId, question }];
  });
}
