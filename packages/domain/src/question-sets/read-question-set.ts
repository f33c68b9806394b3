import type { EventLog } from '@poise/event-log';
import { streamName } from '@poise/schemas';
import { readPoiseStream } from '../read-stream';
import { type QuestionSetFold, questionSetAsOf } from './question-set-state';

/** A session's question set, pinned as it stood when the session started (see questionSetAsOf). */
export async function readQuestionSetOfSession(
  log: EventLog,
  questionSetId: string,
  sessionStartedPosition: bigint,
): Promise<QuestionSetFold> {
  const events = await readPoiseStream(log, streamName.questionset(questionSetId));
  return questionSetAsOf(events, sessionStartedPosition);
}
