import { PACE_BAND_WPM } from './pace';

/**
 * Vocal confidence on the 0–10 scale: 10 × the weighted mean of five component scores, each in [0, 1]
 * and each a clamped linear ramp of one measured feature (formula also in README.md):
 *
 * | component | feature                                 | 1 (best) when       | 0 (worst) when        | weight |
 * | pace      | words per minute of speaking time       | 100 ≤ wpm ≤ 165     | ≤ 60 or ≥ 225         | 0.25   |
 * | fillers   | fillers per minute of speaking time     | 0                   | ≥ 10                  | 0.25   |
 * | pauses    | pause time / (speaking + pause time)    | ≤ 0.15              | ≥ 0.45                | 0.20   |
 * | loudness  | std of voiced-window loudness, dB       | ≤ 8 dB              | ≥ 16 dB               | 0.10   |
 * | pitch     | F0 standard deviation, semitones        | ≥ 3 st              | ≤ 1 st                | 0.20   |
 *
 * A component whose feature was not measured (no speaking time, no voiced frame, pause time unknown) is
 * left out and the weights of the others are rescaled to sum to 1, so a missing signal neither rewards
 * nor punishes. With no component measured the score is 0.
 *
 * The ramps: the pace band is Microsoft Speaker Coach's; a pause share around 15 % is ordinary fluent
 * speech and near half the time silent reads as hesitant; the pitch ramp is centred on the 2-semitone
 * monotone threshold of the voice analysis; loudness spread ramps were set from espeak-ng speech
 * (5.6–8.3 dB) and are provisional until calibrated on recorded candidates.
 */
export const VOCAL_CONFIDENCE_WEIGHTS = {
  pace: 0.25,
  fillers: 0.25,
  pauses: 0.2,
  loudness: 0.1,
  pitch: 0.2,
} as const;
export const PACE_ZERO_WPM = { slow: 60, fast: 225 } as const;
export const FILLERS_PER_MINUTE_ZERO = 10;
export const PAUSE_RATIO_RAMP = { best: 0.15, worst: 0.45 } as const;
export const LOUDNESS_STD_RAMP_DB = { best: 8, worst: 16 } as const;
export const PITCH_STD_RAMP_SEMITONES = { worst: 1, best: 3 } as const;

export type VocalComponent = keyof typeof VOCAL_CONFIDENCE_WEIGHTS;

export interface VocalFeatures {
  /** null when pace could not be measured. */
  readonly wordsPerMinute: number | null;
  readonly fillersPerMinute: number | null;
  /** Pause time over speaking plus pause time, 0..1; null when unknown. */
  readonly pauseRatio: number | null;
  readonly loudnessStdDb: number | null;
  readonly pitchStdSemitones: number | null;
}

export interface VocalConfidence {
  /** 0..10 */
  readonly score: number;
  /** Each component's 0..1 score; null when its feature was not measured. */
  readonly components: Readonly<Record<VocalComponent, number | null>>;
}

export function vocalConfidence(features: VocalFeatures): VocalConfidence {
  const components: Record<VocalComponent, number | null> = {
    pace: features.wordsPerMinute === null ? null : paceScore(features.wordsPerMinute),
    fillers:
      features.fillersPerMinute === null ? null : ramp(features.fillersPerMinute, 0, FILLERS_PER_MINUTE_ZERO),
    pauses:
      features.pauseRatio === null
        ? null
        : ramp(features.pauseRatio, PAUSE_RATIO_RAMP.best, PAUSE_RATIO_RAMP.worst),
    loudness:
      features.loudnessStdDb === null
        ? null
        : ramp(features.loudnessStdDb, LOUDNESS_STD_RAMP_DB.best, LOUDNESS_STD_RAMP_DB.worst),
    pitch:
      features.pitchStdSemitones === null
        ? null
        : ramp(features.pitchStdSemitones, PITCH_STD_RAMP_SEMITONES.best, PITCH_STD_RAMP_SEMITONES.worst),
  };
  let weighted = 0;
  let weights = 0;
  for (const name of Object.keys(VOCAL_CONFIDENCE_WEIGHTS) as VocalComponent[]) {
    const value = components[name];
    if (value === null) continue;
    weighted += VOCAL_CONFIDENCE_WEIGHTS[name] * value;
    weights += VOCAL_CONFIDENCE_WEIGHTS[name];
  }
  return { score: weights === 0 ? 0 : (10 * weighted) / weights, components };
}

/** 1 inside the Speaker Coach band, falling linearly to 0 at 60 WPM below it and 225 WPM above it. */
function paceScore(wordsPerMinute: number): number {
  if (wordsPerMinute < PACE_BAND_WPM.min) return ramp(wordsPerMinute, PACE_BAND_WPM.min, PACE_ZERO_WPM.slow);
  return ramp(wordsPerMinute, PACE_BAND_WPM.max, PACE_ZERO_WPM.fast);
}

/** 1 at `best`, 0 at `worst`, linear between and clamped outside (works for either direction). */
function ramp(value: number, best: number, worst: number): number {
  const position = (value - best) / (worst - best);
  return Math.min(1, Math.max(0, 1 - position));
}
