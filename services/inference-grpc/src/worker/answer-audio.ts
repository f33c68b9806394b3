import type { AnswerSpan } from '@poise/domain';
import type { AudioAnalyzedData } from '@poise/schemas';
import type { AnswerAudioFeatures } from '@poise/schemas/inference';

export interface AnswerAudio {
  /** Speech within the answer's span: the pace denominator. */
  readonly speakingTimeMs: number;
  /** Absent when no chunk of the answer was analysed. */
  readonly features: AnswerAudioFeatures | undefined;
  readonly models: readonly AudioAnalyzedData['models'][number][];
}

interface Weighted {
  readonly weight: number;
  readonly mean: number;
  readonly std: number;
}

/** Mean and standard deviation of the union of groups, each given by its size, mean and std. */
function pooled(groups: readonly Weighted[]): { mean: number; std: number } | undefined {
  const total = groups.reduce((sum, group) => sum + group.weight, 0);
  if (total === 0) return undefined;
  const mean = groups.reduce((sum, group) => sum + group.weight * group.mean, 0) / total;
  const second =
    groups.reduce((sum, group) => sum + group.weight * (group.std ** 2 + group.mean ** 2), 0) / total;
  return { mean, std: Math.sqrt(Math.max(0, second - mean ** 2)) };
}

function clippedLength(
  chunkOffsetMs: number,
  span: { startMs: number; endMs: number },
  answer: AnswerSpan,
): number {
  const start = Math.max(answer.startMs, chunkOffsetMs + span.startMs);
  const end = Math.min(answer.endMs, chunkOffsetMs + span.endMs);
  return Math.max(0, end - start);
}

/**
 * One answer's voice features from the AudioAnalyzed events of its chunks. Speech and pauses count
 * only where they fall inside the answer. Loudness and pitch are pooled over chunks weighted by
 * their speech time (mean and spread of all speech windows together, not a mean of means). Monotone
 * holds when most of the pitched speech time came from chunks the analyzer found monotone. A pause
 * that straddles two chunks counts as two shorter ones: each chunk is analysed on its own.
 */
export function answerAudio(chunks: readonly AudioAnalyzedData[], answer: AnswerSpan): AnswerAudio {
  const inAnswer = chunks.map((chunk) => ({
    chunk,
    speechMs: chunk.speechSegments.reduce(
      (sum, segment) => sum + clippedLength(chunk.offsetMs, segment, answer),
      0,
    ),
    pauses: chunk.pauses
      .map((pause) => clippedLength(chunk.offsetMs, pause, answer))
      .filter((length) => length > 0),
  }));
  const speakingTimeMs = inAnswer.reduce((sum, item) => sum + item.speechMs, 0);
  const models = [
    ...new Map(chunks.flatMap((chunk) => chunk.models).map((model) => [model.sha256, model])).values(),
  ];
  if (inAnswer.length === 0) return { speakingTimeMs, features: undefined, models };

  const loudness = pooled(
    inAnswer.flatMap(({ chunk, speechMs }) =>
      chunk.loudness === null
        ? []
        : [{ weight: speechMs, mean: chunk.loudness.meanDbfs, std: chunk.loudness.stdDb }],
    ),
  );
  const pitched = inAnswer.filter(({ chunk, speechMs }) => chunk.pitch !== null && speechMs > 0);
  const pitch = pooled(
    pitched.map(({ chunk, speechMs }) => ({
      weight: speechMs,
      mean: chunk.pitch!.meanHz,
      std: chunk.pitch!.stdHz,
    })),
  );
  const monotoneMs = pitched.reduce((sum, { chunk, speechMs }) => sum + (chunk.monotone ? speechMs : 0), 0);
  const pitchedMs = pitched.reduce((sum, { speechMs }) => sum + speechMs, 0);
  const pauses = inAnswer.flatMap((item) => item.pauses);
  return {
    speakingTimeMs,
    models,
    features: {
      loudnessMeanDbfs: loudness?.mean,
      loudnessStdDb: loudness?.std,
      pitchMeanHz: pitch?.mean,
      pitchStdHz: pitch?.std,
      monotone: pitchedMs > 0 && monotoneMs * 2 > pitchedMs,
      pauseCount: pauses.length,
      longestPauseMs: Math.max(0, ...pauses),
      totalPauseMs: pauses.reduce((sum, length) => sum + length, 0),
    },
  };
}
