import { deduplicationSettings, provenanceColumns, stateVersionColumns } from './columns';
import type { Migration } from './migration';

/**
 * What administrators list and edit: tenants with their policies, users and roles, cohorts and
 * their membership, question sets and questions. Small tables, read per tenant, so the keys are
 * tenant then entity; state rows keep the latest version of each entity.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'admin',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.tenants (
  tenant_id LowCardinality(String),
  name String,
  kind LowCardinality(String),
  created_at DateTime64(3, 'UTC'),
  raw_media_retention_days Nullable(UInt16),
  retention_set_at Nullable(DateTime64(3, 'UTC')),
  retention_set_by Nullable(String),
  expression_analysis Nullable(Bool),
  expression_set_at Nullable(DateTime64(3, 'UTC')),
  expression_set_by Nullable(String),
  expression_reason Nullable(String),
  ${stateVersionColumns}
) ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id`,

    // Personal data (email, display name) lives here only; erasure deletes the user's rows.
    `CREATE TABLE IF NOT EXISTS ${db}.users (
  tenant_id LowCardinality(String),
  user_id UUID,
  email Nullable(String),
  display_name Nullable(String),
  roles Array(LowCardinality(String)),
  status LowCardinality(String),
  invited_role Nullable(String),
  invited_cohort_id Nullable(UUID),
  invited_at Nullable(DateTime64(3, 'UTC')),
  registered_at Nullable(DateTime64(3, 'UTC')),
  last_signed_in_at Nullable(DateTime64(3, 'UTC')),
  sign_in_count UInt32,
  failed_sign_in_count UInt32,
  erasure_requested_at Nullable(DateTime64(3, 'UTC')),
  ${stateVersionColumns}
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, user_id)`,

    `CREATE TABLE IF NOT EXISTS ${db}.cohorts (
  tenant_id LowCardinality(String),
  cohort_id UUID,
  name String,
  description Nullable(String),
  created_at DateTime64(3, 'UTC'),
  created_by String,
  ${stateVersionColumns}
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, cohort_id)`,

    // Membership is kept as its history (one row per join or leave), not as state: a session counts
    // for the cohorts its candidate belonged to when it started, and only the history can answer
    // "as of then" exactly, however the projector's batches were cut.
    `CREATE TABLE IF NOT EXISTS ${db}.cohort_membership_events (
  tenant_id LowCardinality(String),
  cohort_id UUID,
  candidate_id UUID,
  ts DateTime64(3, 'UTC'),
  joined Bool,
  reason Nullable(String),
  ${provenanceColumns},
  INDEX idx_candidate candidate_id TYPE bloom_filter GRANULARITY 1
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, cohort_id, candidate_id, version, event_id)
SETTINGS ${deduplicationSettings}`,

    `CREATE TABLE IF NOT EXISTS ${db}.question_sets (
  tenant_id LowCardinality(String),
  question_set_id UUID,
  title String,
  description Nullable(String),
  language LowCardinality(String),
  created_at DateTime64(3, 'UTC'),
  -- the questions in their order in the set (QuestionAdded inserts at a position, QuestionRemoved removes)
  question_order Array(UUID),
  ${stateVersionColumns}
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, question_set_id)`,

    `CREATE TABLE IF NOT EXISTS ${db}.questions (
  tenant_id LowCardinality(String),
  question_set_id UUID,
  question_id UUID,
  text String,
  expected_answer String,
  key_points Array(Tuple(id String, text String)),
  behavioural Bool,
  time_limit_seconds UInt16,
  removed Bool,
  added_at DateTime64(3, 'UTC'),
  updated_at DateTime64(3, 'UTC'),
  ${stateVersionColumns}
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, question_set_id, question_id)`,
  ],
};
