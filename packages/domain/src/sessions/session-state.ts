import type { EventData, PoiseEvent } from '@poise/schemas';

export type SessionPolicy = EventData<'SessionStarted'>['policy'];

/** What the candidate agreed to, as the rules recorded it (never wider than the policy). */
export interface SessionConsent {
  readonly recordVideo: boolean;
  readonly recordAudio: boolean;
  readonly expressionAnalysis: boolean;
  readonly rawMediaRetentionDays: number;
}

export interface StartedSession {
  readonly sessionId: string;
  readonly tenantId: string;
  readonly candidateId: string;
  readonly questionSetId: string;
  readonly source: EventData<'SessionStarted'>['source'];
  readonly startedAt: string;
  /** The tenant's policy when the session started; later policy changes never alter it. */
  readonly policy: SessionPolicy;
}

export type ConsentStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'given'; readonly consent: SessionConsent }
  | { readonly kind: 'refused' };

/** One answer as the session's events record it. */
export interface AnswerState {
  readonly questionId: string;
  readonly followUpId: string | null;
  readonly startOffsetMs: number;
  /** Null while the candidate is still answering. */
  readonly endOffsetMs: number | null;
  /** Indexes of the transcript segments recorded for it. */
  readonly transcriptSegments: ReadonlySet<number>;
}

export interface FollowUpState {
  readonly questionId: string;
  readonly afterAnswerId: string;
}

export type SessionState =
  | { readonly status: 'not-started' }
  | {
      readonly status: 'in-progress' | 'ended' | 'abandoned';
      readonly session: StartedSession;
      readonly consent: ConsentStatus;
      /** Question ids in the order they were asked (QuestionAsked only). */
      readonly asked: readonly string[];
      readonly followUps: ReadonlyMap<string, FollowUpState>;
      readonly answers: ReadonlyMap<string, AnswerState>;
      /** The answer being given (started, not ended), if any. */
      readonly openAnswerId: string | null;
      /** Questions and follow-ups asked. */
      readonly questionsAsked: number;
    };

export const initialSessionState = (): SessionState => ({ status: 'not-started' });

/** Folds one event of session-<id> into the state; events of other streams leave it as it is. */
export function evolveSession(state: SessionState, event: PoiseEvent): SessionState {
  if (event.type === 'SessionStarted') {
    const { sessionId, candidateId, questionSetId, source, startedAt, policy } = event.data;
    return {
      status: 'in-progress',
      session: {
        sessionId,
        tenantId: event.metadata.tenantId,
        candidateId,
        questionSetId,
        source,
        startedAt,
        policy,
      },
      consent: { kind: 'pending' },
      asked: [],
      followUps: new Map(),
      answers: new Map(),
      openAnswerId: null,
      questionsAsked: 0,
    };
  }
  if (state.status === 'not-started') return state;
  switch (event.type) {
    case 'ConsentGiven': {
      const { recordVideo, recordAudio, expressionAnalysis, rawMediaRetentionDays } = event.data;
      const consent = { recordVideo, recordAudio, expressionAnalysis, rawMediaRetentionDays };
      return { ...state, consent: { kind: 'given', consent } };
    }
    case 'ConsentRefused':
      return { ...state, consent: { kind: 'refused' } };
    case 'QuestionAsked':
      return {
        ...state,
        asked: [...state.asked, event.data.questionId],
        questionsAsked: state.questionsAsked + 1,
      };
    case 'FollowUpAsked': {
      const { followUpId, questionId, afterAnswerId } = event.data;
      const followUps = new Map(state.followUps).set(followUpId, { questionId, afterAnswerId });
      return { ...state, followUps, questionsAsked: state.questionsAsked + 1 };
    }
    case 'AnswerStarted': {
      const { answerId, questionId, followUpId, offsetMs } = event.data;
      const answer: AnswerState = {
        questionId,
        followUpId,
        startOffsetMs: offsetMs,
        endOffsetMs: null,
        transcriptSegments: new Set(),
      };
      return { ...state, answers: new Map(state.answers).set(answerId, answer), openAnswerId: answerId };
    }
    case 'TranscriptSegmentRecorded': {
      const answer = state.answers.get(event.data.answerId);
      if (answer === undefined) return state;
      const transcriptSegments = new Set(answer.transcriptSegments).add(event.data.index);
      const answers = new Map(state.answers).set(event.data.answerId, { ...answer, transcriptSegments });
      return { ...state, answers };
    }
    case 'AnswerEnded': {
      const { answerId, offsetMs } = event.data;
      const answer = state.answers.get(answerId);
      if (answer === undefined) return state;
      const answers = new Map(state.answers).set(answerId, { ...answer, endOffsetMs: offsetMs });
      return { ...state, answers, openAnswerId: state.openAnswerId === answerId ? null : state.openAnswerId };
    }
    case 'SessionEnded':
      return { ...state, status: 'ended' };
    case 'SessionAbandoned':
      return { ...state, status: 'abandoned' };
    default:
      return state;
  }
}

/** Answers the candidate finished (started and ended). */
export function answersGiven(state: SessionState): number {
  if (state.status === 'not-started') return 0;
  let count = 0;
  for (const answer of state.answers.values()) if (answer.endOffsetMs !== null) count += 1;
  return count;
}

/** What may be done with a session's media: the policy at its start ∧ what the candidate consented to. */
export interface EffectivePermissions {
  readonly recordVideo: boolean;
  readonly recordAudio: boolean;
  readonly analyseExpression: boolean;
  /** Always the tenant policy's, whatever a client asked for. */
  readonly rawMediaRetentionDays: number;
}

/** Null while there is no consent: nothing may be recorded or analysed then. */
export function effectivePermissions(state: SessionState): EffectivePermissions | null {
  if (state.status === 'not-started' || state.consent.kind !== 'given') return null;
  const { consent } = state.consent;
  const { policy } = state.session;
  return {
    recordVideo: consent.recordVideo,
    recordAudio: consent.recordAudio,
    analyseExpression: policy.expressionAnalysis && consent.expressionAnalysis,
    rawMediaRetentionDays: policy.rawMediaRetentionDays,
  };
}
