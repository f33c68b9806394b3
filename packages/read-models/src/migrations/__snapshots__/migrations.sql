-- 0001_sessions
CREATE TABLE IF NOT EXISTS poise.sessions (
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
  
  synthetic Bool,
  version UInt64,
  INDEX idx_session_id session_id TYPE bloom_filter GRANULARITY 1
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant_id, candidate_id, started_at, session_id);

CREATE TABLE IF NOT EXISTS poise.session_marks (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  offset_ms UInt32,
  kind LowCardinality(String),
  question_id Nullable(UUID),
  answer_id Nullable(UUID),
  follow_up_id Nullable(UUID),
  ordinal Nullable(UInt16),
  text Nullable(String),
  reason Nullable(String),
  duration_ms Nullable(UInt32),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.transcript_segments (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  answer_id UUID,
  segment_index UInt16,
  start_offset_ms UInt32,
  end_offset_ms UInt32,
  text String,
  source LowCardinality(String),
  confidence Nullable(Float32),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, start_offset_ms, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- 0002_analyses
CREATE TABLE IF NOT EXISTS poise.media_refs (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  offset_ms UInt32,
  kind LowCardinality(String),
  media_id UUID,
  answer_id Nullable(UUID),
  sequence UInt32,
  sha256 String,
  content_type LowCardinality(String),
  bytes UInt32,
  width Nullable(UInt16),
  height Nullable(UInt16),
  sample_rate Nullable(UInt32),
  channels Nullable(UInt8),
  samples Nullable(UInt32),
  expires_at DateTime64(3, 'UTC'),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
TTL toDateTime(expires_at) DELETE
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.frames (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  offset_ms UInt32,
  ts DateTime64(3, 'UTC') ALIAS session_started_at + toIntervalMillisecond(offset_ms),
  frame_id UUID,
  answer_id Nullable(UUID),
  face_count UInt8,
  -- false when no face was found: eye contact is a share of all analysed frames
  eye_contact Bool,
  head_yaw_deg Nullable(Float32),
  head_pitch_deg Nullable(Float32),
  head_roll_deg Nullable(Float32),
  expression_enabled Bool,
  composure Nullable(Float32),
  angry Nullable(Float32),
  disgust Nullable(Float32),
  fear Nullable(Float32),
  happy Nullable(Float32),
  sad Nullable(Float32),
  surprise Nullable(Float32),
  neutral Nullable(Float32),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.audio_chunks (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  offset_ms UInt32,
  duration_ms UInt32,
  chunk_id UUID,
  answer_id Nullable(UUID),
  speech_share Float32,
  speech_ms UInt32,
  pause_count UInt16,
  longest_pause_ms UInt32,
  loudness_mean_dbfs Nullable(Float32),
  loudness_std_db Nullable(Float32),
  pitch_mean_hz Nullable(Float32),
  pitch_std_hz Nullable(Float32),
  monotone Bool,
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.answers (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  answer_id UUID,
  question_id UUID,
  follow_up_id Nullable(UUID),
  word_count UInt32,
  speaking_time_ms UInt32,
  relevance Float64,
  coverage_share Float64,
  matched_key_points Array(String),
  missed_key_points Array(String),
  similarity Float64,
  star_situation Nullable(Float64),
  star_task Nullable(Float64),
  star_action Nullable(Float64),
  star_result Nullable(Float64),
  words_per_minute Float64,
  filler_count UInt32,
  fillers_per_minute Float64,
  top_fillers Array(Tuple(word String, count UInt32)),
  vocal_confidence Float64,
  suggestions Array(Tuple(code String, message String, feature String, value Nullable(Float64))),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, answer_id, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.stress_alerts (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  answer_id Nullable(UUID),
  window_start_ms UInt32,
  window_end_ms UInt32,
  frame_count UInt32,
  negative_share Float32,
  threshold Float32,
  dominant_expression LowCardinality(String),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, window_start_ms, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.reports (
  
  tenant_id LowCardinality(String),
  session_id UUID,
  candidate_id UUID,
  -- cohorts the session counts for (SessionStarted.cohortId and the candidate's memberships when it started)
  cohort_ids Array(UUID),
  session_started_at DateTime64(3, 'UTC'),
  question_set_id UUID,
  duration_ms UInt32,
  composure_mean Nullable(Float64),
  eye_contact_share Nullable(Float64),
  words_per_minute Nullable(Float64),
  fillers_per_minute Nullable(Float64),
  vocal_confidence Nullable(Float64),
  relevance Nullable(Float64),
  stress_alerts UInt32,
  expression_angry Nullable(Float64),
  expression_disgust Nullable(Float64),
  expression_fear Nullable(Float64),
  expression_happy Nullable(Float64),
  expression_sad Nullable(Float64),
  expression_surprise Nullable(Float64),
  expression_neutral Nullable(Float64),
  answers Array(Tuple(
    answer_id UUID,
    question_id UUID,
    follow_up_id Nullable(UUID),
    relevance Float64,
    vocal_confidence Float64,
    words_per_minute Float64)),
  
  event_id UUID,
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- 0003_audit
CREATE TABLE IF NOT EXISTS poise.audit_trail (
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
SETTINGS non_replicated_deduplication_window = 1000;

-- 0004_admin
CREATE TABLE IF NOT EXISTS poise.tenants (
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
  
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id;

CREATE TABLE IF NOT EXISTS poise.users (
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
  
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, user_id);

CREATE TABLE IF NOT EXISTS poise.cohorts (
  tenant_id LowCardinality(String),
  cohort_id UUID,
  name String,
  description Nullable(String),
  created_at DateTime64(3, 'UTC'),
  created_by String,
  
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, cohort_id);

CREATE TABLE IF NOT EXISTS poise.cohort_membership_events (
  tenant_id LowCardinality(String),
  cohort_id UUID,
  candidate_id UUID,
  ts DateTime64(3, 'UTC'),
  joined Bool,
  reason Nullable(String),
  
  event_id UUID,
  synthetic Bool,
  version UInt64,
  INDEX idx_candidate candidate_id TYPE bloom_filter GRANULARITY 1
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, cohort_id, candidate_id, version, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS poise.question_sets (
  tenant_id LowCardinality(String),
  question_set_id UUID,
  title String,
  description Nullable(String),
  language LowCardinality(String),
  created_at DateTime64(3, 'UTC'),
  -- the questions in their order in the set (QuestionAdded inserts at a position, QuestionRemoved removes)
  question_order Array(UUID),
  
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, question_set_id);

CREATE TABLE IF NOT EXISTS poise.questions (
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
  
  synthetic Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, question_set_id, question_id);

-- 0005_cohort-weekly
CREATE TABLE IF NOT EXISTS poise.cohort_weekly (
  tenant_id LowCardinality(String),
  cohort_id UUID,
  week Date,
  sessions_started SimpleAggregateFunction(sum, UInt64),
  sessions_completed SimpleAggregateFunction(sum, UInt64),
  practice_ms SimpleAggregateFunction(sum, UInt64),
  active_candidates AggregateFunction(uniqExact, UUID),
  frames SimpleAggregateFunction(sum, UInt64),
  eye_contact_frames SimpleAggregateFunction(sum, UInt64),
  composure AggregateFunction(avg, Nullable(Float32)),
  answers SimpleAggregateFunction(sum, UInt64),
  answers_in_pace_band SimpleAggregateFunction(sum, UInt64),
  words_per_minute AggregateFunction(avg, Float64),
  fillers_per_minute AggregateFunction(avg, Float64),
  vocal_confidence AggregateFunction(avg, Float64),
  relevance AggregateFunction(avg, Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYear(week)
ORDER BY (tenant_id, cohort_id, week)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS poise.cohort_weekly_from_session_marks
TO poise.cohort_weekly AS
SELECT
  src.tenant_id AS tenant_id,
  cohort_id,
  toMonday(src.session_started_at) AS week,
  toUInt64(countIf(src.kind = 'session-started')) AS sessions_started,
  toUInt64(countIf(src.kind = 'session-ended')) AS sessions_completed,
  toUInt64(sumIf(ifNull(src.duration_ms, 0), src.kind = 'session-ended')) AS practice_ms,
  uniqExactStateIf(src.candidate_id, src.kind = 'session-started') AS active_candidates
FROM poise.session_marks AS src
ARRAY JOIN src.cohort_ids AS cohort_id
WHERE src.kind IN ('session-started', 'session-ended')
GROUP BY tenant_id, cohort_id, week;

CREATE MATERIALIZED VIEW IF NOT EXISTS poise.cohort_weekly_from_frames
TO poise.cohort_weekly AS
SELECT
  src.tenant_id AS tenant_id,
  cohort_id,
  toMonday(src.session_started_at) AS week,
  toUInt64(count()) AS frames,
  toUInt64(countIf(src.eye_contact)) AS eye_contact_frames,
  avgState(src.composure) AS composure
FROM poise.frames AS src
ARRAY JOIN src.cohort_ids AS cohort_id
GROUP BY tenant_id, cohort_id, week;

CREATE MATERIALIZED VIEW IF NOT EXISTS poise.cohort_weekly_from_answers
TO poise.cohort_weekly AS
SELECT
  src.tenant_id AS tenant_id,
  cohort_id,
  toMonday(src.session_started_at) AS week,
  toUInt64(count()) AS answers,
  toUInt64(countIf(src.words_per_minute BETWEEN 100 AND 165)) AS answers_in_pace_band,
  avgState(src.words_per_minute) AS words_per_minute,
  avgState(src.fillers_per_minute) AS fillers_per_minute,
  avgState(src.vocal_confidence) AS vocal_confidence,
  avgState(src.relevance) AS relevance
FROM poise.answers AS src
ARRAY JOIN src.cohort_ids AS cohort_id
GROUP BY tenant_id, cohort_id, week;

-- 0006_projector
CREATE TABLE IF NOT EXISTS poise.projector_checkpoint (
  projector_id LowCardinality(String),
  state Enum8('pending' = 1, 'committed' = 2),
  position UInt64,
  after_position Nullable(UInt64),
  written_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(position)
ORDER BY (projector_id, state);

CREATE TABLE IF NOT EXISTS poise.projector_parked (
  projector_id LowCardinality(String),
  position UInt64,
  event_id String,
  event_type String,
  stream_name String,
  recorded_at DateTime64(3, 'UTC'),
  reason String,
  data String,
  metadata String,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (projector_id, position);

-- 0007_answer-versions
ALTER TABLE poise.answers
  ADD COLUMN IF NOT EXISTS score_version UInt32 DEFAULT 1,
  ADD COLUMN IF NOT EXISTS content LowCardinality(String) DEFAULT 'scored',
  ADD COLUMN IF NOT EXISTS missing_audio_chunks UInt32 DEFAULT 0;

DROP VIEW IF EXISTS poise.cohort_weekly_from_answers;

CREATE MATERIALIZED VIEW IF NOT EXISTS poise.cohort_weekly_from_answers
TO poise.cohort_weekly AS
SELECT
  src.tenant_id AS tenant_id,
  cohort_id,
  toMonday(src.session_started_at) AS week,
  toUInt64(count()) AS answers,
  toUInt64(countIf(src.words_per_minute BETWEEN 100 AND 165)) AS answers_in_pace_band,
  avgState(src.words_per_minute) AS words_per_minute,
  avgState(src.fillers_per_minute) AS fillers_per_minute,
  avgState(src.vocal_confidence) AS vocal_confidence,
  avgState(src.relevance) AS relevance
FROM poise.answers AS src
ARRAY JOIN src.cohort_ids AS cohort_id
WHERE src.score_version = 1 AND src.content = 'scored'
GROUP BY tenant_id, cohort_id, week;

ALTER TABLE poise.reports
  MODIFY COLUMN answers Array(Tuple(
    answer_id UUID,
    question_id UUID,
    follow_up_id Nullable(UUID),
    relevance Nullable(Float64),
    vocal_confidence Nullable(Float64),
    words_per_minute Nullable(Float64)));

ALTER TABLE poise.reports
  ADD COLUMN IF NOT EXISTS answer_scoring Array(Tuple(
    answer_id UUID,
    scoring LowCardinality(String),
    score_version Nullable(UInt32))) DEFAULT [];
