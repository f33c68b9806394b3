import type {
  CohortMembershipEventRow,
  CohortRow,
  QuestionRow,
  QuestionSetRow,
  TenantRow,
  UserRow,
} from './admin-rows';
import type {
  AnswerRow,
  AudioChunkRow,
  FrameRow,
  MediaRefRow,
  ReportRow,
  StressAlertRow,
} from './analysis-rows';
import type { AuditRow } from './audit-rows';
import type { CheckpointRow, ParkedRow } from './projector-rows';
import type { SessionMarkRow, SessionRow, TranscriptSegmentRow } from './session-rows';

/** Every table the projector writes, with the shape of its rows. */
export interface TableRows {
  sessions: SessionRow;
  session_marks: SessionMarkRow;
  transcript_segments: TranscriptSegmentRow;
  media_refs: MediaRefRow;
  frames: FrameRow;
  audio_chunks: AudioChunkRow;
  answers: AnswerRow;
  stress_alerts: StressAlertRow;
  reports: ReportRow;
  audit_trail: AuditRow;
  tenants: TenantRow;
  users: UserRow;
  cohorts: CohortRow;
  cohort_membership_events: CohortMembershipEventRow;
  question_sets: QuestionSetRow;
  questions: QuestionRow;
  projector_checkpoint: CheckpointRow;
  projector_parked: ParkedRow;
}

export type TableName = keyof TableRows;

/** Tables whose rows the projector derives from events, in the order a batch writes them. */
export const projectedTables = [
  'tenants',
  'users',
  'cohorts',
  'cohort_membership_events',
  'question_sets',
  'questions',
  'sessions',
  'session_marks',
  'transcript_segments',
  'media_refs',
  'frames',
  'audio_chunks',
  'answers',
  'stress_alerts',
  'reports',
  'audit_trail',
  'projector_parked',
] as const satisfies readonly TableName[];
export type ProjectedTable = (typeof projectedTables)[number];
