/**
 * What the interview room needs to run a session, read from the event log: the session's state (the
 * domain's fold of session-<id>), its question set pinned as it stood when the session started, and
 * where a reload picks the interview up.
 */

import { fold, readPoiseStream, readQuestionSetOfSession, sessionDecider } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { type Question, type RecordedPoiseEvent, streamName } from '@poise/schemas';
import type { CaptureTokenClaims } from '@poise/wire/tokens';
import type { RoomFollowUp, RoomQuestion, RoomResumePoint, RoomSessionInfo } from './room-session';

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

type Answering = Extract<RoomResumePoint, { kind: 'answering' }>;

function isAnswering(point: RoomResumePoint, answerId: string): point is Answering {
  return point.kind === 'answering' && point.answerId === answerId;
}

function withSegment(point: RoomResumePoint, answerId: string, text: string): RoomResumePoint {
  return isAnswering(point, answerId) ? { ...point, transcript: [...point.transcript, text] } : point;
}

/**
 * The last thing put to the candidate and what became of it: an open answer is continued, a question
 * or follow-up asked and not answered is shown again, anything else moves on to the next question.
 */
function resumePoint(session: readonly RecordedPoiseEvent[]): RoomResumePoint {
  const followUps = new Map<string, RoomFollowUp>();
  let point: RoomResumePoint = { kind: 'next' };
  for (const event of session) {
    switch (event.type) {
      case 'QuestionAsked':
        point = { kind: 'asked', questionId: event.data.questionId, followUp: null };
        break;
      case 'FollowUpAsked': {
        const { followUpId, questionId, reason, keyPointId, text } = event.data;
        const followUp = { followUpId, reason, text, ...(keyPointId === undefined ? {} : { keyPointId }) };
        followUps.set(followUpId, followUp);
        point = { kind: 'asked', questionId, followUp };
        break;
      }
      case 'AnswerStarted': {
        const { answerId, questionId, followUpId, offsetMs } = event.data;
        const followUp = (followUpId === null ? undefined : followUps.get(followUpId)) ?? null;
        point = {
          kind: 'answering',
          questionId,
          followUp,
          answerId,
          startOffsetMs: offsetMs,
          transcript: [],
        };
        break;
      }
      case 'TranscriptSegmentRecorded':
        point = withSegment(point, event.data.answerId, event.data.text);
        break;
      case 'AnswerEnded':
        if (isAnswering(point, event.data.answerId)) point = { kind: 'next' };
        break;
      default:
        break;
    }
  }
  return point;
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
  const events = await readPoiseStream(log, streamName.session(claims.sessionId));
  const state = fold(sessionDecider, events);
  const started = events.find((event) => event.type === 'SessionStarted');
  if (state.status === 'not-started' || started === undefined) return null;
  const { session } = state;
  if (session.candidateId !== claims.candidateId || session.tenantId !== claims.tenantId) return null;

  const set = await readQuestionSetOfSession(log, session.questionSetId, started.position);
  if (set === null) return null;
  const questions = set.order.flatMap((id) => {
    const question = set.questions.get(id);
    return question === undefined ? [] : [roomQuestion(id, question)];
  });
  return {
    sessionId: claims.sessionId,
    startedAt: session.startedAt,
    questionSet: {
      questionSetId: session.questionSetId,
      title: set.title,
      language: set.language,
      questions,
    },
    policy: session.policy,
    questionsAsked: state.asked,
    resume: resumePoint(events),
    consoleReportUrl: `${consolePublicUrl}/sessions/${claims.sessionId}`,
  };
}
