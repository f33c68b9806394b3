import type { DateTime64Text, Provenance, SessionScope, StateVersion } from './row-shapes';

export const sessionStatuses = ['in-progress', 'ended', 'abandoned'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
export type ConsentState = 'pending' | 'given' | 'refused';

export interface SessionRow extends StateVersion {
  tenant_id: string;
  candidate_id: string;
  started_at: DateTime64Text;
  session_id: string;
  question_set_id: string;
  cohort_ids: string[];
  source: 'live' | 'import';
  status: SessionStatus;
  consent: ConsentState;
  expression_analysis: boolean;
  raw_media_retention_days: number;
  ended_at: DateTime64Text | null;
  duration_ms: number | null;
  questions_asked: number | null;
  answers_given: number | null;
  abandon_reason: string | null;
  report_compiled: boolean;
  composure_mean: number | null;
  eye_contact_share: number | null;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  vocal_confidence: number | null;
  relevance: number | null;
  stress_alerts: number | null;
}

export const sessionMarkKinds = [
  'session-started',
  'consent-given',
  'consent-refused',
  'question-asked',
  'follow-up-asked',
  'answer-started',
  'answer-ended',
  'comment',
  'session-ended',
  'session-abandoned',
] as const;
export type SessionMarkKind = (typeof sessionMarkKinds)[number];

export interface SessionMarkRow extends SessionScope, Provenance {
  offset_ms: number;
  kind: SessionMarkKind;
  question_id: string | null;
  answer_id: string | null;
  follow_up_id: string | null;
  ordinal: number | null;
  text: string | null;
  reason: string | null;
  duration_ms: number | null;
}

export interface TranscriptSegmentRow extends SessionScope, Provenance {
  answer_id: string;
  segment_index: number;
  start_offset_ms: number;
  end_offset_ms: number;
  text: string;
  source: string;
  confidence: number | null;
}
