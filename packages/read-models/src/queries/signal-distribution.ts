import type { ReadModels } from '../read-models';
import { type SessionSignal, signalDefinitions } from '../signals';
import { count, dateTimeParam } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

export interface DistributionBucket {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound, except for the last bucket, which also holds the range's maximum and above. */
  to: number;
  sessions: number;
}

export interface SignalDistributionQuery {
  tenantId: string;
  signal: SessionSignal;
  /** Only sessions that count for this cohort; the whole tenant when absent. */
  cohortId?: string;
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Equal-width buckets over the signal's range (e.g. 0..1, 0..10, 0..300 WPM). */
  buckets?: number;
}

/**
 * How one signal's per-session values (from the compiled reports) are spread: a histogram of equal
 * buckets over the signal's range, every bucket present. Values outside the range fall into the
 * first or last bucket.
 */
export async function signalDistribution(
  readModels: ReadModels,
  query: SignalDistributionQuery,
): Promise<DistributionBucket[]> {
  const buckets = query.buckets ?? 10;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1000) {
    throw new RangeError(`buckets must be an integer from 1 to 1000, got ${buckets}`);
  }
  const definition = signalDefinitions[query.signal];
  const [min, max] = definition.range;
  const bound = (bucket: number) => min + (bucket * (max - min)) / buckets;
  const rows = await queryRows<{ bucket: number; sessions: string }>(
    readModels,
    // Multiplying by the bucket count (rather than dividing by the width) keeps boundaries exact:
    // 0.6 / 0.1 is 5.999… in floating point, 0.6 * 10 is 6.
    `SELECT toUInt32(least(greatest(toInt64(floor((value - {min:Float64}) * {buckets:UInt32} / {span:Float64})), 0), {buckets:UInt32} - 1)) AS bucket,
  count() AS sessions
FROM (
  SELECT assumeNotNull({column:Identifier}) AS value
  FROM {db:Identifier}.sessions FINAL
  WHERE tenant_id = {tenantId:String} AND report_compiled AND {column:Identifier} IS NOT NULL
    AND started_at >= {from:DateTime64(3)} AND started_at < {to:DateTime64(3)}
    AND (isNull({cohortId:Nullable(UUID)}) OR has(cohort_ids, assumeNotNull({cohortId:Nullable(UUID)})))
)
GROUP BY bucket`,
    {
      tenantId: query.tenantId,
      column: definition.column,
      cohortId: query.cohortId ?? null,
      from: dateTimeParam(query.from),
      to: dateTimeParam(query.to),
      min,
      span: max - min,
      buckets,
    },
  );
  const sessionsIn = new Map(rows.map((row) => [row.bucket, count(row.sessions)]));
  return Array.from({ length: buckets }, (_, bucket) => ({
    from: bound(bucket),
    to: bound(bucket + 1),
    sessions: sessionsIn.get(bucket) ?? 0,
  }));
}
