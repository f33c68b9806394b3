import { PACE_BAND_WPM, type SessionSignal, signalDefinitions } from '@poise/read-models';

export type Verdict = 'better' | 'worse' | 'same';

/** How far a pace lies outside the target band (0 inside it). */
function paceMiss(wordsPerMinute: number): number {
  return Math.max(PACE_BAND_WPM.min - wordsPerMinute, wordsPerMinute - PACE_BAND_WPM.max, 0);
}

/** Whether `value` is better than `reference` for this signal; null when either is missing. */
export function verdict(
  signal: SessionSignal,
  value: number | null,
  reference: number | null,
): Verdict | null {
  if (value === null || reference === null) return null;
  const better = signalDefinitions[signal].better;
  const gain =
    better === 'higher'
      ? value - reference
      : better === 'lower'
        ? reference - value
        : paceMiss(reference) - paceMiss(value);
  const scale = signalDefinitions[signal].range[1] - signalDefinitions[signal].range[0];
  // Differences under half a percent of the signal's range are noise, not a change.
  if (Math.abs(gain) < scale * 0.005) return 'same';
  return gain > 0 ? 'better' : 'worse';
}
