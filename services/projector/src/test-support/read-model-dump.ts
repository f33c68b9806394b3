import { queryRows, type ReadModels } from '@poise/read-models';

/** Tables with one row per source event: a duplicate there would show even before merges. */
export const eventKeyedTables = [
  'session_marks',
  'transcript_segments',
  'media_refs',
  'frames',
  'audio_chunks',
  'answers',
  'stress_alerts',
  'reports',
  'audit_trail',
  'cohort_membership_events',
  'projector_parked',
] as const;

/** Tables with one row per entity, re-written as it changes: only their latest versions compare. */
export const stateTables = ['tenants', 'users', 'cohorts', 'question_sets', 'questions', 'sessions'] as const;

/**
 * Everything a console could read, in a form two read-model databases can be compared with:
 * every table's rows (latest versions) sorted on all columns, the raw row count of the
 * event-keyed tables, and the weekly rollup finalised (means rounded to 9 digits, since float sums
 * depend on the order rows were aggregated in, which depends on how batches were cut).
 */
export async function dumpReadModels(readModels: ReadModels): Promise<Record<string, unknown>> {
  const dump: Record<string, unknown> = {};
  for (const table of [...eventKeyedTables, ...stateTables]) {
    dump[table] = await queryRows(
      readModels,
      'SELECT * FROM {db:Identifier}.{table:Identifier} FINAL ORDER BY ALL',
      {
        table,
      },
    );
  }
  for (const table of eventKeyedTables) {
    dump[`${table} (rows before merging)`] = await queryRows(
      readModels,
      'SELECT count() AS rows FROM {db:Identifier}.{table:Identifier}',
      { table },
    );
  }
  dump.cohort_weekly = await queryRows(
    readModels,
    `SELECT tenant_id, cohort_id, week, sum(sessions_started) AS sessions_started,
  sum(sessions_completed) AS sessions_completed, sum(practice_ms) AS practice_ms,
  uniqExactMerge(active_candidates) AS active_candidates, sum(frames) AS frames,
  sum(eye_contact_frames) AS eye_contact_frames, round(avgMerge(composure), 9) AS composure,
  sum(answers) AS answers, sum(answers_in_pace_band) AS answers_in_pace_band,
  round(avgMerge(words_per_minute), 9) AS words_per_minute,
  round(avgMerge(fillers_per_minute), 9) AS fillers_per_minute,
  round(avgMerge(vocal_confidence), 9) AS vocal_confidence, round(avgMerge(relevance), 9) AS relevance
FROM {db:Identifier}.cohort_weekly
GROUP BY tenant_id, cohort_id, week
ORDER BY ALL`,
  );
  return dump;
}
