import type { DateTime64Text, UInt64Text } from './row-shapes';

export const auditCategories = [
  'sign-in',
  'account',
  'access',
  'export',
  'policy',
  'deletion',
  'session',
  'review',
  'cohort',
  'question-set',
  'analysis',
] as const;
export type AuditCategory = (typeof auditCategories)[number];

export interface AuditRow {
  tenant_id: string;
  ts: DateTime64Text;
  position: UInt64Text;
  event_id: string;
  /** The event type, e.g. `ReportExported`. */
  action: string;
  category: AuditCategory;
  actor_kind: 'user' | 'system' | 'service';
  actor_id: string;
  actor_role: string | null;
  subject_user_id: string | null;
  session_id: string | null;
  stream_name: string;
  /** JSON of the event's data without personal data. */
  details: string;
  synthetic: boolean;
  version: UInt64Text;
}
