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
  /** Question ids already asked in this session (a reload resumes after them). */
  readonly questionsAsked: readonly string[];
  /** Where the candidate reads the report once it is compiled. */
  readonly consoleReportUrl: string;
}
