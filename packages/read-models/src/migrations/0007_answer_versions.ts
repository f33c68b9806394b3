import { materializedView } from './0005_cohort_weekly';
import type { Migration } from './migration';

/**
 * Re-scored answers and honest reports (AnswerScored v2, SessionReportCompiled v2). An answer can
 * now have several score rows, one per version: readers keep the highest `score_version` per answer
 * (`LIMIT 1 BY answer_id`). A report lists every answer with whether it was scored, its figures
 * null where not measured. Additive only: existing rows read as version 1, content scored, no
 * audio missing, every listed answer scored.
 *
 * The weekly cohort rollup is fed by inserts and cannot take a row back: it now counts each answer
 * once, at its first score version, and only answers whose content was scored (a voice-only
 * answer's relevance and pace are zeros that mean nothing). A re-score's figures reach the
 * session's report and rows, not the cohort week.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'answer-versions',
  statements: (db) => [
    `ALTER TABLE ${db}.answers
  ADD COLUMN IF NOT EXISTS score_version UInt32 DEFAULT 1,
  ADD COLUMN IF NOT EXISTS content LowCardinality(String) DEFAULT 'scored',
  ADD COLUMN IF NOT EXISTS missing_audio_chunks UInt32 DEFAULT 0`,
    `DROP VIEW IF EXISTS ${db}.cohort_weekly_from_answers`,
    materializedView(db, 'answers', "src.score_version = 1 AND src.content = 'scored'"),
    `ALTER TABLE ${db}.reports
  MODIFY COLUMN answers Array(Tuple(
    answer_id UUID,
    question_id UUID,
    follow_up_id Nullable(UUID),
    relevance Nullable(Float64),
    vocal_confidence Nullable(Float64),
    words_per_minute Nullable(Float64)))`,
    // Parallel to \`answers\` (same order): how each answer stands ('scored', 'delivery-only', 'failed', 'not-scored').
    `ALTER TABLE ${db}.reports
  ADD COLUMN IF NOT EXISTS answer_scoring Array(Tuple(
    answer_id UUID,
    scoring LowCardinality(String),
    score_version Nullable(UInt32))) DEFAULT []`,
  ],
};
