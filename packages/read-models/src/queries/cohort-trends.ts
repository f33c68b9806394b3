import type { ReadModels } from '../read-models';
import { dateParam } from '../sql/convert';
import { queryRows } from '../sql/query-rows';
import {
  type CohortRollupRow,
  type CohortSignals,
  cohortRollupAggregates,
  toCohortSignals,
} from './cohort-rollup-columns';

export interface CohortWeek extends CohortSignals {
  /** Monday of the week (UTC), `YYYY-MM-DD`. */
  week: string;
}

export interface CohortTrendsQuery {
  tenantId: string;
  cohortId: string;
  /** Any instant in the first week. */
  from: Date;
  /** Any instant in the last week (inclusive). */
  to: Date;
}

/**
 * A cohort's practice volume and every signal per week, over months, from the weekly rollup. Every
 * week of the range is present; weeks without practice have zero counts and null means.
 */
export async function cohortWeeklyTrends(
  readModels: ReadModels,
  query: CohortTrendsQuery,
): Promise<CohortWeek[]> {
  const rows = await queryRows<CohortRollupRow & { week: string }>(
    readModels,
    `SELECT week, ${cohortRollupAggregates}
FROM {db:Identifier}.cohort_weekly
WHERE tenant_id = {tenantId:String} AND cohort_id = {cohortId:UUID}
  AND week BETWEEN toMonday({from:Date}) AND toMonday({to:Date})
GROUP BY week
ORDER BY week WITH FILL FROM toMonday({from:Date}) TO toMonday({to:Date}) + 1 STEP toIntervalWeek(1)`,
    {
      tenantId: query.tenantId,
      cohortId: query.cohortId,
      from: dateParam(query.from),
      to: dateParam(query.to),
    },
  );
  return rows.map((row) => ({ week: row.week, ...toCohortSignals(row) }));
}
