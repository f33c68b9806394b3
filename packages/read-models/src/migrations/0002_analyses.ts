import { deduplicationSettings, provenanceColumns, sessionScopeColumns } from './columns';
import type { Migration } from './migration';

/**
 * What was captured (references only) and what the models derived from a session: per frame, per
 * audio chunk, per answer, stress alerts and the compiled report. All are read one session at a time
 * along its offset (replay, report), so each is ordered by tenant, session, offset; the cohort-wide
 * questions read the weekly rollup instead (0005).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'analyses',
  statements: (db) => [
    // References to captured media, never the media: the replay fetches the bytes from the media
    // store by sha256 while they are retained. A reference expires with its media (the capture
    // stream's retention, snapshotted when the session started), by TTL, or when MediaDeleted says so.
    `CREATE TABLE IF NOT EXISTS ${db}.media_refs (
  ${sessionScopeColumns},
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
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
TTL toDateTime(expires_at) DELETE
SETTINGS ${deduplicationSettings}`,

    `CREATE TABLE IF NOT EXISTS ${db}.frames (
  ${sessionScopeColumns},
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
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
SETTINGS ${deduplicationSettings}`,

    `CREATE TABLE IF NOT EXISTS ${db}.audio_chunks (
  ${sessionScopeColumns},
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
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, offset_ms, event_id)
SETTINGS ${deduplicationSettings}`,

    // AnswerScored carries no offset; the answer's place on the timeline is its answer-started mark.
    `CREATE TABLE IF NOT EXISTS ${db}.answers (
  ${sessionScopeColumns},
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
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, answer_id, event_id)
SETTINGS ${deduplicationSettings}`,

    `CREATE TABLE IF NOT EXISTS ${db}.stress_alerts (
  ${sessionScopeColumns},
  answer_id Nullable(UUID),
  window_start_ms UInt32,
  window_end_ms UInt32,
  frame_count UInt32,
  negative_share Float32,
  threshold Float32,
  dominant_expression LowCardinality(String),
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, window_start_ms, event_id)
SETTINGS ${deduplicationSettings}`,

    // The report as compiled into the log (SessionReportCompiled): never recomputed here.
    `CREATE TABLE IF NOT EXISTS ${db}.reports (
  ${sessionScopeColumns},
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
  ${provenanceColumns}
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(session_started_at)
ORDER BY (tenant_id, session_id, event_id)
SETTINGS ${deduplicationSettings}`,
  ],
};
