import type { AudioAnalyzedData } from '@poise/schemas';
import type { AudioAnalysisResult } from './audio-analyzer';

/** What the worker knows about a chunk that the analysis itself does not. */
export interface AudioChunkContext {
  readonly sessionId: string;
  readonly chunkId: string;
  readonly answerId: string | null;
  /** Offset of the chunk's first sample in the session. */
  readonly offsetMs: number;
}

/** The `AudioAnalyzed` event data for one analysed chunk. */
export function audioAnalyzedData(
  result: AudioAnalysisResult,
  context: AudioChunkContext,
): AudioAnalyzedData {
  return {
    sessionId: context.sessionId,
    chunkId: context.chunkId,
    answerId: context.answerId,
    offsetMs: context.offsetMs,
    durationMs: result.durationMs,
    speechSegments: result.speechSegments.map(({ startMs, endMs }) => ({ startMs, endMs })),
    pauses: result.pauses.spans.map(({ startMs, endMs }) => ({ startMs, endMs })),
    speechShare: result.speechShare,
    loudness:
      result.loudness === null ? null : { meanDbfs: result.loudness.meanDbfs, stdDb: result.loudness.stdDb },
    pitch: result.pitch === null ? null : { meanHz: result.pitch.meanHz, stdHz: result.pitch.stdHz },
    monotone: result.monotone,
    models: result.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
    timingsMs: { total: result.timingsMs.totalMs },
  };
}
