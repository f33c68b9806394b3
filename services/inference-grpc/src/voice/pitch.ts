import { meanStd, median } from './stats';

/**
 * Fundamental frequency (F0) by YIN (de Cheveigné & Kawahara, 2002, JASA 111(4)), steps 1–5:
 * difference function, cumulative-mean-normalised difference d′, absolute threshold, parabolic
 * interpolation. Step 6 (best local estimate) is left out; the octave guard in `pitchSummary` catches
 * the errors it would fix.
 *
 * Searched range 60–400 Hz covers adult speaking voices (typical male ~85–155 Hz, female ~165–255 Hz,
 * with excursions). YIN runs at 8 kHz: F0 and its first harmonics lie far below 4 kHz, and halving the
 * rate quarters the cost of the difference function (integration window × lag range).
 */
export const PITCH_MIN_HZ = 60;
export const PITCH_MAX_HZ = 400;
export const PITCH_SAMPLE_RATE = 8_000;
/** 32 ms integration window: about two periods of the lowest F0 searched. */
export const YIN_WINDOW_SAMPLES = 256;
/** Largest lag searched, one period of PITCH_MIN_HZ: a frame needs window + this many samples. */
export const YIN_MAX_LAG = Math.ceil(PITCH_SAMPLE_RATE / PITCH_MIN_HZ);
const YIN_MIN_LAG = Math.floor(PITCH_SAMPLE_RATE / PITCH_MAX_HZ);
/**
 * A frame is voiced when d′ dips below 0.15 (its aperiodicity). The paper's value is 0.1; 0.15 keeps more
 * frames of breathy or band-limited (telephone, browser-compressed) voices and is aubio's default.
 */
export const YIN_THRESHOLD = 0.15;
/** Frames further than this from the median F0 are taken for octave or sub-harmonic errors and dropped. */
export const OCTAVE_GUARD_SEMITONES = 9;
/**
 * Monotone below 2 semitones of F0 standard deviation. Lively conversational and presentation speech
 * varies by several semitones; flat, list-reading delivery stays within about two. Hincks (2005, "Measures
 * and perceptions of liveliness in student oral presentation speech", System 33) measured liveliness as
 * the pitch variation quotient, F0 std / mean; 2 semitones is a quotient of about 0.12. Checked on
 * espeak-ng: statements read with its intonation range x-low / default / x-high give 0.3 / 1.2 / 1.9
 * semitones, questions and exclamations at x-high 3.3.
 */
export const MONOTONE_MAX_STD_SEMITONES = 2;
/** Fewer voiced frames (0.5 s at one frame per 32 ms) are too few to call a voice monotone. */
export const MIN_VOICED_FRAMES_FOR_MONOTONE = 16;

const FRAME_SAMPLES = YIN_WINDOW_SAMPLES + YIN_MAX_LAG;

/**
 * F0 in Hz of the frame starting at `start` in 8 kHz audio, or null when the frame is unvoiced
 * (no lag in range reaches the threshold) or runs past the end of the audio.
 */
export function yinPitchAt(
  samples: Float32Array,
  start: number,
  scratch = new Float64Array(YIN_MAX_LAG + 1),
): number | null {
  if (start < 0 || start + FRAME_SAMPLES > samples.length) return null;
  // Steps 1–2: d(τ) = Σ (x_j − x_{j+τ})², expanded as e(0) + e(τ) − 2·r(τ) with the window energies e
  // updated incrementally, so the inner loop is one multiply-add; then d′(τ) = d(τ) · τ / Σ_{k≤τ} d(k).
  const normalised = scratch;
  normalised[0] = 1;
  const end = start + YIN_WINDOW_SAMPLES;
  let energyAtZero = 0;
  for (let j = start; j < end; j++) energyAtZero += samples[j]! * samples[j]!;
  let energyAtLag = energyAtZero;
  let running = 0;
  for (let lag = 1; lag <= YIN_MAX_LAG; lag++) {
    const leaving = samples[start + lag - 1]!;
    const entering = samples[end + lag - 1]!;
    energyAtLag += entering * entering - leaving * leaving;
    // The window length is a multiple of 4: four accumulators let the multiply-adds overlap.
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    for (let j = start; j < end; j += 4) {
      c0 += samples[j]! * samples[j + lag]!;
      c1 += samples[j + 1]! * samples[j + 1 + lag]!;
      c2 += samples[j + 2]! * samples[j + 2 + lag]!;
      c3 += samples[j + 3]! * samples[j + 3 + lag]!;
    }
    const correlation = c0 + c1 + c2 + c3;
    const difference = Math.max(0, energyAtZero + energyAtLag - 2 * correlation);
    running += difference;
    normalised[lag] = running === 0 ? 1 : (difference * lag) / running;
  }
  // Step 3: the first lag under the threshold, then down to the bottom of that dip.
  let lag = YIN_MIN_LAG;
  while (lag <= YIN_MAX_LAG && normalised[lag]! >= YIN_THRESHOLD) lag++;
  if (lag > YIN_MAX_LAG) return null;
  while (lag < YIN_MAX_LAG && normalised[lag + 1]! < normalised[lag]!) lag++;
  // Step 4: parabolic interpolation through the dip for a sub-sample period.
  let period = lag;
  if (lag > 1 && lag < YIN_MAX_LAG) {
    const left = normalised[lag - 1]!;
    const centre = normalised[lag]!;
    const right = normalised[lag + 1]!;
    const curvature = left - 2 * centre + right;
    if (curvature > 0) period = lag + (left - right) / (2 * curvature);
  }
  const hz = PITCH_SAMPLE_RATE / period;
  return hz >= PITCH_MIN_HZ && hz <= PITCH_MAX_HZ ? hz : null;
}

export interface PitchSummary {
  readonly meanHz: number;
  readonly stdHz: number;
  readonly medianHz: number;
  /** Spread on the musical scale (12 per octave), independent of how high the voice is. */
  readonly stdSemitones: number;
  /** Frames that entered the statistics (voiced, within the octave guard). */
  readonly voicedFrames: number;
}

/** Statistics over the F0 of voiced frames; null with fewer than 3 of them. */
export function pitchSummary(frequencies: readonly number[]): PitchSummary | null {
  if (frequencies.length < 3) return null;
  const centre = median(frequencies);
  const kept = frequencies.filter((hz) => Math.abs(semitones(hz, centre)) <= OCTAVE_GUARD_SEMITONES);
  if (kept.length < 3) return null;
  const hz = meanStd(kept)!;
  const keptCentre = median(kept);
  const onScale = meanStd(kept.map((value) => semitones(value, keptCentre)))!;
  return {
    meanHz: hz.mean,
    stdHz: hz.std,
    medianHz: keptCentre,
    stdSemitones: onScale.std,
    voicedFrames: kept.length,
  };
}

/** Monotone when enough voiced speech varies by less than MONOTONE_MAX_STD_SEMITONES; unknown counts as not. */
export function isMonotone(pitch: PitchSummary | null): boolean {
  return (
    pitch !== null &&
    pitch.voicedFrames >= MIN_VOICED_FRAMES_FOR_MONOTONE &&
    pitch.stdSemitones < MONOTONE_MAX_STD_SEMITONES
  );
}

function semitones(hz: number, referenceHz: number): number {
  return 12 * Math.log2(hz / referenceHz);
}
