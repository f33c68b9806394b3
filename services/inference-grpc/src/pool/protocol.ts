import type { FrameAnalysisResult } from '../face/types';
import type { ModelVersion } from '../models/model-catalog';
import type { AudioAnalysisResult } from '../voice/audio-analyzer';
import type { SerializedError } from './errors';

/** What each worker thread is started with (`workerData`). */
export interface WorkerConfig {
  readonly modelsDir?: string;
  readonly intraOpThreads: number;
}

/** One analysis; the media buffer is transferred, owned by the worker from then on. */
export type WorkItem =
  | { readonly kind: 'frame'; readonly jpeg: Uint8Array; readonly expressionEnabled: boolean }
  | { readonly kind: 'audio'; readonly pcm: Int16Array; readonly sampleRate: number };

/** Main thread → worker. */
export type WorkerRequest =
  | (WorkItem & { readonly id: number })
  /** Release the onnxruntime sessions and exit once the requests already received have answered. */
  | { readonly kind: 'close' };

/** Worker → main thread. Results are plain objects (structured clone); errors are serialised by hand. */
export type WorkerReply =
  | {
      readonly kind: 'ready';
      readonly frameModels: readonly ModelVersion[];
      readonly audioModels: readonly ModelVersion[];
    }
  | { readonly kind: 'startup-failed'; readonly error: SerializedError }
  | {
      readonly kind: 'result';
      readonly id: number;
      readonly result: FrameAnalysisResult | AudioAnalysisResult;
    }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError };
