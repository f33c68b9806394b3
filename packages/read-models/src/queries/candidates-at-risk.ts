import type { ReadModels } from '../read-models';
import { type SessionSignal, sessionSignals, signalDefinitions } from '../signals';
import { count, dateTimeParam, nullableInstant, nullableNumber } from '../sql/convert';
import { queryRows } from '../sql/query-rows';
import { assessRisk, type Decline, riskRules, type SignalWindows } from './risk-assessment';

export interface CandidateAtRisk {
  candidateId: string;
  displayName: string | null;
  lastPracticeAt: Date | null;
  /** Whole days from the last session's start to `asOf`; null if they never practised. */
  daysSincePractice: number | null;
  inactive: boolean;
  declines: Decline[];
}

const windowColumns = sessionSignals
  .map((signal) => {
    const column = signalDefinitions[signal].column;
    return `avgIf(${column}, rank <= {window:UInt32}) AS latest_${column},
    avgIf(${column}, rank > {window:UInt32} AND rank <= 2 * {window:UInt32}) AS previous_${column}`;
  })
  .join(',\n    ');

const windowAliases = sessionSignals
  .flatMap((signal) => {
    const column = signalDefinitions[signal].column;
    return [`w.latest_${column} AS latest_${column}`, `w.previous_${column} AS previous_${column}`];
  })
  .join(', ');

/**
 * The members (as of `asOf`) of a cohort who are at risk as `riskRules` defines it (inactive, or declining
 * in at least one signal), with the reasons. Practice anywhere counts, not only in this cohort:
 * a candidate practising with another cohort is not inactive.
 */
export async function candidatesAtRisk(
  readModels: ReadModels,
  query: { tenantId: string; cohortId: string; asOf: Date },
): Promise<CandidateAtRisk[]> {
  const rows = await queryRows<Record<string, unknown>>(
    readModels,
    `WITH members AS (
  SELECT candidate_id
  FROM {db:Identifier}.cohort_membership_events FINAL
  WHERE tenant_id = {tenantId:String} AND cohort_id = {cohortId:UUID} AND ts <= {asOf:DateTime64(3)}
  GROUP BY candidate_id
  HAVING argMax(joined, version)
)
SELECT m.candidate_id AS candidate_id, u.display_name AS display_name, p.last_at AS last_at,
  ifNull(w.reported, 0) AS reported, ${windowAliases}
FROM members AS m
LEFT JOIN (
  SELECT candidate_id, max(started_at) AS last_at
  FROM {db:Identifier}.sessions FINAL
  WHERE tenant_id = {tenantId:String} AND candidate_id IN members AND started_at <= {asOf:DateTime64(3)}
  GROUP BY candidate_id
) AS p ON p.candidate_id = m.candidate_id
LEFT JOIN (
  SELECT candidate_id, toUInt64(count()) AS reported,
    ${windowColumns}
  FROM (
    SELECT *, row_number() OVER (PARTITION BY candidate_id ORDER BY started_at DESC, session_id DESC) AS rank
    FROM {db:Identifier}.sessions FINAL
    WHERE tenant_id = {tenantId:String} AND candidate_id IN members AND report_compiled
      AND started_at <= {asOf:DateTime64(3)}
  )
  GROUP BY candidate_id
) AS w ON w.candidate_id = m.candidate_id
LEFT JOIN (
  SELECT user_id, display_name FROM {db:Identifier}.users FINAL WHERE tenant_id = {tenantId:String}
) AS u ON u.user_id = m.candidate_id
ORDER BY m.candidate_id`,
    {
      tenantId: query.tenantId,
      cohortId: query.cohortId,
      asOf: dateTimeParam(query.asOf),
      window: riskRules.window,
    },
  );
  const atRisk: CandidateAtRisk[] = [];
  for (const row of rows) {
    const lastPracticeAt = nullableInstant(row.last_at as string | null);
    const signals = Object.fromEntries(
      sessionSignals.map((signal) => {
        const column = signalDefinitions[signal].column;
        const windows: SignalWindows = {
          latest: nullableNumber(row[`latest_${column}`] as number | null),
          previous: nullableNumber(row[`previous_${column}`] as number | null),
        };
        return [signal, windows];
      }),
    ) as Record<SessionSignal, SignalWindows>;
    const assessment = assessRisk(
      { lastPracticeAt, reportedSessions: count(row.reported as string), signals },
      query.asOf,
    );
    if (!assessment.inactive && assessment.declines.length === 0) continue;
    atRisk.push({
      candidateId: row.candidate_id as string,
      displayName: (row.display_name as string | null) ?? null,
      lastPracticeAt,
      daysSincePractice:
        lastPracticeAt === null
          ? null
          : Math.floor((query.asOf.getTime() - lastPracticeAt.getTime()) / (24 * 60 * 60 * 1000)),
      ...assessment,
    });
  }
  return atRisk;
}
