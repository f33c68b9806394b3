import type { EventLog, RecordedEvent } from '@poise/event-log';
import {
  type AnswerEndedData,
  type AnswerStartedData,
  type FollowUpAskedData,
  type Question,
  type QuestionAddedData,
  type QuestionAskedData,
  type QuestionUpdatedData,
  type SessionStartedData,
  streamName,
  type TranscriptSegmentRecordedData,
} from '@poise/schemas';
import type { AnswerSpan } from './answer-audio';
import { PermanentFailure } from './settlement';

/** Everything about one answer that scoring needs, gathered from the session and question-set streams. */
export interface AnswerContext {
  readonly answerId: string;
  readonly questionId: string;
  readonly followUpId: string | null;
  /** The text put to the candidate: the question as asked, or the follow-up. */
  readonly questionText: string;
  /** The question as it stood when it was asked (a later edit never rescores an old answer). */
  readonly question: Question;
  readonly transcript: string;
  readonly span: AnswerSpan;
}

const ofType = <Data>(events: readonly RecordedEvent[], type: string, match: (data: Data) => boolean) =>
  events.filter((event) => event.type === type && match(event.data as Data));

/**
 * Reads the answer's context. A follow-up is scored against its parent question's expected answer
 * and key points (it asks for more on the same question) but with the follow-up's own text. The
 * transcript is the answer's segments in index order, the last recording of an index winning.
 */
export async function readAnswerContext(log: EventLog, ended: RecordedEvent): Promise<AnswerContext> {
  const { sessionId, answerId, offsetMs } = ended.data as AnswerEndedData;
  const session = await log.readStream(streamName.session(sessionId));
  const what = `answer ${answerId}`;

  const started = ofType<AnswerStartedData>(
    session,
    'AnswerStarted',
    (data) => data.answerId === answerId,
  )[0];
  if (started === undefined) throw new PermanentFailure(`${what}: no AnswerStarted in session-${sessionId}`);
  const { questionId, followUpId } = started.data as AnswerStartedData;
  const sessionStarted = ofType<SessionStartedData>(session, 'SessionStarted', () => true)[0];
  if (sessionStarted === undefined)
    throw new PermanentFailure(`${what}: no SessionStarted in session-${sessionId}`);

  const asked = ofType<QuestionAskedData>(
    session,
    'QuestionAsked',
    (data) => data.questionId === questionId,
  ).at(-1);
  const followUp =
    followUpId === null
      ? undefined
      : ofType<FollowUpAskedData>(session, 'FollowUpAsked', (data) => data.followUpId === followUpId).at(-1);
  if (followUpId !== null && followUp === undefined) {
    throw new PermanentFailure(`${what}: follow-up ${followUpId} was never asked in session-${sessionId}`);
  }

  const { questionSetId } = sessionStarted.data as SessionStartedData;
  // The version in force when the question was asked; without a QuestionAsked, when the answer ended.
  const askedAt = (asked ?? ended).position;
  const definitions = (await log.readStream(streamName.questionset(questionSetId))).filter(
    (event) =>
      (event.type === 'QuestionAdded' || event.type === 'QuestionUpdated') &&
      (event.data as QuestionAddedData).questionId === questionId &&
      event.position < askedAt,
  );
  const definition = definitions.at(-1);
  if (definition === undefined) {
    throw new PermanentFailure(`${what}: question ${questionId} is not in questionset-${questionSetId}`);
  }
  const question = (definition.data as QuestionAddedData | QuestionUpdatedData).question;

  const segments = new Map<number, string>();
  for (const event of ofType<TranscriptSegmentRecordedData>(
    session,
    'TranscriptSegmentRecorded',
    (data) => data.answerId === answerId,
  )) {
    const data = event.data as TranscriptSegmentRecordedData;
    segments.set(data.index, data.text);
  }
  const transcript = [...segments.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, text]) => text.trim())
    .filter((text) => text !== '')
    .join(' ');

  const questionText =
    followUp === undefined
      ? ((asked?.data as QuestionAskedData | undefined)?.text ?? question.text)
      : (followUp.data as FollowUpAskedData).text;
  return {
    answerId,
    questionId,
    followUpId,
    questionText,
    question,
    transcript,
    span: { startMs: (started.data as AnswerStartedData).offsetMs, endMs: offsetMs },
  };
}
