/**
 * Pace in words per minute of SPEAKING time (speech segments from the VAD), not of wall time: a
 * candidate who pauses to think is not a slow speaker, and pauses are measured on their own.
 *
 * Target band 100–165 WPM: Microsoft Speaker Coach flags a pace outside it (support.microsoft.com,
 * "Rehearse your slide show with Speaker Coach"); 140–160 WPM is the range most often quoted as ideal
 * for presentations and interviews (PRODUCT.md).
 */
export const PACE_BAND_WPM = { min: 100, max: 165 } as const;
export const IDEAL_PACE_WPM = { min: 140, max: 160 } as const;

export type PaceVerdict = 'slow' | 'in-band' | 'fast' | 'unmeasured';

export interface Pace {
  /** 0 when unmeasured (no speaking time or no words). */
  readonly wordsPerMinute: number;
  readonly verdict: PaceVerdict;
  readonly ideal: boolean;
}

export function measurePace(wordCount: number, speakingTimeMs: number): Pace {
  if (speakingTimeMs <= 0 || wordCount === 0)
    return { wordsPerMinute: 0, verdict: 'unmeasured', ideal: false };
  const wordsPerMinute = wordCount / (speakingTimeMs / 60_000);
  const verdict: PaceVerdict =
    wordsPerMinute < PACE_BAND_WPM.min ? 'slow' : wordsPerMinute > PACE_BAND_WPM.max ? 'fast' : 'in-band';
  return {
    wordsPerMinute,
    verdict,
    ideal: wordsPerMinute >= IDEAL_PACE_WPM.min && wordsPerMinute <= IDEAL_PACE_WPM.max,
  };
}

/** Events per minute of speaking time; 0 when no speaking time was measured. */
export function perMinute(count: number, speakingTimeMs: number): number {
  return speakingTimeMs <= 0 ? 0 : count / (speakingTimeMs / 60_000);
}
