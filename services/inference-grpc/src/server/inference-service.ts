import { status } from '@grpc/grpc-js';
import type { InferenceServiceServer, ModelInfo } from '@poise/schemas/inference';
import type { FrameAnalyzer } from '../face';
import { type AnswerScorer, ScoringTimeBudgetError } from '../scoring/scoring-pool';
import type { AudioAnalyzer } from '../voice';
import type { Admission } from './admission';
import { analyzeFramesCall } from './analyze-frames-call';
import { answerScoreMessage } from './answer-message';
import { answerRefusal, answerScoringInput } from './answer-request';
import { audioAnalysisMessage } from './audio-message';
import { audioRefusal, audioWork } from './audio-request';
import type { CallContext } from './call-context';
import { frameAnalysisMessage } from './frame-message';
import { frameRefusal, frameWork } from './frame-request';
import { RequestError } from './request-error';
import { unaryCall } from './unary-call';

export interface InferenceAnalyzers {
  readonly frames: FrameAnalyzer;
  readonly audio: AudioAnalyzer;
  /** Scores answers off the event loop, within a time budget (createScoringPool). */
  readonly answers: AnswerScorer;
}

export interface InferenceServiceOptions {
  readonly analyzers: InferenceAnalyzers;
  /** Frames of one AnalyzeFrames stream in flight at once. */
  readonly streamWindow: number;
  readonly models: readonly ModelInfo[];
  /** Bounds the answers being scored and waiting, apart from the models' admission. */
  readonly scoringAdmission: Admission;
}

/** The InferenceService handlers over the analyzers; every inference goes through the admission. */
export function createInferenceService(
  context: CallContext,
  options: InferenceServiceOptions,
): InferenceServiceServer {
  const { frames, audio, answers } = options.analyzers;
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
      // The size budget first, on this thread (cheap); the scoring itself on a scoring thread, within
      // its time budget, so a slow answer never holds this event loop.
      const input = answerScoringInput(request);
      const score = await options.scoringAdmission.run(
        () => answers.score(input, signal).catch((error: unknown) => Promise.reject(scoringRefusal(error))),
        signal,
      );
      return answerScoreMessage(score, request.audio === undefined ? [] : audio.models);
    }),
    getModelInfo: unaryCall(context, 'GetModelInfo', async () => ({ models: [...models] })),
  };
}

function scoringRefusal(error: unknown): unknown {
  if (error instanceof ScoringTimeBudgetError) {
    return new RequestError(
      status.RESOURCE_EXHAUSTED,
      `${error.message}; a real answer scores in well under a second, so the server is overloaded or the transcript is pathological`,
    );
  }
  return answerRefusal(error);
}
