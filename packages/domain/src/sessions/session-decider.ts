import type { EventData } from '@poise/schemas';
import { type DecidedEvent, type Decider, DomainRuleError, unreachable } from '../decider';
import { evolveSession, initialSessionState, type SessionPolicy, type SessionState } from './session-state';

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
        answersGiven: session.endedAnswers.size,
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

/** The rules of session-<id>: starting, consent, ending. */
export const sessionDecider: Decider<SessionCommand, SessionState> = {
  initialState: initialSessionState,
  evolve: evolveSession,
  decide,
};
