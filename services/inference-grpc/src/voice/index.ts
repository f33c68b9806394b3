export { type AudioChunkContext, audioAnalyzedData } from './audio-analyzed';
export {
  type AudioAnalysisResult,
  type AudioAnalyzer,
  type AudioAnalyzerOptions,
  type AudioTimings,
  createAudioAnalyzer,
  type SpeechWindow,
} from './audio-analyzer';
export { type InvalidAudioCode, InvalidAudioError } from './errors';
export type { LoudnessSummary } from './loudness';
export { MAX_CHUNK_SECONDS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, pcm16FromBytes } from './pcm';
export { MONOTONE_MAX_STD_SEMITONES, type PitchSummary } from './pitch';
export { VAD_WINDOW_MS } from './silero-vad';
export {
  PAUSE_MIN_MS,
  type PauseSummary,
  SPEECH_OFFSET,
  SPEECH_ONSET,
  type TimeSpan,
} from './speech-segments';
