/**
 * Live feedback, server → browser: each analysis of the session, forwarded as it is appended to
 * `analysis-<sessionId>`. `data` is the event's data exactly as the contract in
 * schemas/src/events/analyses.ts defines it. `frameSequence` / `audioSequence` is the client's own
 * sequence number of the frame or audio chunk that was analysed, so the browser can measure
 * capture → screen latency against its send time.
 */
import type { EventData } from '@poise/schemas';

export const FEEDBACK_EVENT_TYPES = [
  'FrameAnalyzed',
  'AudioAnalyzed',
  'AnswerScored',
  'AnswerScoringFailed',
  'StressAlertRaised',
] as const;
export type FeedbackEventType = (typeof FEEDBACK_EVENT_TYPES)[number];

export type FeedbackMessage =
  | {
      readonly type: 'feedback';
      readonly event: 'FrameAnalyzed';
      readonly data: EventData<'FrameAnalyzed'>;
      /** Absent only when the frame was sent long before (beyond the gateway's id window). */
      readonly frameSequence?: number;
    }
  | {
      readonly type: 'feedback';
      readonly event: 'AudioAnalyzed';
      readonly data: EventData<'AudioAnalyzed'>;
      readonly audioSequence?: number;
    }
  /** A re-score (late audio) arrives as another AnswerScored with a higher `scoreVersion`. */
  | { readonly type: 'feedback'; readonly event: 'AnswerScored'; readonly data: EventData<'AnswerScored'> }
  /** Scoring the answer failed; `willRetry` says whether the worker tries again. */
  | {
      readonly type: 'feedback';
      readonly event: 'AnswerScoringFailed';
      readonly data: EventData<'AnswerScoringFailed'>;
    }
  | {
      readonly type: 'feedback';
      readonly event: 'StressAlertRaised';
      readonly data: EventData<'StressAlertRaised'>;
    };

export function isFeedbackEventType(type: string): type is FeedbackEventType {
  return (FEEDBACK_EVENT_TYPES as readonly string[]).includes(type);
}
