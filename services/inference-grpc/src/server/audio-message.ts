import type { AnalyzeAudioResponse } from '@poise/schemas/inference';
import type { AudioAnalysisResult } from '../voice';

/** The proto AnalyzeAudioResponse of an analyzer result; loudness and pitch stay absent without speech. */
export function audioAnalysisMessage(chunkId: string, result: AudioAnalysisResult): AnalyzeAudioResponse {
  const span = ({ startMs, endMs }: { startMs: number; endMs: number }) => ({ startMs, endMs });
  return {
    chunkId,
    durationMs: result.durationMs,
    windowMs: result.windowMs,
    windows: result.windows.map(({ startMs, speechProbability }) => ({ startMs, speechProbability })),
    speechSegments: result.speechSegments.map(span),
    pauses: result.pauses.spans.map(span),
    loudnessMeanDbfs: result.loudness?.meanDbfs,
    loudnessStdDb: result.loudness?.stdDb,
    pitchMeanHz: result.pitch?.meanHz,
    pitchStdHz: result.pitch?.stdHz,
    monotone: result.monotone,
    models: result.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
    totalMs: result.timingsMs.totalMs,
  };
}
