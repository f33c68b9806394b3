/**
 * What the interview room needs to run a session, read from the event log: the session's
 * SessionStarted (policy in force) and its question set folded as it stood when the session
 * started, so an edit made while a candidate practises never changes the questions under them.
 */

import type { EventLog, RecordedEvent } from '@poise/event-log';
import {
  type Question,
  type QuestionAddedData,
  type QuestionRemovedData,
  type QuestionSetCreatedData,
  type QuestionUpdatedData,
  type SessionStartedData,
  streamName,
} from '@poise/schemas';
import type { CaptureTokenClaims } from '@poise/wire/tokens';
import type { RoomQuestion, RoomSessionInfo } from './room-session';

interface FoldedSet {
  title: string;
  language: string;
  order: string[];
  questions: Map<string, Question>;
}

function foldQuestionSet(events: readonly RecordedEvent[]): FoldedSet | null {
  let set: FoldedSet | null = null;
  for (const event of events) {
    if (event.type === 'QuestionSetCreated') {
      const data = event.data as QuestionSetCreatedData;
      set = { title: data.title, language: data.language, order: [], questions: new Map() };
      continue;
    }
    if (set === null) continue;
    if (event.type === 'QuestionAdded') {
      const data = event.data as QuestionAddedData;
      set.order = set.order.filter((id) => id !== data.questionId);
      set.order.splice(Math.min(data.position, set.order.length), 0, data.questionId);
      set.questions.set(data.questionId, data.question);
    } else if (event.type === 'QuestionUpdated') {
      const data = event.data as QuestionUpdatedData;
      if (set.questions.has(data.questionId)) set.questions.set(data.questionId, data.question);
    } else if (event.type === 'QuestionRemoved') {
      const data = event.data as QuestionRemovedData;
      set.order = set.order.filter((id) => id !== data.questionId);
      set.questions.delete(data.questionId);
    }
  }
  return set;
}

/** Only what the room shows or decides on: never the expected answer, which the report reveals later. */
function roomQuestion(questionId: string, question: Question): RoomQuestion {
  return {
    questionId,
    text: question.text,
    timeLimitSeconds: question.timeLimitSeconds,
    behavioural: question.behavioural,
    followUpRules: question.followUpRules,
    keyPoints: question.keyPoints.map((keyPoint) => ({ id: keyPoint.id, text: keyPoint.text })),
  };
}

/**
 * The session the token is for, or null when the log has no such session for that tenant and
 * candidate (answered as "not found": a token never reveals another person's session).
 */
export async function readRoomSession(
  log: EventLog,
  claims: CaptureTokenClaims,
  consolePublicUrl: string,
): Promise<RoomSessionInfo | null> {
  const session = await log.readStream(streamName.session(claims.sessionId));
  const started = session.find((event) => event.type === 'SessionStarted');
  if (started === undefined) return null;
  const data = started.data as SessionStartedData;
  if (data.candidateId !== claims.candidateId || started.metadata.tenantId !== claims.tenantId) return null;

  const setEvents = await log.readStream(streamName.questionset(data.questionSetId));
  const set = foldQuestionSet(setEvents.filter((event) => event.position < started.position));
  if (set === null) return null;
  const questions = set.order.flatMap((id) => {
    const question = set.questions.get(id);
    return question === undefined ? [] : [roomQuestion(id, question)];
  });
  return {
    sessionId: claims.sessionId,
    startedAt: data.startedAt,
    questionSet: { questionSetId: data.questionSetId, title: set.title, language: set.language, questions },
    policy: data.policy,
    questionsAsked: session
      .filter((event) => event.type === 'QuestionAsked')
      .map((event) => (event.data as { questionId: string }).questionId),
    consoleReportUrl: `${consolePublicUrl}/sessions/${claims.sessionId}`,
  };
}
