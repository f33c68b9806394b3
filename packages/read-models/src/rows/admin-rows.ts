import type { DateTime64Text, Provenance, StateVersion } from './row-shapes';

export interface TenantRow extends StateVersion {
  tenant_id: string;
  name: string;
  kind: string;
  created_at: DateTime64Text;
  raw_media_retention_days: number | null;
  retention_set_at: DateTime64Text | null;
  retention_set_by: string | null;
  expression_analysis: boolean | null;
  expression_set_at: DateTime64Text | null;
  expression_set_by: string | null;
  expression_reason: string | null;
}

export interface UserRow extends StateVersion {
  tenant_id: string;
  user_id: string;
  email: string | null;
  display_name: string | null;
  roles: string[];
  status: 'invited' | 'registered';
  invited_role: string | null;
  invited_cohort_id: string | null;
  invited_at: DateTime64Text | null;
  registered_at: DateTime64Text | null;
  last_signed_in_at: DateTime64Text | null;
  sign_in_count: number;
  failed_sign_in_count: number;
  erasure_requested_at: DateTime64Text | null;
}

export interface CohortRow extends StateVersion {
  tenant_id: string;
  cohort_id: string;
  name: string;
  description: string | null;
  created_at: DateTime64Text;
  created_by: string;
}

export interface CohortMembershipEventRow extends Provenance {
  tenant_id: string;
  cohort_id: string;
  candidate_id: string;
  ts: DateTime64Text;
  joined: boolean;
  reason: string | null;
}

export interface QuestionSetRow extends StateVersion {
  tenant_id: string;
  question_set_id: string;
  title: string;
  description: string | null;
  language: string;
  created_at: DateTime64Text;
  question_order: string[];
}

export interface QuestionRow extends StateVersion {
  tenant_id: string;
  question_set_id: string;
  question_id: string;
  text: string;
  expected_answer: string;
  key_points: { id: string; text: string }[];
  behavioural: boolean;
  time_limit_seconds: number;
  removed: boolean;
  added_at: DateTime64Text;
  updated_at: DateTime64Text;
}
