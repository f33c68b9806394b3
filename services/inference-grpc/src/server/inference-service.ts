import type { InferenceServiceServer, ModelInfo } from '@poise/schemas/inference';
import type { scoreAnswer } from '../answers';
import type { FrameAnalyzer } from '../face';
import type { AudioAnalyzer } from '../voice';
import { analyzeFramesCall } from './analyze-frames-call';
import { answerScoreMessage } from './answer-message';
import { answerRefusal, answerScoringInput } from './answer-request';
import { audioAnalysisMessage } from './audio-message';
import { audioRefusal, audioWork } from './audio-request';
import type { CallContext } from './call-context';
import { frameAnalysisMessage } from './frame-message';
import { frameRefusal, frameWork } from './frame-request';
import { unaryCall } from './unary-call';

export interface InferenceAnalyzers {
  readonly frames: FrameAnalyzer;
  readonly audio: AudioAnalyzer;
  readonly scoreAnswer: typeof scoreAnswer;
}

export interface InferenceServiceOptions {
  readonly analyzers: InferenceAnalyzers;
  /** Frames of one AnalyzeFrames stream in flight at once. */
  readonly streamWindow: number;
  readonly models: readonly ModelInfo[];
}

/** The InferenceService handlers over the analyzers; every inference goes through the admission. */
export function createInferenceService(
  context: CallContext,
  options: InferenceServiceOptions,
): InferenceServiceServer {
  const { frames, audio, scoreAnswer } = options.analyzers;
  const models = options.models;
  return {
    analyzeFrame: unaryCall(context, 'AnalyzeFrame', async (request, signal) => {
      const work = frameWork(request.frame, 'frame');
      const result = await context.admission.run(
        () =>
          frames
            .analyze(work.jpeg, { expressionEnabled: work.expressionEnabled })
            .catch((error: unknown) => Promise.reject(frameRefusal(error, 'frame'))),
        signal,
      );
      return { analysis: frameAnalysisMessage(work.frameId, result) };
    }),
    analyzeFrames: analyzeFramesCall(context, frames, options.streamWindow),
    analyzeAudio: unaryCall(context, 'AnalyzeAudio', async (request, signal) => {
      const work = audioWork(request);
      const result = await context.admission.run(
        () =>
          audio
            .analyze(work.pcm, work.sampleRate)
            .catch((error: unknown) => Promise.reject(audioRefusal(error))),
        signal,
      );
      return audioAnalysisMessage(work.chunkId, result);
    }),
    scoreAnswer: unaryCall(context, 'ScoreAnswer', async (request, signal) => {
      const input = answerScoringInput(request);
      // Pure and fast, but CPU on this thread all the same: it counts against the same limits.
      const score = await context.admission.run(async () => {
        try {
          return scoreAnswer(input);
        } catch (error) {
          throw answerRefusal(error);
        }
      }, signal);
      return answerScoreMessage(score, request.audio === undefined ? [] : audio.models);
    }),
    getModelInfo: unaryCall(context, 'GetModelInfo', async () => ({ models: [...models] })),
  };
}
