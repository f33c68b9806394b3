import type { AudioAnalyzedData, AudioChunkCapturedData } from '@poise/schemas';
import type { AnalyzeAudioResponse } from '@poise/schemas/inference';

/** AudioAnalyzed data from the server's analysis of a captured chunk (proto → event). */
export function audioAnalyzedData(
  response: AnalyzeAudioResponse,
  captured: AudioChunkCapturedData,
): AudioAnalyzedData {
  const span = ({ startMs, endMs }: { startMs: number; endMs: number }) => ({ startMs, endMs });
  const speakingMs = response.speechSegments.reduce(
    (total, segment) => total + segment.endMs - segment.startMs,
    0,
  );
  const { loudnessMeanDbfs, loudnessStdDb, pitchMeanHz, pitchStdHz } = response;
  return {
    sessionId: captured.sessionId,
    chunkId: captured.chunkId,
    answerId: captured.answerId,
    offsetMs: captured.offsetMs,
    durationMs: response.durationMs,
    speechSegments: response.speechSegments.map(span),
    pauses: response.pauses.map(span),
    speechShare: response.durationMs === 0 ? 0 : Math.min(1, speakingMs / response.durationMs),
    loudness:
      loudnessMeanDbfs === undefined || loudnessStdDb === undefined
        ? null
        : { meanDbfs: loudnessMeanDbfs, stdDb: loudnessStdDb },
    pitch:
      pitchMeanHz === undefined || pitchStdHz === undefined
        ? null
        : { meanHz: pitchMeanHz, stdHz: pitchStdHz },
    monotone: response.monotone,
    models: response.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
    timingsMs: { total: response.totalMs },
  };
}
