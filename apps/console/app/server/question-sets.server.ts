/**
 * Question sets as staff edit them. The set's own stream is the state the editor works on: the
 * read model keeps only what lists need (no synonyms, no follow-up rules), while an edit needs the
 * whole question, and the stream's revision guards two people editing at once.
 */
import type { AuthUser } from '@poise/auth';
import type { RecordedEvent } from '@poise/event-log';
import { type EventData, type Question, streamName, UUID_PATTERN } from '@poise/schemas';
import { getServices } from './services.server';
import { type AppendOutcome, appendAsUser, notFound, tenantOfEvent } from './staff-commands.server';

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

/** The most questions a set holds (QuestionAdded's position is 0..499). */
export const MAX_QUESTIONS = 500;

export function foldQuestionSet(events: readonly RecordedEvent[]): QuestionSetState | null {
  let created: Omit<QuestionSetState, 'questions' | 'revision'> | null = null;
  let questions: QuestionEntry[] = [];
  let revision = -1;
  for (const event of events) {
    revision = event.revision;
    switch (event.type) {
      case 'QuestionSetCreated': {
        const data = event.data as EventData<'QuestionSetCreated'>;
        created = {
          questionSetId: data.questionSetId,
          title: data.title,
          description: data.description ?? null,
          language: data.language,
          createdAt: event.recordedAt,
        };
        break;
      }
      case 'QuestionAdded': {
        const data = event.data as EventData<'QuestionAdded'>;
        const entry = { questionId: data.questionId, question: data.question, updatedAt: event.recordedAt };
        const at = Math.min(data.position, questions.length);
        questions = [...questions.slice(0, at), entry, ...questions.slice(at)];
        break;
      }
      case 'QuestionUpdated': {
        const data = event.data as EventData<'QuestionUpdated'>;
        questions = questions.map((entry) =>
          entry.questionId === data.questionId
            ? { questionId: data.questionId, question: data.question, updatedAt: event.recordedAt }
            : entry,
        );
        break;
      }
      case 'QuestionRemoved': {
        const data = event.data as EventData<'QuestionRemoved'>;
        questions = questions.filter((entry) => entry.questionId !== data.questionId);
        break;
      }
    }
  }
  return created === null ? null : { ...created, questions, revision };
}

/** The question set of the user's tenant, or a 404 (unknown, malformed or another tenant's: all alike). */
export async function requireQuestionSet(
  user: AuthUser,
  questionSetId: string | undefined,
): Promise<QuestionSetState> {
  if (questionSetId === undefined || !UUID_PATTERN.test(questionSetId)) throw notFound();
  const events = await getServices().eventLog.readStream(streamName.questionset(questionSetId));
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
  const outcome = await appendAsUser(
    user,
    streamName.questionset(questionSetId),
    'QuestionSetCreated',
    {
      questionSetId,
      title: values.title,
      language: values.language,
      ...(values.description === '' ? {} : { description: values.description }),
    },
    { expectedRevision: 'no_stream' },
  );
  // The id was just drawn at random: a clash means a broken id source, not a user's mistake.
  if (outcome === 'conflict') throw new Error(`question set ${questionSetId} already exists`);
}

export function addQuestion(
  user: AuthUser,
  questionSet: QuestionSetState,
  questionId: string,
  position: number,
  question: Question,
): Promise<AppendOutcome> {
  const stream = streamName.questionset(questionSet.questionSetId);
  const data = { questionSetId: questionSet.questionSetId, questionId, position, question };
  return appendAsUser(user, stream, 'QuestionAdded', data, { expectedRevision: questionSet.revision });
}

export function updateQuestion(
  user: AuthUser,
  questionSet: QuestionSetState,
  questionId: string,
  question: Question,
): Promise<AppendOutcome> {
  const stream = streamName.questionset(questionSet.questionSetId);
  const data = { questionSetId: questionSet.questionSetId, questionId, question };
  return appendAsUser(user, stream, 'QuestionUpdated', data, { expectedRevision: questionSet.revision });
}

export function removeQuestion(
  user: AuthUser,
  questionSet: QuestionSetState,
  questionId: string,
): Promise<AppendOutcome> {
  const stream = streamName.questionset(questionSet.questionSetId);
  const data = { questionSetId: questionSet.questionSetId, questionId };
  return appendAsUser(user, stream, 'QuestionRemoved', data, { expectedRevision: questionSet.revision });
}
