import type { ReadModels } from '../read-models';
import { PACE_BAND_WPM, type SessionSignal, sessionSignals, signalDefinitions } from '../signals';
import { count, instant, nullableNumber } from '../sql/convert';
import { queryRows } from '../sql/query-rows';

export interface ProgressPoint {
  sessionId: string;
  startedAt: Date;
  values: Record<SessionSignal, number | null>;
}

export interface SignalProgress {
  signal: SessionSignal;
  /** Reported sessions in which the signal was measured. */
  sessions: number;
  first: number;
  latest: number;
  /** latest − first, in the signal's unit (whether that is better depends on the signal). */
  change: number;
  /** The best value over all sessions (highest, lowest for fillers, nearest the pace band for pace). */
  best: number;
  bestSessionId: string;
}

export interface CandidateProgress {
  /** Every reported session, oldest first: the trend of each signal. */
  series: ProgressPoint[];
  /** One entry per signal measured at least once. */
  signals: SignalProgress[];
}

/** `('composure', composure_mean), …`: each signal with its session column, for ARRAY JOIN. */
const signalTuples = sessionSignals
  .map((signal) => `('${signal}', ${signalDefinitions[signal].column})`)
  .join(', ');

/**
 * How good a value is, larger is better: the value itself, its negation for signals where lower is
 * better, and minus the distance from the pace band for pace (0 anywhere inside it).
 */
const goodness = `multiIf(
  signal IN (${sessionSignals
    .filter((signal) => signalDefinitions[signal].better === 'lower')
    .map((signal) => `'${signal}'`)
    .join(', ')}), -value,
  signal IN (${sessionSignals
    .filter((signal) => signalDefinitions[signal].better === 'in-pace-band')
    .map((signal) => `'${signal}'`)
    .join(', ')}), -greatest({paceMin:Float64} - value, value - {paceMax:Float64}, 0),
  value)`;

interface SeriesRow {
  session_id: string;
  started_at: string;
  composure_mean: number | null;
  eye_contact_share: number | null;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  vocal_confidence: number | null;
  relevance: number | null;
}

interface SignalRow {
  signal: SessionSignal;
  sessions: string;
  first: number;
  latest: number;
  best: number;
  best_session_id: string;
}

/**
 * A candidate's progress over their reported sessions: the trend of every signal, first against
 * latest, and personal bests. Ties for a best go to the later session.
 */
export async function candidateProgress(
  readModels: ReadModels,
  query: { tenantId: string; candidateId: string },
): Promise<CandidateProgress> {
  const params = {
    tenantId: query.tenantId,
    candidateId: query.candidateId,
    paceMin: PACE_BAND_WPM.min,
    paceMax: PACE_BAND_WPM.max,
  };
  const reported = 'tenant_id = {tenantId:String} AND candidate_id = {candidateId:UUID} AND report_compiled';
  const series = await queryRows<SeriesRow>(
    readModels,
    `SELECT session_id, started_at, composure_mean, eye_contact_share, words_per_minute,
  fillers_per_minute, vocal_confidence, relevance
FROM {db:Identifier}.sessions FINAL
WHERE ${reported}
ORDER BY started_at, session_id`,
    params,
  );
  const signals = await queryRows<SignalRow>(
    readModels,
    `SELECT signal, count() AS sessions,
  argMin(value, (started_at, session_id)) AS first,
  argMax(value, (started_at, session_id)) AS latest,
  argMax(value, (${goodness}, started_at, session_id)) AS best,
  argMax(session_id, (${goodness}, started_at, session_id)) AS best_session_id
FROM (
  SELECT session_id, started_at, pair.1 AS signal, assumeNotNull(pair.2) AS value
  FROM {db:Identifier}.sessions FINAL
  ARRAY JOIN [${signalTuples}] AS pair
  WHERE ${reported} AND pair.2 IS NOT NULL
)
GROUP BY signal`,
    params,
  );
  const order = (signal: SessionSignal) => sessionSignals.indexOf(signal);
  return {
    series: series.map((row) => ({
      sessionId: row.session_id,
      startedAt: instant(row.started_at),
      values: {
        composure: nullableNumber(row.composure_mean),
        eyeContact: nullableNumber(row.eye_contact_share),
        wordsPerMinute: nullableNumber(row.words_per_minute),
        fillersPerMinute: nullableNumber(row.fillers_per_minute),
        vocalConfidence: nullableNumber(row.vocal_confidence),
        relevance: nullableNumber(row.relevance),
      },
    })),
    signals: signals
      .map((row) => ({
        signal: row.signal,
        sessions: count(row.sessions),
        first: row.first,
        latest: row.latest,
        change: row.latest - row.first,
        best: row.best,
        bestSessionId: row.best_session_id,
      }))
      .sort((a, b) => order(a.signal) - order(b.signal)),
  };
}
