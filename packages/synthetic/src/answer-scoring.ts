import { PACE_BAND_WPM } from '@poise/read-models';
import type { EventData } from '@poise/schemas';
import type { BankQuestion } from './question-bank';
import { clamp, round, type SeededRandom } from './seeded-random';
import { syntheticVoiceModels } from './synthetic-models';
import type { VoiceFeatures } from './voice-signals';

type Suggestion = EventData<'AnswerScored'>['suggestions'][number];

/** A clamped linear ramp: 1 at or beyond `best`, 0 at or beyond `worst` (the scoring service's shape). */
function ramp(value: number, best: number, worst: number): number {
  return clamp((value - worst) / (best - worst), 0, 1);
}

/** The inference service's vocal confidence index (src/answers/README.md), from the same features. */
export function vocalConfidenceOf(
  wordsPerMinute: number,
  fillersPerMinute: number,
  voice: VoiceFeatures,
): number {
  const pace =
    wordsPerMinute < PACE_BAND_WPM.min
      ? ramp(wordsPerMinute, PACE_BAND_WPM.min, 60)
      : ramp(wordsPerMinute, PACE_BAND_WPM.max, 225);
  const components: [number, number][] = [
    [pace, 0.25],
    [ramp(fillersPerMinute, 0, 10), 0.25],
    [ramp(voice.pauseRatio, 0.15, 0.45), 0.2],
    [ramp(voice.loudnessStdDb, 8, 16), 0.1],
    [ramp(voice.pitchStdSemitones, 3, 1), 0.2],
  ];
  const weighted = components.reduce((sum, [score, weight]) => sum + score * weight, 0);
  return round((10 * weighted) / components.reduce((sum, [, weight]) => sum + weight, 0), 2);
}

export interface ScoringConditions {
  readonly skill: number;
  readonly nervousness: number;
  readonly paceBias: number;
  readonly favouriteFiller: string;
  /** Key points this answer covers, decided by the session (so its coverage tracks skill closely). */
  readonly coveredKeyPoints: readonly string[];
  /** Share of the answer's frames with eye contact, for the eye-contact suggestion. */
  readonly eyeContactShare: number | null;
}

const fillerWords = ['um', 'uh', 'like', 'you know', 'so', 'basically'];

/**
 * Scores one answer the way the scoring service defines it (relevance = 0.7·coverage +
 * 0.3·similarity, pace over speaking time, fillers per speaking minute, vocal confidence from
 * the voice features, rule-based suggestions), from values drawn around the candidate's skill.
 */
export function answerScore(
  random: SeededRandom,
  bank: BankQuestion,
  answer: {
    sessionId: string;
    answerId: string;
    questionId: string;
    followUpId: string | null;
    /** The answer's analysed audio chunks. */
    chunkIds: readonly string[];
  },
  voice: VoiceFeatures,
  conditions: ScoringConditions,
): EventData<'AnswerScored'> {
  const { skill, nervousness } = conditions;
  const { question } = bank;
  const speakingMinutes = Math.max(voice.speechMs, 1_000) / 60_000;
  const targetPace = clamp(135 + conditions.paceBias * (1.15 - skill) + random.normal(0, 6), 60, 240);
  const wordCount = Math.max(1, Math.round(targetPace * speakingMinutes));
  const wordsPerMinute = round(wordCount / speakingMinutes, 1);
  const fillerRate = Math.max(0, 7.5 * (1 - skill) - 0.5 + 1.5 * nervousness + random.normal(0, 0.6));
  const fillerCount = Math.round(fillerRate * speakingMinutes);
  const fillersPerMinute = round(fillerCount / speakingMinutes, 2);
  const matched = question.keyPoints.filter((point) => conditions.coveredKeyPoints.includes(point.id));
  const missed = question.keyPoints.filter((point) => !conditions.coveredKeyPoints.includes(point.id));
  const coverage = question.keyPoints.length === 0 ? 1 : matched.length / question.keyPoints.length;
  const similarity = round(clamp(0.15 + 0.45 * skill + random.normal(0, 0.04), 0, 1), 3);
  const star = question.behavioural
    ? {
        situation: round(clamp(skill + 0.2 + random.normal(0, 0.12), 0, 1), 2),
        task: round(clamp(skill + 0.05 + random.normal(0, 0.12), 0, 1), 2),
        action: round(clamp(skill + 0.1 + random.normal(0, 0.12), 0, 1), 2),
        result: round(clamp(skill - 0.1 + random.normal(0, 0.12), 0, 1), 2),
      }
    : null;

  const suggestions: Suggestion[] = [];
  for (const point of missed) {
    suggestions.push({
      code: 'missed-key-point',
      message: `Cover this point: ${point.text.toLowerCase()}.`,
      feature: `keyPoint:${point.id}`,
      value: round(random.between(0, 0.5), 2),
    });
  }
  const shortLimit = question.behavioural ? 80 : 40;
  if (wordCount < shortLimit) {
    suggestions.push({
      code: 'too-short',
      message: 'Give a fuller answer.',
      feature: 'wordCount',
      value: wordCount,
    });
  }
  if (star !== null) {
    for (const [part, score] of Object.entries(star)) {
      if (score < 0.5) {
        suggestions.push({
          code: 'star-incomplete',
          message: `Say more about the ${part} (STAR).`,
          feature: `star:${part}`,
          value: score,
        });
      }
    }
  }
  if (wordsPerMinute < PACE_BAND_WPM.min || wordsPerMinute > PACE_BAND_WPM.max) {
    const slow = wordsPerMinute < PACE_BAND_WPM.min;
    suggestions.push({
      code: slow ? 'pace-slow' : 'pace-fast',
      message: slow ? 'Speak a little faster.' : 'Slow down a little.',
      feature: 'wordsPerMinute',
      value: wordsPerMinute,
    });
  }
  if (fillersPerMinute > 3) {
    suggestions.push({
      code: 'fillers',
      message: `Try a short pause instead of "${conditions.favouriteFiller}".`,
      feature: 'fillersPerMinute',
      value: fillersPerMinute,
    });
  }
  if (voice.longestPauseMs >= 3_000 || voice.pauseRatio > 0.3) {
    const long = voice.longestPauseMs >= 3_000;
    suggestions.push({
      code: 'long-pauses',
      message: 'Keep pauses short; it is fine to think aloud.',
      feature: long ? 'longestPauseMs' : 'pauseRatio',
      value: long ? voice.longestPauseMs : round(voice.pauseRatio, 3),
    });
  }
  if (voice.monotone) {
    suggestions.push({
      code: 'monotone',
      message: 'Vary your tone to stress the key words.',
      feature: 'pitchStdSemitones',
      value: round(voice.pitchStdSemitones, 2),
    });
  }
  if (voice.loudnessMeanDbfs < -40) {
    suggestions.push({
      code: 'too-quiet',
      message: 'Speak up a little.',
      feature: 'loudnessMeanDbfs',
      value: voice.loudnessMeanDbfs,
    });
  }
  if (conditions.eyeContactShare !== null && conditions.eyeContactShare < 0.5) {
    suggestions.push({
      code: 'eye-contact',
      message: 'Look at the camera more often.',
      feature: 'eyeContactShare',
      value: round(conditions.eyeContactShare, 2),
    });
  }

  const { chunkIds, ...identity } = answer;
  return {
    ...identity,
    scoreVersion: 1,
    supersedes: null,
    content: 'scored',
    audio: { analysedChunkIds: [...chunkIds], missingChunkIds: [] },
    wordCount,
    speakingTimeMs: voice.speechMs,
    relevance: round(0.7 * coverage + 0.3 * similarity, 3),
    coverage: {
      share: round(coverage, 3),
      matchedKeyPointIds: matched.map((point) => point.id),
      missedKeyPointIds: missed.map((point) => point.id),
    },
    similarity,
    star,
    wordsPerMinute,
    fillers: {
      count: fillerCount,
      perMinute: fillersPerMinute,
      top: fillerCount === 0 ? [] : fillerTop(random, conditions.favouriteFiller, fillerCount),
    },
    vocalConfidence: vocalConfidenceOf(wordsPerMinute, fillersPerMinute, voice),
    suggestions: suggestions.slice(0, 20),
    models: syntheticVoiceModels,
  };
}

/** The fillers used, most frequent first: mostly the candidate's favourite. */
function fillerTop(
  random: SeededRandom,
  favourite: string,
  count: number,
): { word: string; count: number }[] {
  const favouriteCount = Math.max(1, Math.round(count * random.between(0.5, 0.8)));
  const other = random.pick(fillerWords.filter((word) => word !== favourite));
  return [
    { word: favourite, count: favouriteCount },
    { word: other, count: count - favouriteCount },
  ]
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count);
}
