import type { EventData, Question } from '@poise/schemas';
import { type DecidedEvent, type Decider, DomainRuleError, unreachable } from '../decider';
import type { QuestionSetFold } from '../question-sets/question-set-state';
import {
  type AnswerState,
  answersGiven,
  evolveSession,
  initialSessionState,
  type SessionPolicy,
  type SessionState,
} from './session-state';

/** The consent notice shown: its version and a hash of its exact text. */
interface Notice {
  readonly noticeVersion: string;
  readonly noticeSha256: string;
}

export type SessionCommand =
  | {
      readonly type: 'StartSession';
      readonly sessionId: string;
      readonly candidateId: string;
      readonly questionSetId: string;
      readonly cohortId: string | null;
      readonly source: EventData<'SessionStarted'>['source'];
      readonly startedAt: string;
      /** The tenant's policy now (readTenantPolicy): the session keeps it whatever changes later. */
      readonly tenantPolicy: SessionPolicy;
    }
  | ({
      readonly type: 'GiveConsent';
      readonly candidateId: string;
      /** What the candidate ticked; expression analysis is granted only where the policy allows it. */
      readonly recordVideo: boolean;
      readonly recordAudio: boolean;
      readonly expressionAnalysis: boolean;
    } & Notice)
  | ({ readonly type: 'RefuseConsent'; readonly candidateId: string } & Notice)
  | {
      readonly type: 'AskQuestion';
      readonly questionId: string;
      readonly readAloud: boolean;
      readonly offsetMs: number;
      /** The session's question set as it stood at its start (readQuestionSetOfSession). */
      readonly questionSet: QuestionSetFold;
    }
  | {
      readonly type: 'AskFollowUp';
      readonly followUpId: string;
      readonly afterAnswerId: string;
      /** Which of the question's follow-up rules fired; its prompt is the text asked. */
      readonly reason: string;
      readonly keyPointId: string | null;
      readonly offsetMs: number;
      readonly questionSet: QuestionSetFold;
    }
  | {
      readonly type: 'StartAnswer';
      readonly answerId: string;
      readonly questionId: string;
      readonly followUpId: string | null;
      readonly offsetMs: number;
    }
  | {
      readonly type: 'RecordTranscript';
      readonly answerId: string;
      readonly index: number;
      readonly text: string;
      readonly source: EventData<'TranscriptSegmentRecorded'>['source'];
      readonly confidence: number | null;
      readonly startOffsetMs: number;
      readonly endOffsetMs: number;
    }
  | {
      readonly type: 'EndAnswer';
      readonly answerId: string;
      readonly reason: EventData<'AnswerEnded'>['reason'];
      readonly offsetMs: number;
    }
  | { readonly type: 'EndSession'; readonly durationMs: number }
  | {
      readonly type: 'AbandonSession';
      readonly reason: EventData<'SessionAbandoned'>['reason'];
      readonly lastActivityOffsetMs: number;
    };

type Started = Exclude<SessionState, { status: 'not-started' }>;

function started(state: SessionState): Started {
  if (state.status === 'not-started')
    throw new DomainRuleError('session-not-started', 'the session was never started');
  return state;
}

function inProgress(state: SessionState): Started {
  const session = started(state);
  if (session.status !== 'in-progress')
    throw new DomainRuleError('session-ended', `the session has ${session.status}`);
  return session;
}

function byItsCandidate(state: Started, candidateId: string): void {
  if (state.session.candidateId !== candidateId) {
    throw new DomainRuleError('not-the-candidate', 'only the session’s own candidate can decide its consent');
  }
}

/** Questions, answers and transcripts are recorded only with consent, and only while the session runs. */
function recording(state: SessionState): Started {
  const session = inProgress(state);
  if (session.consent.kind === 'refused')
    throw new DomainRuleError('consent-refused', 'consent was refused; nothing is recorded');
  if (session.consent.kind !== 'given') throw new DomainRuleError('consent-required', 'no consent yet');
  return session;
}

function questionOf(questionSet: QuestionSetFold, questionId: string): Question {
  const question = questionSet?.questions.get(questionId);
  if (question === undefined) {
    throw new DomainRuleError(
      'unknown-question',
      `question ${questionId} is not in this session's question set`,
    );
  }
  return question;
}

function answerOf(session: Started, answerId: string): AnswerState {
  const answer = session.answers.get(answerId);
  if (answer === undefined) throw new DomainRuleError('unknown-answer', `no answer ${answerId} started`);
  return answer;
}

function askQuestion(session: Started, command: Extract<SessionCommand, { type: 'AskQuestion' }>) {
  const { questionId, readAloud, offsetMs } = command;
  const question = questionOf(command.questionSet, questionId);
  // A question is asked once per session: asking it again is a resend (a reconnect, a resumed
  // import, a reload showing it again) and records nothing new.
  if (session.asked.includes(questionId)) return [];
  if (session.openAnswerId !== null) {
    throw new DomainRuleError('answer-in-progress', `answer ${session.openAnswerId} has not ended`);
  }
  const data = {
    sessionId: session.session.sessionId,
    questionId,
    ordinal: session.asked.length + 1,
    text: question.text,
    readAloud,
    timeLimitSeconds: question.timeLimitSeconds,
    offsetMs,
  };
  return [{ type: 'QuestionAsked', data } as const];
}

function askFollowUp(session: Started, command: Extract<SessionCommand, { type: 'AskFollowUp' }>) {
  const { followUpId, afterAnswerId, reason, keyPointId, offsetMs } = command;
  const answer = answerOf(session, afterAnswerId);
  const asked = session.followUps.get(followUpId);
  if (asked !== undefined) {
    if (asked.afterAnswerId === afterAnswerId) return [];
    throw new DomainRuleError('follow-up-exists', `follow-up ${followUpId} was asked after another answer`);
  }
  const question = questionOf(command.questionSet, answer.questionId);
  const rule = question.followUpRules.find(
    (candidate) =>
      candidate.when === reason &&
      (candidate.when !== 'key-point-missing' || candidate.keyPointId === keyPointId),
  );
  if (rule === undefined) {
    throw new DomainRuleError('unknown-follow-up', `the question has no follow-up rule for ${reason}`);
  }
  const data = {
    sessionId: session.session.sessionId,
    followUpId,
    questionId: answer.questionId,
    afterAnswerId,
    reason: rule.when,
    ...(rule.when === 'key-point-missing' ? { keyPointId: rule.keyPointId } : {}),
    text: rule.prompt,
    offsetMs,
  };
  return [{ type: 'FollowUpAsked', data } as const];
}

function startAnswer(session: Started, command: Extract<SessionCommand, { type: 'StartAnswer' }>) {
  const { answerId, questionId, followUpId, offsetMs } = command;
  const existing = session.answers.get(answerId);
  if (existing !== undefined) {
    if (existing.questionId === questionId && existing.followUpId === followUpId) return [];
    throw new DomainRuleError('answer-exists', `answer ${answerId} was started for another question`);
  }
  if (!session.asked.includes(questionId)) {
    throw new DomainRuleError('question-not-asked', `question ${questionId} was not asked in this session`);
  }
  if (followUpId !== null && session.followUps.get(followUpId)?.questionId !== questionId) {
    throw new DomainRuleError('unknown-follow-up', `no follow-up ${followUpId} was asked for this question`);
  }
  if (session.openAnswerId !== null) {
    throw new DomainRuleError('answer-in-progress', `answer ${session.openAnswerId} has not ended`);
  }
  const data = { sessionId: session.session.sessionId, answerId, questionId, followUpId, offsetMs };
  return [{ type: 'AnswerStarted', data } as const];
}

function recordTranscript(session: Started, command: Extract<SessionCommand, { type: 'RecordTranscript' }>) {
  const { answerId, index, text, source, confidence, startOffsetMs, endOffsetMs } = command;
  const answer = answerOf(session, answerId);
  if (answer.transcriptSegments.has(index)) return [];
  if (answer.endOffsetMs !== null) {
    throw new DomainRuleError('answer-ended', `answer ${answerId} has ended; its transcript is complete`);
  }
  const data = {
    sessionId: session.session.sessionId,
    answerId,
    index,
    text,
    source,
    ...(confidence === null ? {} : { confidence }),
    startOffsetMs,
    endOffsetMs,
  };
  return [{ type: 'TranscriptSegmentRecorded', data } as const];
}

function endAnswer(session: Started, command: Extract<SessionCommand, { type: 'EndAnswer' }>) {
  const { answerId, reason, offsetMs } = command;
  const answer = answerOf(session, answerId);
  if (answer.endOffsetMs !== null) return [];
  if (offsetMs < answer.startOffsetMs) {
    throw new DomainRuleError(
      'offset-backwards',
      `answer ended at ${offsetMs} ms, before it started at ${answer.startOffsetMs} ms`,
    );
  }
  const data = {
    sessionId: session.session.sessionId,
    answerId,
    reason,
    offsetMs,
    durationMs: offsetMs - answer.startOffsetMs,
  };
  return [{ type: 'AnswerEnded', data } as const];
}

function decide(command: SessionCommand, state: SessionState): readonly DecidedEvent[] {
  switch (command.type) {
    case 'StartSession': {
      if (state.status !== 'not-started')
        throw new DomainRuleError('session-exists', 'the session has started already');
      const { sessionId, candidateId, questionSetId, cohortId, source, startedAt, tenantPolicy } = command;
      const data = {
        sessionId,
        candidateId,
        questionSetId,
        cohortId,
        source,
        startedAt,
        policy: tenantPolicy,
      };
      return [{ type: 'SessionStarted', data }];
    }
    case 'GiveConsent': {
      const session = inProgress(state);
      byItsCandidate(session, command.candidateId);
      const { policy, sessionId, candidateId } = session.session;
      const data = {
        sessionId,
        candidateId,
        noticeVersion: command.noticeVersion,
        noticeSha256: command.noticeSha256,
        recordVideo: command.recordVideo,
        recordAudio: command.recordAudio,
        // The client cannot widen what the institution allows, nor choose how long media is kept.
        expressionAnalysis: command.expressionAnalysis && policy.expressionAnalysis,
        rawMediaRetentionDays: policy.rawMediaRetentionDays,
      };
      if (session.consent.kind === 'pending') return [{ type: 'ConsentGiven', data }];
      const same =
        session.consent.kind === 'given' &&
        session.consent.consent.recordVideo === data.recordVideo &&
        session.consent.consent.recordAudio === data.recordAudio &&
        session.consent.consent.expressionAnalysis === data.expressionAnalysis;
      if (same) return [];
      throw new DomainRuleError('consent-decided', `consent was ${session.consent.kind} already`);
    }
    case 'RefuseConsent': {
      const session = inProgress(state);
      byItsCandidate(session, command.candidateId);
      if (session.consent.kind === 'refused') return [];
      if (session.consent.kind === 'given')
        throw new DomainRuleError('consent-decided', 'consent was given already');
      const { sessionId, candidateId } = session.session;
      const { noticeVersion, noticeSha256 } = command;
      return [{ type: 'ConsentRefused', data: { sessionId, candidateId, noticeVersion, noticeSha256 } }];
    }
    case 'AskQuestion':
      return askQuestion(recording(state), command);
    case 'AskFollowUp':
      return askFollowUp(recording(state), command);
    case 'StartAnswer':
      return startAnswer(recording(state), command);
    case 'RecordTranscript':
      return recordTranscript(recording(state), command);
    case 'EndAnswer':
      return endAnswer(recording(state), command);
    case 'EndSession': {
      const session = started(state);
      if (session.status === 'ended') return [];
      if (session.status === 'abandoned')
        throw new DomainRuleError('session-ended', 'the session was abandoned');
      if (session.consent.kind !== 'given') {
        throw new DomainRuleError('consent-required', 'a session without consent is abandoned, not ended');
      }
      const data = {
        sessionId: session.session.sessionId,
        durationMs: command.durationMs,
        questionsAsked: session.questionsAsked,
        answersGiven: answersGiven(session),
      };
      return [{ type: 'SessionEnded', data }];
    }
    case 'AbandonSession': {
      const session = started(state);
      if (session.status !== 'in-progress') return [];
      const { reason, lastActivityOffsetMs } = command;
      return [
        {
          type: 'SessionAbandoned',
          data: { sessionId: session.session.sessionId, reason, lastActivityOffsetMs },
        },
      ];
    }
    default:
      return unreachable(command);
  }
}

/** The rules of session-<id>: starting, consent, questions, answers and their transcripts, ending. */
export const sessionDecider: Decider<SessionCommand, SessionState> = {
  initialState: initialSessionState,
  evolve: evolveSession,
  decide,
};
