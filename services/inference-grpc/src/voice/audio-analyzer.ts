import { resample } from '@poise/audio';
import type { InferenceSession } from 'onnxruntime-node';
import type { ModelVersion } from '../models/model-catalog';
import { readModelCatalog } from '../models/model-catalog';
import { createOnnxSession } from '../models/onnx-sessions';
import { type LoudnessSummary, loudnessOver, windowLevelsDbfs } from './loudness';
import { assertAnalysableAudio, int16ToFloat32 } from './pcm';
import {
  isMonotone,
  PITCH_SAMPLE_RATE,
  type PitchSummary,
  pitchSummary,
  YIN_MAX_LAG,
  yinPitchAt,
} from './pitch';
import {
  assertSileroV4,
  speechProbabilities,
  VAD_SAMPLE_RATE,
  VAD_WINDOW_MS,
  VAD_WINDOW_SAMPLES,
} from './silero-vad';
import { type PauseSummary, speechTimeline, speechWindowMask, type TimeSpan } from './speech-segments';

const PITCH_RESAMPLE_ZERO_CROSSINGS = 8;

export interface SpeechWindow {
  readonly startMs: number;
  /** Silero's probability that the window holds speech, 0..1. */
  readonly speechProbability: number;
}

export interface AudioTimings {
  readonly resampleMs: number;
  readonly vadMs: number;
  readonly loudnessMs: number;
  readonly pitchMs: number;
  readonly totalMs: number;
}

/** Everything `AudioAnalyzed` and `AnalyzeAudioResponse` carry about one chunk. */
export interface AudioAnalysisResult {
  /** Length of the chunk as received, in whole milliseconds. */
  readonly durationMs: number;
  /** Rate the chunk arrived at; the analysis itself runs at 16 kHz. */
  readonly sampleRate: number;
  readonly windowMs: number;
  readonly windows: readonly SpeechWindow[];
  readonly speechSegments: readonly TimeSpan[];
  /** Total length of the speech segments: the pace denominator. */
  readonly speakingMs: number;
  /** speakingMs / durationMs. */
  readonly speechShare: number;
  readonly pauses: PauseSummary;
  /** Of the speech windows; null when the chunk holds no speech. */
  readonly loudness: LoudnessSummary | null;
  /** Of the voiced speech windows; null when none was found. */
  readonly pitch: PitchSummary | null;
  readonly monotone: boolean;
  readonly models: readonly ModelVersion[];
  readonly timingsMs: AudioTimings;
}

export interface AudioAnalyzer {
  /** Analyses one chunk of mono PCM16; throws InvalidAudioError for input it cannot read. */
  analyze(pcm: Int16Array, sampleRate: number): Promise<AudioAnalysisResult>;
  readonly models: readonly ModelVersion[];
  close(): Promise<void>;
}

export interface AudioAnalyzerOptions {
  /** Folder with manifest.json and silero_vad.onnx; the committed models folder by default. */
  readonly modelsDir?: string;
  /** onnxruntime threads per VAD run; 1 by default (a 512-sample window is too small to split). */
  readonly intraOpThreads?: number;
}

export async function createAudioAnalyzer(options: AudioAnalyzerOptions = {}): Promise<AudioAnalyzer> {
  const entry = readModelCatalog(options.modelsDir).get('silero_vad')!;
  const session = await createOnnxSession(entry, { intraOpThreads: options.intraOpThreads ?? 1 });
  try {
    assertSileroV4(session);
  } catch (error) {
    await session.release();
    throw error;
  }
  const models = [entry.version] as const;
  let closed: Promise<void> | null = null;
  return {
    models,
    analyze: async (pcm, sampleRate) => {
      if (closed !== null) throw new Error('audio analyzer is closed');
      return analyzeChunk(session, models, pcm, sampleRate);
    },
    // Releasing a session twice is an error in onnxruntime; a second close() just waits for the first.
    close: () => {
      closed ??= session.release();
      return closed;
    },
  };
}

async function analyzeChunk(
  session: InferenceSession,
  models: readonly ModelVersion[],
  pcm: Int16Array,
  sampleRate: number,
): Promise<AudioAnalysisResult> {
  assertAnalysableAudio(pcm.length, sampleRate);
  const started = performance.now();
  const durationMs = Math.round((pcm.length / sampleRate) * 1000);

  const samples = resample(int16ToFloat32(pcm), sampleRate, VAD_SAMPLE_RATE);
  const resampled = performance.now();

  const probabilities = await speechProbabilities(session, samples);
  const timeline = speechTimeline(probabilities, VAD_WINDOW_MS, durationMs);
  const mask = speechWindowMask(probabilities, timeline.segments, VAD_WINDOW_MS);
  const detected = performance.now();

  const frequencies = pitchPerWindow(samples, mask);
  const pitch = pitchSummary(Array.from(frequencies).filter((hz) => hz > 0));
  const pitched = performance.now();

  const loudness = loudnessOver(
    windowLevelsDbfs(samples, VAD_WINDOW_SAMPLES),
    loudnessMask(mask, frequencies),
  );
  const finished = performance.now();

  const windows: SpeechWindow[] = Array.from(probabilities, (speechProbability, index) => ({
    startMs: index * VAD_WINDOW_MS,
    speechProbability,
  }));
  return {
    durationMs,
    sampleRate,
    windowMs: VAD_WINDOW_MS,
    windows,
    speechSegments: timeline.segments,
    speakingMs: timeline.speakingMs,
    speechShare: durationMs === 0 ? 0 : Math.min(1, timeline.speakingMs / durationMs),
    pauses: timeline.pauses,
    loudness,
    pitch,
    monotone: isMonotone(pitch),
    models,
    timingsMs: {
      resampleMs: resampled - started,
      vadMs: detected - resampled,
      pitchMs: pitched - detected,
      loudnessMs: finished - pitched,
      totalMs: finished - started,
    },
  };
}

/**
 * F0 of each speech window (0 where unvoiced or not speech): one YIN frame at the start of each speech
 * window (32 ms hop) on an 8 kHz copy. The copy uses a short (8 zero-crossing) filter: YIN reads F0 and its
 * low harmonics, far from where the wider transition band lies (3.6–4 kHz).
 */
function pitchPerWindow(samples16k: Float32Array, mask: Uint8Array): Float32Array {
  const frequencies = new Float32Array(mask.length);
  if (!mask.includes(1)) return frequencies;
  const samples = resample(samples16k, VAD_SAMPLE_RATE, PITCH_SAMPLE_RATE, PITCH_RESAMPLE_ZERO_CROSSINGS);
  const step = (VAD_WINDOW_SAMPLES * PITCH_SAMPLE_RATE) / VAD_SAMPLE_RATE;
  const scratch = new Float64Array(YIN_MAX_LAG + 1);
  for (let index = 0; index < mask.length; index++) {
    if (mask[index] === 1) frequencies[index] = yinPitchAt(samples, index * step, scratch) ?? 0;
  }
  return frequencies;
}

/**
 * Loudness is read on voiced speech windows: vowels carry the loudness a listener hears, and the
 * consonant and transition windows around them would swamp the spread with articulation (measured on
 * espeak-ng speech: ~18 dB std over all speech windows against a few dB over voiced ones). Whispered
 * speech has no voiced window; then all speech windows count.
 */
function loudnessMask(speech: Uint8Array, frequencies: Float32Array): Uint8Array {
  const voiced = speech.map((flag, index) => (flag === 1 && frequencies[index]! > 0 ? 1 : 0));
  return voiced.includes(1) ? voiced : speech;
}
