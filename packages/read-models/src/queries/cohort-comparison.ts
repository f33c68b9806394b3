import type { ReadModels } from '../read-models';
import { count, dateParam } from '../sql/convert';
import { queryRows } from '../sql/query-rows';
import {
  type CohortRollupRow,
  type CohortSignals,
  cohortRollupAggregates,
  toCohortSignals,
} from './cohort-rollup-columns';

export interface CohortComparisonItem extends CohortSignals {
  cohortId: string;
  name: string | null;
  /** Current members. */
  members: number;
}

const nothingMeasured: CohortRollupRow = {
  sessions_started: '0',
  sessions_completed: '0',
  practice_ms: '0',
  active_candidates: '0',
  answer_count: '0',
  pace_in_band_share: null,
  mean_words_per_minute: null,
  mean_fillers_per_minute: null,
  mean_vocal_confidence: null,
  mean_relevance: null,
  frame_count: '0',
  eye_contact_share: null,
  mean_composure: null,
};

/**
 * Cohorts side by side over one period: practice volume and the mean of every signal, in the order
 * asked. A cohort without practice in the period has zero counts and null means.
 */
export async function cohortComparison(
  readModels: ReadModels,
  query: { tenantId: string; cohortIds: readonly string[]; from: Date; to: Date },
): Promise<CohortComparisonItem[]> {
  const params = {
    tenantId: query.tenantId,
    cohortIds: [...query.cohortIds],
    from: dateParam(query.from),
    to: dateParam(query.to),
  };
  const rollups = await queryRows<CohortRollupRow & { cohort_id: string }>(
    readModels,
    `SELECT cohort_id, ${cohortRollupAggregates}
FROM {db:Identifier}.cohort_weekly
WHERE tenant_id = {tenantId:String} AND cohort_id IN {cohortIds:Array(UUID)}
  AND week BETWEEN toMonday({from:Date}) AND toMonday({to:Date})
GROUP BY cohort_id`,
    params,
  );
  const cohorts = await queryRows<{ cohort_id: string; name: string; members: string }>(
    readModels,
    `SELECT c.cohort_id AS cohort_id, c.name AS name, ifNull(m.members, 0) AS members
FROM (
  SELECT cohort_id, name FROM {db:Identifier}.cohorts FINAL
  WHERE tenant_id = {tenantId:String} AND cohort_id IN {cohortIds:Array(UUID)}
) AS c
LEFT JOIN (
  SELECT cohort_id, toUInt64(countIf(joined)) AS members
  FROM (
    SELECT cohort_id, candidate_id, argMax(joined, version) AS joined
    FROM {db:Identifier}.cohort_membership_events FINAL
    WHERE tenant_id = {tenantId:String} AND cohort_id IN {cohortIds:Array(UUID)}
    GROUP BY cohort_id, candidate_id
  )
  GROUP BY cohort_id
) AS m ON m.cohort_id = c.cohort_id`,
    params,
  );
  const rollupOf = new Map(rollups.map((row) => [row.cohort_id, row]));
  const cohortOf = new Map(cohorts.map((row) => [row.cohort_id, row]));
  return query.cohortIds.map((cohortId) => ({
    cohortId,
    name: cohortOf.get(cohortId)?.name ?? null,
    members: count(cohortOf.get(cohortId)?.members ?? 0),
    ...toCohortSignals(rollupOf.get(cohortId) ?? nothingMeasured),
  }));
}
