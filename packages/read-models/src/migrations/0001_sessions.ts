import {
  deduplicationSettings,
  provenanceColumns,
  sessionScopeColumns,
  stateVersionColumns,
} from './columns';
import type { Migration } from './migration';

/**
 * Sessions as the console lists them, the marks of their replay timeline and their transcript.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'sessions',
  statements: (db) => [
    // One row per session (latest version wins). Read by candidate (their sessions and progress),
    // by tenant and cohort (cohort queries filter `has(cohort_ids, …)` over the tenant's rows, a
    // scan of tens of thousands of narrow rows), so: tenant, candidate, start time, session.
    `CREATE TABLE IF NOT EXISTS ${db}.sessions (
  tenant_id LowCardinality(String),
  candidate_id UUID,
  started_at DateTime64(3, 'UTC'),
  session_id UUID,
  question_set_id UUID,
  cohort_ids Array(UUID),
  source LowCardinality(String),
  status LowCardinality(String),
  consent LowCardinality(String),
  expression_analysis Bool,
  raw_media_retention_days UInt16,
  ended_at Nullable(DateTime64(3, 'UTC')),
  duration_ms Nullable(UInt32),
  questions_asked Nullable(UInt16),
  answers_given Nullable(UInt16),
  abandon_reason Nullable(String),
  report_compiled Bool,
  composure_mean Nullable(Float64),
  eye_contact_share Nullable(Float64),
  words_per_minute Nullable(Float64),
  fillers_per_minute Nullable(Float64),
  vocal_confidence Nullable(Float64),
  relevance Nullable(Float64),
  stress_alerts Nullable(UInt32),
  ${stateVersionColumns},
  INDEX idx_session_id session_id TYPE bloom_filter GRANULARITY 1
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant_id, candidate_id, started_at, session_id)`,

    // Everything that happens at a moment of a session besides the high-rate signals: questions,
    // follow-ups, answers starting and ending, consent, comments, start and end. Read one session
    // at a time along its offset; the session-started/ended marks also feed the weekly cohort rollup.
    `CREATE TABLE IF NOT EXISTS ${db}.session_marks (
  ${sessionScopeColumns},
  offset_ms UInt32,
  kind LowCardinality(String),
  question_id Nullable(UUID),
  answer_id Nullable(UUID),
  follow_up_id Nullable(UUID),
  ordinal Nullable(UInt16),
  text Nullable(String),
  reason Nullable(String),
  duration_ms Nullable(UInt32),
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
SETTINGS ${deduplicationSettings}`,

    `CREATE TABLE IF NOT EXISTS ${db}.transcript_segments (
  ${sessionScopeColumns},
  answer_id UUID,
  segment_index UInt16,
  start_offset_ms UInt32,
  end_offset_ms UInt32,
  text String,
  source LowCardinality(String),
  confidence Nullable(Float32),
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, start_offset_ms, event_id)
SETTINGS ${deduplicationSettings}`,
  ],
};
