import type { ReadModels } from '../read-models';
import { type SessionSignal, sessionSignals, signalDefinitions } from '../signals';
import { count, dateTimeParam, instant, nullableNumber } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

export interface SignalChange {
  first: number;
  latest: number;
  /** latest − first. */
  change: number;
}

export interface CandidateImprovement {
  candidateId: string;
  displayName: string | null;
  /** Reported sessions counted for the cohort. */
  sessions: number;
  firstAt: Date;
  latestAt: Date;
  /** Per signal, the first and latest session in which it was measured; absent if never. */
  signals: Partial<Record<SessionSignal, SignalChange>>;
}

/** argMin/argMax skip NULLs, so "first" is the first session that measured the signal. */
const signalColumns = sessionSignals
  .map((signal) => {
    const column = signalDefinitions[signal].column;
    return `argMin(${column}, (started_at, session_id)) AS first_${column},
  argMax(${column}, (started_at, session_id)) AS latest_${column}`;
  })
  .join(',\n  ');

/**
 * First-vs-latest improvement of every candidate of a cohort, over the reported sessions that
 * count for the cohort (those started while the candidate belonged to it), optionally in a period.
 */
export async function cohortImprovement(
  readModels: ReadModels,
  query: { tenantId: string; cohortId: string; from?: Date; to?: Date },
): Promise<CandidateImprovement[]> {
  const rows = await queryRows<Record<string, unknown>>(
    readModels,
    `SELECT s.*, u.display_name AS display_name
FROM (
  SELECT candidate_id, count() AS sessions, min(started_at) AS first_at, max(started_at) AS latest_at,
  ${signalColumns}
  FROM {db:Identifier}.sessions FINAL
  WHERE tenant_id = {tenantId:String} AND has(cohort_ids, {cohortId:UUID}) AND report_compiled
    AND started_at >= {from:DateTime64(3)} AND started_at <= {to:DateTime64(3)}
  GROUP BY candidate_id
) AS s
LEFT JOIN (
  SELECT user_id, display_name FROM {db:Identifier}.users FINAL WHERE tenant_id = {tenantId:String}
) AS u ON u.user_id = s.candidate_id
ORDER BY display_name NULLS LAST, s.candidate_id`,
    {
      tenantId: query.tenantId,
      cohortId: query.cohortId,
      from: '1970-01-01 00:00:00.000',
      to: '2299-12-31 23:59:59.999',
      ...(query.from === undefined ? {} : { from: dateTimeParam(query.from) }),
      ...(query.to === undefined ? {} : { to: dateTimeParam(query.to) }),
    },
  );
  return rows.map((row) => {
    const signals: Partial<Record<SessionSignal, SignalChange>> = {};
    for (const signal of sessionSignals) {
      const column = signalDefinitions[signal].column;
      const first = nullableNumber(row[`first_${column}`] as number | null);
      const latest = nullableNumber(row[`latest_${column}`] as number | null);
      if (first !== null && latest !== null) signals[signal] = { first, latest, change: latest - first };
    }
    return {
      candidateId: row.candidate_id as string,
      displayName: (row.display_name as string | null) ?? null,
      sessions: count(row.sessions as string),
      firstAt: instant(row.first_at as string),
      latestAt: instant(row.latest_at as string),
      signals,
    };
  });
}
