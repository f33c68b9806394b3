/**
 * Question sets as staff edit them. The set's own stream is the state the editor works on: the
 * read model keeps only what lists need (no synonyms, no follow-up rules), while an edit needs the
 * whole question, and the stream's revision guards two people editing at once.
 */
import type { AuthUser } from '@poise/auth';
import {
  evolveQuestionSet,
  initialQuestionSet,
  MAX_QUESTIONS,
  questionSetDecider,
  questionsInOrder,
  readPoiseStream,
} from '@poise/domain';
import { type Question, type RecordedPoiseEvent, streamName, UUID_PATTERN } from '@poise/schemas';
import { getServices } from './services.server';
import { type AppendOutcome, commandAsUser, notFound, tenantOfEvent } from './staff-commands.server';

export interface QuestionEntry {
  readonly questionId: string;
  readonly question: Question;
  readonly updatedAt: Date;
}

export interface QuestionSetState {
  readonly questionSetId: string;
  readonly title: string;
  readonly description: string | null;
  readonly language: string;
  readonly createdAt: Date;
  /** In their order in the set. */
  readonly questions: readonly QuestionEntry[];
  readonly revision: number;
}

export { MAX_QUESTIONS };

/**
 * The set as the editor shows it: the domain's fold of questionset-<id> (order and questions), with
 * when the set was made and each question last changed. Null when the stream holds no QuestionSetCreated.
 */
export function foldQuestionSet(events: readonly RecordedPoiseEvent[]): QuestionSetState | null {
  const set = events.reduce(evolveQuestionSet, initialQuestionSet());
  const created = events.find((event) => event.type === 'QuestionSetCreated');
  if (set === null || created === undefined) return null;
  const changedAt = new Map<string, Date>();
  for (const event of events) {
    if (event.type === 'QuestionAdded' || event.type === 'QuestionUpdated') {
      changedAt.set(event.data.questionId, event.recordedAt);
    }
  }
  return {
    questionSetId: set.questionSetId,
    title: set.title,
    description: set.description ?? null,
    language: set.language,
    createdAt: created.recordedAt,
    questions: questionsInOrder(set).map(({ questionId, question }) => ({
      questionId,
      question,
      updatedAt: changedAt.get(questionId) ?? created.recordedAt,
    })),
    revision: events.at(-1)?.revision ?? -1,
  };
}

/** The question set of the user's tenant, or a 404 (unknown, malformed or another tenant's: all alike). */
export async function requireQuestionSet(
  user: AuthUser,
  questionSetId: string | undefined,
): Promise<QuestionSetState> {
  if (questionSetId === undefined || !UUID_PATTERN.test(questionSetId)) throw notFound();
  const events = await readPoiseStream(getServices().eventLog, streamName.questionset(questionSetId));
  const first = events[0];
  if (first === undefined || tenantOfEvent(first) !== user.tenantId) throw notFound();
  const questionSet = foldQuestionSet(events);
  if (questionSet === null) throw notFound();
  return questionSet;
}

export async function createQuestionSet(
  user: AuthUser,
  questionSetId: string,
  values: { title: string; description: string; language: string },
): Promise<void> {
  // The id was just drawn at random: a clash (DomainRuleError 'question-set-exists') means a broken
  // id source, not a user's mistake, so it is left to fail the request.
  await commandAsUser(user, streamName.questionset(questionSetId), questionSetDecider, {
    type: 'CreateQuestionSet',
    questionSetId,
    ...values,
  });
}

/*
 * Edits carry the revision the editor read: 'conflict' when someone changed the set since. The
 * decider refuses a position outside the set ('position-out-of-range'), a full set ('set-full') and
 * a question no longer in it ('unknown-question'); the route maps those to the form.
 */

export function addQuestion(
  user: AuthUser,
  questionSet: QuestionSetState,
  questionId: string,
  position: number,
  question: Question,
): Promise<AppendOutcome> {
  return commandAsUser(user, streamName.questionset(questionSet.questionSetId), questionSetDecider, {
    type: 'AddQuestion',
    questionSetId: questionSet.questionSetId,
    questionId,
    position,
    question,
    expectedRevision: questionSet.revision,
  });
}

export function updateQuestion(
  user: AuthUser,
  questionSet: QuestionSetState,
  questionId: string,
  question: Question,
): Promise<AppendOutcome> {
  return commandAsUser(user, streamName.questionset(questionSet.questionSetId), questionSetDecider, {
    type: 'UpdateQuestion',
    questionSetId: questionSet.questionSetId,
    questionId,
    question,
    expectedRevision: questionSet.revision,
  });
}

export function removeQuestion(
  user: AuthUser,
  questionSet: QuestionSetState,
  questionId: string,
): Promise<AppendOutcome> {
  return commandAsUser(user, streamName.questionset(questionSet.questionSetId), questionSetDecider, {
    type: 'RemoveQuestion',
    questionSetId: questionSet.questionSetId,
    questionId,
    expectedRevision: questionSet.revision,
  });
}
