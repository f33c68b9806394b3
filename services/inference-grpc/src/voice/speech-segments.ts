/**
 * Turns per-window speech probabilities into speech segments and pauses with hysteresis, the rule of
 * upstream Silero's `get_speech_timestamps`:
 * - speech starts at the first window with p ≥ SPEECH_ONSET (0.5, upstream's default threshold);
 * - it ends at the first window with p < SPEECH_OFFSET (0.35, upstream's threshold − 0.15) once the
 *   probability has stayed below the onset for PAUSE_MIN_MS; a dip that recovers sooner stays inside the
 *   segment (gaps between words and stop closures are part of speaking, not pauses);
 * - segments shorter than MIN_SPEECH_MS (250 ms, upstream's default) are dropped as clicks or coughs.
 * Segments are therefore always at least PAUSE_MIN_MS apart, and every gap between two of them is a
 * pause. Silence before the first or after the last segment of a chunk is not a pause: it is not
 * between speech (the answer-level aggregate joins chunks).
 */

export const SPEECH_ONSET = 0.5;
export const SPEECH_OFFSET = 0.35;
export const MIN_SPEECH_MS = 250;
/**
 * A pause is a silence of at least 300 ms between speech. Goldman-Eisler (1968) counted pauses from 250 ms;
 * we round up to 300 ms so that stop closures and short breaths between words are never counted.
 */
export const PAUSE_MIN_MS = 300;

/** A span of a chunk, in whole milliseconds from its first sample. */
export interface TimeSpan {
  readonly startMs: number;
  readonly endMs: number;
}

export interface PauseSummary {
  readonly spans: readonly TimeSpan[];
  readonly count: number;
  readonly longestMs: number;
  readonly totalMs: number;
}

export interface SpeechTimeline {
  readonly segments: readonly TimeSpan[];
  /** Sum of the segments' lengths: the denominator of words per minute. */
  readonly speakingMs: number;
  readonly pauses: PauseSummary;
}

export function speechTimeline(
  probabilities: Float32Array,
  windowMs: number,
  durationMs: number,
): SpeechTimeline {
  const silenceWindows = Math.ceil(PAUSE_MIN_MS / windowMs);
  const windowSpans: Array<[number, number]> = [];
  let start = -1;
  let tentativeEnd = -1;
  for (let index = 0; index < probabilities.length; index++) {
    const p = probabilities[index]!;
    if (start < 0) {
      if (p >= SPEECH_ONSET) {
        start = index;
        tentativeEnd = -1;
      }
      continue;
    }
    if (p >= SPEECH_ONSET) {
      tentativeEnd = -1;
    } else if (p < SPEECH_OFFSET) {
      if (tentativeEnd < 0) tentativeEnd = index;
      if (index + 1 - tentativeEnd >= silenceWindows) {
        windowSpans.push([start, tentativeEnd]);
        start = -1;
      }
    }
  }
  if (start >= 0) windowSpans.push([start, tentativeEnd >= 0 ? tentativeEnd : probabilities.length]);

  const segments: TimeSpan[] = [];
  for (const [first, end] of windowSpans) {
    const span = {
      startMs: Math.round(first * windowMs),
      endMs: Math.min(Math.round(end * windowMs), durationMs),
    };
    if (span.endMs - span.startMs >= MIN_SPEECH_MS) segments.push(span);
  }
  const speakingMs = segments.reduce((total, span) => total + span.endMs - span.startMs, 0);
  return { segments, speakingMs, pauses: pausesBetween(segments) };
}

/** Gaps of at least PAUSE_MIN_MS between consecutive speech segments. */
export function pausesBetween(segments: readonly TimeSpan[]): PauseSummary {
  const spans: TimeSpan[] = [];
  for (let index = 1; index < segments.length; index++) {
    const gap = { startMs: segments[index - 1]!.endMs, endMs: segments[index]!.startMs };
    if (gap.endMs - gap.startMs >= PAUSE_MIN_MS) spans.push(gap);
  }
  const lengths = spans.map((span) => span.endMs - span.startMs);
  return {
    spans,
    count: spans.length,
    longestMs: lengths.length === 0 ? 0 : Math.max(...lengths),
    totalMs: lengths.reduce((total, length) => total + length, 0),
  };
}

/**
 * Windows that carry voice: inside a speech segment and not in one of its short dips (p ≥ SPEECH_OFFSET).
 * Loudness and pitch are measured on these only, so silence between words does not drag them down.
 */
export function speechWindowMask(
  probabilities: Float32Array,
  segments: readonly TimeSpan[],
  windowMs: number,
): Uint8Array {
  const mask = new Uint8Array(probabilities.length);
  for (const span of segments) {
    const first = Math.floor(span.startMs / windowMs);
    const end = Math.min(probabilities.length, Math.ceil(span.endMs / windowMs));
    for (let index = first; index < end; index++)
      mask[index] = probabilities[index]! >= SPEECH_OFFSET ? 1 : 0;
  }
  return mask;
}
