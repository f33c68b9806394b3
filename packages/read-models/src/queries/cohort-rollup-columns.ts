import { count, nullableNumber } from '../sql/convert';

/**
 * Finalising the weekly rollup (`cohort_weekly`): the same expressions serve one week and a whole
 * period, since the aggregate states merge across weeks. Means and shares are NULL when nothing
 * was measured rather than NaN or 0.
 */
export const cohortRollupAggregates = `
  sum(sessions_started) AS sessions_started,
  sum(sessions_completed) AS sessions_completed,
  sum(practice_ms) AS practice_ms,
  uniqExactMerge(active_candidates) AS active_candidates,
  sum(answers) AS answer_count,
  if(answer_count = 0, NULL, sum(answers_in_pace_band) / answer_count) AS pace_in_band_share,
  if(answer_count = 0, NULL, avgMerge(words_per_minute)) AS mean_words_per_minute,
  if(answer_count = 0, NULL, avgMerge(fillers_per_minute)) AS mean_fillers_per_minute,
  if(answer_count = 0, NULL, avgMerge(vocal_confidence)) AS mean_vocal_confidence,
  if(answer_count = 0, NULL, avgMerge(relevance)) AS mean_relevance,
  sum(frames) AS frame_count,
  if(frame_count = 0, NULL, sum(eye_contact_frames) / frame_count) AS eye_contact_share,
  avgMerge(composure) AS mean_composure`;

export interface CohortRollupRow {
  sessions_started: string;
  sessions_completed: string;
  practice_ms: string;
  active_candidates: string;
  answer_count: string;
  pace_in_band_share: number | null;
  mean_words_per_minute: number | null;
  mean_fillers_per_minute: number | null;
  mean_vocal_confidence: number | null;
  mean_relevance: number | null;
  frame_count: string;
  eye_contact_share: number | null;
  mean_composure: number | null;
}

/** Practice volume and every signal of a cohort over a week or a period. */
export interface CohortSignals {
  sessionsStarted: number;
  sessionsCompleted: number;
  practiceMinutes: number;
  /** Candidates who started at least one session. */
  activeCandidates: number;
  answers: number;
  /** Share of answers whose pace was within the 100–165 WPM band. */
  paceInBandShare: number | null;
  wordsPerMinute: number | null;
  fillersPerMinute: number | null;
  vocalConfidence: number | null;
  relevance: number | null;
  framesAnalyzed: number;
  /** Share of analysed frames with eye contact. */
  eyeContactShare: number | null;
  /** Mean composure over frames analysed with expression analysis on. */
  composure: number | null;
}

export function toCohortSignals(row: CohortRollupRow): CohortSignals {
  return {
    sessionsStarted: count(row.sessions_started),
    sessionsCompleted: count(row.sessions_completed),
    practiceMinutes: count(row.practice_ms) / 60_000,
    activeCandidates: count(row.active_candidates),
    answers: count(row.answer_count),
    paceInBandShare: nullableNumber(row.pace_in_band_share),
    wordsPerMinute: nullableNumber(row.mean_words_per_minute),
    fillersPerMinute: nullableNumber(row.mean_fillers_per_minute),
    vocalConfidence: nullableNumber(row.mean_vocal_confidence),
    relevance: nullableNumber(row.mean_relevance),
    framesAnalyzed: count(row.frame_count),
    eyeContactShare: nullableNumber(row.eye_contact_share),
    composure: nullableNumber(row.mean_composure),
  };
}
