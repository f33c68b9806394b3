import { PACE_BAND_WPM } from '../signals';
import { deduplicationSettings } from './columns';
import type { Migration } from './migration';

type RollupSource = 'session_marks' | 'frames' | 'answers';

interface RollupColumn {
  readonly name: string;
  readonly type: string;
  /**
   * The aggregate each source table (aliased `src`) contributes; a source without one leaves the
   * column empty. Source columns are qualified because the output aliases reuse their names.
   */
  readonly from: Partial<Record<RollupSource, string>>;
}

const count = 'SimpleAggregateFunction(sum, UInt64)';
const mean = (input: string) => `AggregateFunction(avg, ${input})`;

/**
 * The weekly cohort rollup, written once: each column's type and what each source contributes, so
 * the table and its three materialized views cannot drift apart. Weeks start on Monday, UTC, of the
 * session's start, so a session counts in one week whatever it measured.
 */
export const cohortWeeklyColumns: readonly RollupColumn[] = [
  {
    name: 'sessions_started',
    type: count,
    from: { session_marks: "toUInt64(countIf(src.kind = 'session-started'))" },
  },
  {
    name: 'sessions_completed',
    type: count,
    from: { session_marks: "toUInt64(countIf(src.kind = 'session-ended'))" },
  },
  {
    name: 'practice_ms',
    type: count,
    from: { session_marks: "toUInt64(sumIf(ifNull(src.duration_ms, 0), src.kind = 'session-ended'))" },
  },
  {
    name: 'active_candidates',
    type: 'AggregateFunction(uniqExact, UUID)',
    from: { session_marks: "uniqExactStateIf(src.candidate_id, src.kind = 'session-started')" },
  },
  { name: 'frames', type: count, from: { frames: 'toUInt64(count())' } },
  { name: 'eye_contact_frames', type: count, from: { frames: 'toUInt64(countIf(src.eye_contact))' } },
  { name: 'composure', type: mean('Nullable(Float32)'), from: { frames: 'avgState(src.composure)' } },
  { name: 'answers', type: count, from: { answers: 'toUInt64(count())' } },
  {
    name: 'answers_in_pace_band',
    type: count,
    from: {
      answers: `toUInt64(countIf(src.words_per_minute BETWEEN ${PACE_BAND_WPM.min} AND ${PACE_BAND_WPM.max}))`,
    },
  },
  { name: 'words_per_minute', type: mean('Float64'), from: { answers: 'avgState(src.words_per_minute)' } },
  {
    name: 'fillers_per_minute',
    type: mean('Float64'),
    from: { answers: 'avgState(src.fillers_per_minute)' },
  },
  { name: 'vocal_confidence', type: mean('Float64'), from: { answers: 'avgState(src.vocal_confidence)' } },
  { name: 'relevance', type: mean('Float64'), from: { answers: 'avgState(src.relevance)' } },
];

const rollupSources: readonly RollupSource[] = ['session_marks', 'frames', 'answers'];

/** The view feeding cohort_weekly from `source`; `where` filters its rows (migration 0007 uses it). */
export function materializedView(db: string, source: RollupSource, where?: string): string {
  const contributions = cohortWeeklyColumns
    .filter((column) => column.from[source] !== undefined)
    .map((column) => `  ${column.from[source]} AS ${column.name}`);
  const filter = source === 'session_marks' ? "src.kind IN ('session-started', 'session-ended')" : where;
  const onlySessionBoundaries = filter === undefined ? '' : `\nWHERE ${filter}`;
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.cohort_weekly_from_${source}
TO ${db}.cohort_weekly AS
SELECT
  src.tenant_id AS tenant_id,
  cohort_id,
  toMonday(src.session_started_at) AS week,
${contributions.join(',\n')}
FROM ${db}.${source} AS src
ARRAY JOIN src.cohort_ids AS cohort_id${onlySessionBoundaries}
GROUP BY tenant_id, cohort_id, week`;
}

/**
 * Cohort trends per week for every signal. Sessions without a cohort do not count here. The
 * rollup is small (cohorts × weeks), so it is partitioned by year rather than by month.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'cohort-weekly',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.cohort_weekly (
  tenant_id LowCardinality(String),
  cohort_id UUID,
  week Date,
${cohortWeeklyColumns.map((column) => `  ${column.name} ${column.type}`).join(',\n')}
) ENGINE = AggregatingMergeTree
PARTITION BY toYear(week)
ORDER BY (tenant_id, cohort_id, week)
SETTINGS ${deduplicationSettings}`,
    ...rollupSources.map((source) => materializedView(db, source)),
  ],
};
