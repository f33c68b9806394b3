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

export type SessionState =
  | { readonly status: 'not-started' }
  | {
      readonly status: 'in-progress' | 'ended' | 'abandoned';
      readonly session: StartedSession;
      readonly consent: ConsentStatus;
      /** answerId → offsetMs of its AnswerStarted. */
      readonly answers: ReadonlyMap<string, number>;
      readonly endedAnswers: ReadonlySet<string>;
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
      answers: new Map(),
      endedAnswers: new Set(),
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
    case 'FollowUpAsked':
      return { ...state, questionsAsked: state.questionsAsked + 1 };
    case 'AnswerStarted':
      return { ...state, answers: new Map(state.answers).set(event.data.answerId, event.data.offsetMs) };
    case 'AnswerEnded':
      return { ...state, endedAnswers: new Set(state.endedAnswers).add(event.data.answerId) };
    case 'SessionEnded':
      return { ...state, status: 'ended' };
    case 'SessionAbandoned':
      return { ...state, status: 'abandoned' };
    default:
      return state;
  }
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
