import { meanStd } from './stats';

/**
 * Loudness as RMS level in dBFS: 20·log10(rms) with full scale (|x| = 1) as the 0 dB reference, so a
 * full-scale square wave is 0 dBFS and a full-scale sine −3.01 dBFS. Digital silence is clamped to
 * −120 dBFS (below 16-bit's ~−96 dB noise floor) so that it stays a finite number.
 */
export const LOUDNESS_FLOOR_DBFS = -120;

/** RMS level of each consecutive window of `windowSamples` (the last one may be shorter). */
export function windowLevelsDbfs(samples: Float32Array, windowSamples: number): Float32Array {
  const windows = Math.ceil(samples.length / windowSamples);
  const levels = new Float32Array(windows);
  for (let index = 0; index < windows; index++) {
    const start = index * windowSamples;
    const end = Math.min(start + windowSamples, samples.length);
    let energy = 0;
    for (let i = start; i < end; i++) energy += samples[i]! * samples[i]!;
    levels[index] = rmsToDbfs(Math.sqrt(energy / (end - start)));
  }
  return levels;
}

export function rmsToDbfs(rms: number): number {
  return rms <= 0 ? LOUDNESS_FLOOR_DBFS : Math.max(LOUDNESS_FLOOR_DBFS, 20 * Math.log10(rms));
}

export interface LoudnessSummary {
  /** Mean of the windows' dBFS levels (a mean in dB, as level meters average perceived loudness). */
  readonly meanDbfs: number;
  /** Standard deviation of those levels in dB: how much the voice rises and falls. */
  readonly stdDb: number;
}

/** Level statistics over the windows the mask marks (speech); null when none is marked. */
export function loudnessOver(levels: Float32Array, mask: Uint8Array): LoudnessSummary | null {
  const selected: number[] = [];
  for (let index = 0; index < levels.length; index++) if (mask[index] === 1) selected.push(levels[index]!);
  const stats = meanStd(selected);
  return stats === null ? null : { meanDbfs: stats.mean, stdDb: stats.std };
}
