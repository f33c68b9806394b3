import { type AnswerSpan, readPoiseStream, readQuestionSetOfSession } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type PoiseEventOf, type Question, type RecordedPoiseEvent, streamName } from '@poise/schemas';
import { PermanentFailure } from './settlement';

export type AnswerEndedEvent = RecordedPoiseEvent & PoiseEventOf<'AnswerEnded'>;

/** Everything about one answer that scoring needs, gathered from the session and question-set streams. */
export interface AnswerContext {
  readonly answerId: string;
  readonly questionId: string;
  readonly followUpId: string | null;
  /** The text put to the candidate: the question as asked, or the follow-up. */
  readonly questionText: string;
  /** The question as the set stood when the session started (an edit never rescores an old answer). */
  readonly question: Question;
  /**
   * The answer's words, its segments joined. Any length is kept: a 20,000-character answer is
   * scored over all of it (the rule-based scorer has no input window to truncate to).
   */
  readonly transcript: string;
  readonly span: AnswerSpan;
}

/**
 * Reads the answer's context. A follow-up is scored against its parent question's expected answer
 * and key points (it asks for more on the same question) but with the follow-up's own text. The
 * transcript is the answer's segments in index order, the last recording of an index winning.
 */
export async function readAnswerContext(log: EventLog, ended: AnswerEndedEvent): Promise<AnswerContext> {
  const { sessionId, answerId, offsetMs } = ended.data;
  const session = await readPoiseStream(log, streamName.session(sessionId));
  const what = `answer ${answerId}`;

  let sessionStarted: (RecordedPoiseEvent & PoiseEventOf<'SessionStarted'>) | undefined;
  let started: PoiseEventOf<'AnswerStarted'>['data'] | undefined;
  const asked = new Map<string, string>();
  const followUps = new Map<string, string>();
  const segments = new Map<number, string>();
  for (const event of session) {
    switch (event.type) {
      case 'SessionStarted':
        sessionStarted ??= event;
        break;
      case 'AnswerStarted':
        if (event.data.answerId === answerId) started ??= event.data;
        break;
      case 'QuestionAsked':
        asked.set(event.data.questionId, event.data.text);
        break;
      case 'FollowUpAsked':
        followUps.set(event.data.followUpId, event.data.text);
        break;
      case 'TranscriptSegmentRecorded':
        if (event.data.answerId === answerId) segments.set(event.data.index, event.data.text);
        break;
      default:
        break;
    }
  }
  if (started === undefined) throw new PermanentFailure(`${what}: no AnswerStarted in session-${sessionId}`);
  if (sessionStarted === undefined)
    throw new PermanentFailure(`${what}: no SessionStarted in session-${sessionId}`);
  const { questionId, followUpId } = started;
  const followUpText = followUpId === null ? undefined : followUps.get(followUpId);
  if (followUpId !== null && followUpText === undefined) {
    throw new PermanentFailure(`${what}: follow-up ${followUpId} was never asked in session-${sessionId}`);
  }

  const { questionSetId } = sessionStarted.data;
  const set = await readQuestionSetOfSession(log, questionSetId, sessionStarted.position);
  const question = set?.questions.get(questionId);
  if (question === undefined) {
    throw new PermanentFailure(
      `${what}: question ${questionId} is not in questionset-${questionSetId} as it stood when the session started`,
    );
  }

  const transcript = [...segments.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, text]) => text.trim())
    .filter((text) => text !== '')
    .join(' ');
  return {
    answerId,
    questionId,
    followUpId,
    questionText: followUpText ?? asked.get(questionId) ?? question.text,
    question,
    transcript,
    span: { startMs: started.offsetMs, endMs: offsetMs },
  };
}
