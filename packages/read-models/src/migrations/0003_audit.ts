import { deduplicationSettings } from './columns';
import type { Migration } from './migration';

/**
 * The audit trail: one row per audit-relevant event (sign-ins and failures, account and role
 * changes, views, exports, policy changes, deletions and erasures, session lifecycle, reviews,
 * cohort and question-set changes). Captures and analyses are not rows here but counts per session,
 * read from the analysis tables: a row per frame would drown the trail, and capture- streams expire
 * with retention, so anything derived from them could not be rebuilt.
 *
 * Read by tenant over a time range, newest first, optionally narrowed to a session, a person or
 * actions: tenant, time in the key; session and people through skip indexes.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'audit',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.audit_trail (
  tenant_id LowCardinality(String),
  ts DateTime64(3, 'UTC'),
  position UInt64,
  event_id UUID,
  action LowCardinality(String),
  category LowCardinality(String),
  actor_kind LowCardinality(String),
  actor_id String,
  actor_role Nullable(String),
  subject_user_id Nullable(UUID),
  session_id Nullable(UUID),
  stream_name String,
  -- the event's data without personal data (emails, names, IP addresses, user agents)
  details String,
  synthetic Bool,
  version UInt64,
  INDEX idx_session session_id TYPE bloom_filter GRANULARITY 4,
  INDEX idx_actor actor_id TYPE bloom_filter GRANULARITY 4,
  INDEX idx_subject subject_user_id TYPE bloom_filter GRANULARITY 4,
  INDEX idx_action action TYPE set(100) GRANULARITY 4
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(ts)
ORDER BY (tenant_id, ts, event_id)
SETTINGS ${deduplicationSettings}`,
  ],
};
