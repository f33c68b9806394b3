/**
 * @poise/inference-grpc: the models behind gRPC (server), the log worker that feeds them capture
 * events (worker), and the analyzers themselves for callers that compose the server (`poise up`,
 * the entry point, benchmarks).
 */
export { type AnswerScore, type AnswerScoringInput, InvalidAnswerError, scoreAnswer } from './answers';
export {
  createFrameAnalyzer,
  type FrameAnalysisResult,
  type FrameAnalyzer,
  type FrameAnalyzerOptions,
  InvalidFrameError,
  StressWindow,
} from './face';
export { defaultModelsDir, type ModelVersion, readModelCatalog } from './models/model-catalog';
export * from './pool';
export * from './scoring';
export * from './server';
export {
  type AudioAnalysisResult,
  type AudioAnalyzer,
  type AudioAnalyzerOptions,
  createAudioAnalyzer,
  InvalidAudioError,
} from './voice';
export * from './worker';
