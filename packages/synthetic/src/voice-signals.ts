import type { EventData } from '@poise/schemas';
import { clamp, round, type SeededRandom } from './seeded-random';
import { syntheticVoiceModels } from './synthetic-models';

/** The features of one answer's audio that scoring reads too. */
export interface VoiceFeatures {
  readonly speechMs: number;
  readonly pauseRatio: number;
  readonly longestPauseMs: number;
  readonly loudnessMeanDbfs: number;
  readonly loudnessStdDb: number;
  readonly pitchStdSemitones: number;
  readonly monotone: boolean;
}

/**
 * One audio chunk covering an answer: speech in runs of about nine seconds, the pauses between
 * them longer for weaker candidates (now and then a long one), louder and more varied voices for
 * stronger ones. Returns the AudioAnalyzed data and the features scoring uses.
 */
export function audioAnalysis(
  random: SeededRandom,
  chunk: { sessionId: string; chunkId: string; answerId: string; offsetMs: number; durationMs: number },
  voice: { skill: number; pitchHz: number },
): { data: EventData<'AudioAnalyzed'>; features: VoiceFeatures } {
  const { skill } = voice;
  const durationMs = chunk.durationMs;
  const segments = Math.max(1, Math.round(durationMs / 9_000));
  const leadInMs = Math.round(random.between(300, 900));
  const pauseShare = clamp(0.1 + 0.22 * (1 - skill) + random.normal(0, 0.03), 0.04, 0.45);
  const pauseBudget = Math.max(0, Math.round(pauseShare * durationMs) - leadInMs);
  const gaps = Array.from({ length: segments - 1 }, () => random.between(0.5, 1.5));
  const gapTotal = gaps.reduce((sum, gap) => sum + gap, 0) || 1;
  const pauseLengths = gaps.map((gap) => Math.round((gap / gapTotal) * pauseBudget));
  if (pauseLengths.length > 0 && random.chance(0.3 * (1 - skill))) {
    pauseLengths[random.int(0, pauseLengths.length - 1)]! += Math.round(random.between(2_500, 4_500));
  }
  const speechTotal = Math.max(
    segments * 500,
    durationMs - leadInMs - pauseLengths.reduce((sum, pause) => sum + pause, 0),
  );
  const speechSegments: { startMs: number; endMs: number }[] = [];
  const pauses: { startMs: number; endMs: number }[] = [{ startMs: 0, endMs: leadInMs }];
  let at = leadInMs;
  for (let index = 0; index < segments; index++) {
    const length = Math.floor(speechTotal / segments);
    const end = Math.min(durationMs, at + length);
    speechSegments.push({ startMs: at, endMs: end });
    at = end;
    const pause = pauseLengths[index];
    if (pause !== undefined && pause > 0) {
      const pauseEnd = Math.min(durationMs, at + pause);
      pauses.push({ startMs: at, endMs: pauseEnd });
      at = pauseEnd;
    }
  }
  const speechMs = speechSegments.reduce((sum, span) => sum + span.endMs - span.startMs, 0);
  const pauseMs = pauses.reduce((sum, span) => sum + span.endMs - span.startMs, 0);
  const loudnessMeanDbfs = round(clamp(random.normal(-27 + 6 * skill, 2), -60, -6), 1);
  const loudnessStdDb = round(clamp(random.normal(6 + 6 * (1 - skill), 1), 2, 20), 1);
  const pitchStdSemitones = clamp(random.normal(1.4 + 2.6 * skill, 0.4), 0.5, 6);
  const pitchStdHz = round(voice.pitchHz * (2 ** (pitchStdSemitones / 12) - 1), 1);
  const monotone = pitchStdSemitones < 2;
  return {
    data: {
      sessionId: chunk.sessionId,
      chunkId: chunk.chunkId,
      answerId: chunk.answerId,
      offsetMs: chunk.offsetMs,
      durationMs,
      speechSegments,
      pauses,
      speechShare: round(speechMs / durationMs, 4),
      loudness: { meanDbfs: loudnessMeanDbfs, stdDb: loudnessStdDb },
      pitch: { meanHz: round(voice.pitchHz, 1), stdHz: pitchStdHz },
      monotone,
      models: syntheticVoiceModels,
      timingsMs: { total: round(durationMs / 400, 1) },
    },
    features: {
      speechMs,
      pauseRatio: pauseMs / Math.max(1, speechMs + pauseMs),
      longestPauseMs: pauses.reduce((longest, span) => Math.max(longest, span.endMs - span.startMs), 0),
      loudnessMeanDbfs,
      loudnessStdDb,
      pitchStdSemitones,
      monotone,
    },
  };
}
