import { percentile } from '@poise/testing';
import type { FrameAnalyzer } from '../../src/face/frame-analyzer';

export interface StreamRun {
  readonly streams: number;
  readonly frames: number;
  readonly seconds: number;
  readonly framesPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

/**
 * `streams` cameras, each sending its next frame as soon as the previous answer arrives (back to
 * back, as a stream's in-order window of one would), for `seconds`; counts the frames answered.
 */
export async function runStreams(
  analyzer: FrameAnalyzer,
  frames: readonly Uint8Array[],
  streams: number,
  seconds: number,
): Promise<StreamRun> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: streams }, async (_, stream) => {
      for (let index = stream; performance.now() < deadline; index++) {
        const sent = performance.now();
        await analyzer.analyze(frames[index % frames.length]!, { expressionEnabled: true });
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    streams,
    frames: latencies.length,
    seconds: elapsed,
    framesPerSecond: latencies.length / elapsed,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
  };
}
