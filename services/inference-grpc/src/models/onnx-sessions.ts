import { availableParallelism } from 'node:os';
import { InferenceSession } from 'onnxruntime-node';
import type { CatalogEntry } from './model-catalog';

export interface OnnxThreadOptions {
  /** Threads one inference may use. Default 1: throughput comes from concurrent streams, not from one frame. */
  readonly intraOpThreads?: number;
  /** Threads across independent graph branches; our graphs are sequential, so 1. */
  readonly interOpThreads?: number;
}

/**
 * One session per model, created once and shared: onnxruntime-node runs `session.run` off the event loop
 * and a session may serve concurrent runs. Sized for the machine unless told otherwise.
 */
export async function createOnnxSession(
  entry: CatalogEntry,
  threads: OnnxThreadOptions = {},
): Promise<InferenceSession> {
  const intraOpNumThreads = threads.intraOpThreads ?? 1;
  const interOpNumThreads = threads.interOpThreads ?? 1;
  if (intraOpNumThreads < 1 || intraOpNumThreads > availableParallelism() * 4) {
    throw new RangeError(
      `intraOpThreads must be between 1 and ${availableParallelism() * 4}, got ${intraOpNumThreads}`,
    );
  }
  return InferenceSession.create(entry.path, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads,
    interOpNumThreads,
    executionMode: 'sequential',
  });
}
