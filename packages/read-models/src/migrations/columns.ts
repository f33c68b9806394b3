/**
 * Column groups shared by several tables, written once so every table spells them the same way.
 */

/** Every session-derived row: whose, which session, and when the session started (the time axis). */
export const sessionScopeColumns = `
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC')`;

/**
 * Where a row came from: the source event, whether it is generated demo data, and the log position
 * of the event, the ReplacingMergeTree version, so replaying an event can never go back in time.
 */
export const provenanceColumns = `
  event_id UUID,
  synthetic Bool,
  version UInt64`;

/** State rows (one per entity) record the position of the last event applied to them. */
export const stateVersionColumns = `
  synthetic Bool,
  version UInt64`;

/**
 * Insert deduplication for the projector's exactly-once protocol: a batch retried after a crash
 * carries the same tokens, so blocks (and the materialized-view blocks derived from them) already
 * written are skipped. Only the one uncommitted batch is ever retried, so a short window suffices.
 */
export const deduplicationSettings = 'non_replicated_deduplication_window = 1000';
