/** What the gateway sends back; always JSON text. */
import type { MediaKind } from './binary';
import type { ControlType } from './control';
import type { FeedbackMessage } from './feedback';

export type ErrorCode =
  | 'unauthorized'
  | 'invalid-message'
  | 'bad-header'
  | 'too-large'
  | 'not-jpeg'
  | 'bad-audio'
  | 'bad-dimensions'
  | 'invalid-media'
  | 'out-of-order'
  | 'sequence-gap'
  | 'offset-backwards'
  | 'consent-required'
  | 'consent-refused'
  | 'not-consented'
  | 'consent-already-recorded'
  | 'unknown-answer'
  | 'unknown-question'
  | 'question-not-asked'
  | 'unknown-follow-up'
  | 'answer-in-progress'
  | 'answer-ended'
  | 'session-ended'
  | 'overloaded'
  | 'rate-limited'
  | 'internal';

/** Highest sequence stored per kind; null before the first one. Resume at +1. */
export interface AckState {
  readonly frame: number | null;
  readonly audio: number | null;
}

export type ConsentState = 'pending' | 'given' | 'refused';

export type ServerMessage =
  | {
      readonly type: 'ready';
      readonly sessionId: string;
      readonly consent: ConsentState;
      readonly ended: boolean;
      readonly ack: AckState;
    }
  | ({ readonly type: 'ack' } & AckState)
  | { readonly type: 'accepted'; readonly of: ControlType; readonly ref?: string }
  | {
      readonly type: 'error';
      readonly code: ErrorCode;
      readonly message: string;
      readonly ref?: string;
      readonly kind?: MediaKind;
      readonly sequence?: number;
    }
  | FeedbackMessage;

/** WebSocket close codes the gateway uses. */
export const CLOSE_CODES = {
  normal: 1000,
  /** Policy violation: missing, malformed, forged or expired token, or no hello in time. */
  unauthorized: 1008,
  /** Policy violation: a sustained flood beyond the rate limits. */
  flooding: 1008,
  /** Another connection took over the session (a reconnect while this one looked alive). */
  superseded: 4001,
} as const;
