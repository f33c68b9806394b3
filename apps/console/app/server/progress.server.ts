/**
 * A candidate's progress for the progress page and the staff drill-down: each signal over their
 * reported sessions, first against latest, and personal bests (candidateProgress does the maths).
 * The caller has already checked `read:progress:own|any` for this candidate in this tenant.
 */
import { candidateProgress, type ReadModels, type SessionSignal } from '@poise/read-models';
import { type Verdict, verdict } from './report-comparison.server';

export interface ProgressSignalSummary {
  signal: SessionSignal;
  /** Reported sessions in which the signal was measured. */
  sessions: number;
  first: number;
  latest: number;
  /** Whether latest is better than first, read the way the signal reads (fillers: lower is better). */
  change: Verdict | null;
  best: number;
  bestSessionId: string;
  bestStartedAt: Date | null;
}

export interface ProgressData {
  /** Every reported session, oldest first: `label` for the chart axis, one value per signal. */
  series: ({ sessionId: string; startedAt: Date; label: string } & Record<SessionSignal, number | null>)[];
  signals: ProgressSignalSummary[];
}

/** '2025-03-08 10:00': the axis label of a session (UTC, minutes, so same-day sessions stay apart). */
function axisLabel(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

export async function loadProgress(
  readModels: ReadModels,
  tenantId: string,
  candidateId: string,
): Promise<ProgressData> {
  const progress = await candidateProgress(readModels, { tenantId, candidateId });
  const startedAt = new Map(progress.series.map((point) => [point.sessionId, point.startedAt]));
  return {
    series: progress.series.map((point) => ({
      sessionId: point.sessionId,
      startedAt: point.startedAt,
      label: axisLabel(point.startedAt),
      ...point.values,
    })),
    signals: progress.signals.map((summary) => ({
      signal: summary.signal,
      sessions: summary.sessions,
      first: summary.first,
      latest: summary.latest,
      change: summary.sessions < 2 ? null : verdict(summary.signal, summary.latest, summary.first),
      best: summary.best,
      bestSessionId: summary.bestSessionId,
      bestStartedAt: startedAt.get(summary.bestSessionId) ?? null,
    })),
  };
}
