/** First-vs-latest rows with which way each change went, read the way each signal reads. */
import {
  type CandidateImprovement,
  PACE_BAND_WPM,
  type SessionSignal,
  type SignalChange,
  signalDefinitions,
} from '@poise/read-models';

export type ChangeDirection = 'better' | 'worse' | 'same';

function distanceFromBand(wpm: number): number {
  return Math.max(PACE_BAND_WPM.min - wpm, wpm - PACE_BAND_WPM.max, 0);
}

/** Higher is better, except fillers (lower) and pace (closer to the 100–165 WPM band). */
export function changeDirection(signal: SessionSignal, first: number, latest: number): ChangeDirection {
  const better = signalDefinitions[signal].better;
  const gain =
    better === 'higher'
      ? latest - first
      : better === 'lower'
        ? first - latest
        : distanceFromBand(first) - distanceFromBand(latest);
  return gain > 0 ? 'better' : gain < 0 ? 'worse' : 'same';
}

export interface ImprovementRow extends Omit<CandidateImprovement, 'signals'> {
  signals: Partial<Record<SessionSignal, SignalChange & { direction: ChangeDirection }>>;
}

export function withDirections(rows: readonly CandidateImprovement[]): ImprovementRow[] {
  return rows.map((row) => ({
    ...row,
    signals: Object.fromEntries(
      Object.entries(row.signals).map(([signal, change]) => [
        signal,
        { ...change, direction: changeDirection(signal as SessionSignal, change.first, change.latest) },
      ]),
    ),
  }));
}
