/**
 * The room's side of the capture protocol (apps/capture/README.md): the messages it sends and
 * what it reads from the replies. Messages and media encoding come from @poise/wire, shared with the gateway.
 */
import type { ControlMessage, FeedbackMessage, ServerMessage } from '@poise/wire';

/**
 * An adaptive follow-up, as the room asks it. The gateway appends FollowUpAsked for it, with the
 * question and the text taken from the rule in the question set; its reply is `accepted` or an
 * `error` like any control message.
 */
export interface FollowUpAskedMessage {
  readonly type: 'follow-up-asked';
  readonly ref?: string;
  readonly followUpId: string;
  readonly afterAnswerId: string;
  readonly reason: 'too-short' | 'key-point-missing' | 'no-result-stated';
  readonly keyPointId?: string;
  readonly offsetMs: number;
}

export type OutgoingControl = ControlMessage | FollowUpAskedMessage;

export type IncomingMessage = ServerMessage | FeedbackMessage;

/** Parses a text frame from the gateway; null for anything that is not an object with a type. */
export function parseIncoming(text: string): IncomingMessage | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof (value as { type?: unknown }).type !== 'string'
    ) {
      return null;
    }
    return value as IncomingMessage;
  } catch {
    return null;
  }
}

/** Media error codes after which the same bytes would be refused again: resending cannot help. */
export const FINAL_MEDIA_ERRORS: ReadonlySet<string> = new Set([
  'bad-header',
  'too-large',
  'not-jpeg',
  'bad-audio',
  'bad-dimensions',
  'invalid-media',
  'not-consented',
  'consent-refused',
  'consent-required',
  'session-ended',
]);

/**
 * Milliseconds since SessionStarted.startedAt by the browser's clock, never negative and never
 * going backwards (the gateway refuses offsets that do), whatever the clock does.
 */
export class SessionClock {
  private last = 0;

  constructor(
    private readonly startedAtMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  offsetMs(): number {
    this.last = Math.max(this.last, Math.round(this.now() - this.startedAtMs));
    return this.last;
  }
}
