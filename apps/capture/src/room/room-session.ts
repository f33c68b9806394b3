/**
 * The JSON `GET /room/session` answers, shared by the server (which builds it) and the browser
 * client (which reads it). Types only, so the client bundle carries nothing of the server.
 */
import type { Question } from '@poise/schemas';

export type FollowUpRule = Question['followUpRules'][number];

export interface RoomQuestion {
  readonly questionId: string;
  readonly text: string;
  readonly timeLimitSeconds: number;
  /** Seconds to think before the answer timer starts; the room's default when absent. */
  readonly thinkingSeconds?: number;
  readonly behavioural: boolean;
  readonly followUpRules: readonly FollowUpRule[];
  readonly keyPoints: readonly { readonly id: string; readonly text: string }[];
}

export interface RoomSessionInfo {
  readonly sessionId: string;
  /** SessionStarted.startedAt (ISO): media and control offsets count from it. */
  readonly startedAt: string;
  readonly questionSet: {
    readonly questionSetId: string;
    readonly title: string;
    /** BCP 47 tag for speech synthesis and recognition. */
    readonly language: string;
    readonly questions: readonly RoomQuestion[];
  };
  /** The tenant policy recorded in SessionStarted. */
  readonly policy: { readonly expressionAnalysis: boolean; readonly rawMediaRetentionDays: number };
  /** Question ids already asked in this session, in order. */
  readonly questionsAsked: readonly string[];
  /** Where a reload, Back/Forward or a second tab picks the interview up, from the session's events. */
  readonly resume: RoomResumePoint;
  /** Where the candidate reads the report once it is compiled. */
  readonly consoleReportUrl: string;
}

/** A follow-up as the room shows it. */
export interface RoomFollowUp {
  readonly followUpId: string;
  readonly reason: FollowUpRule['when'];
  readonly keyPointId?: string;
  readonly text: string;
}

export type RoomResumePoint =
  /** Nothing open: the first question not yet asked (or the end, when every one was). */
  | { readonly kind: 'next' }
  /** A question (or a follow-up to it) was asked and not answered yet: show it again. */
  | { readonly kind: 'asked'; readonly questionId: string; readonly followUp: RoomFollowUp | null }
  /** An answer was being given: continue it, with what was recorded of its transcript. */
  | {
      readonly kind: 'answering';
      readonly questionId: string;
      readonly followUp: RoomFollowUp | null;
      readonly answerId: string;
      readonly startOffsetMs: number;
      /** Transcript segments recorded so far, in order; the next segment's index is their count. */
      readonly transcript: readonly string[];
    };
