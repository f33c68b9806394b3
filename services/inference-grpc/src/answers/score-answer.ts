import { checkLength, type LengthCheck } from './answer-length';
import { contentStems, contentStemsOf } from './content-terms';
import { type CoverageResult, type KeyPointInput, keyPointCoverage } from './coverage';
import { InvalidAnswerError } from './errors';
import { countFillers, type FillerCount } from './fillers';
import { measurePace, type Pace, perMinute } from './pace';
import { answerSimilarity, relevanceScore } from './relevance';
import { detectStar, type StarResult } from './star';
import { type Suggestion, suggest } from './suggestions';
import { tokenize } from './tokenize';
import { type VocalConfidence, vocalConfidence } from './vocal-confidence';

/** The question as scoring needs it; a schemas `Question` fits as it is. */
export interface AnswerQuestion {
  readonly text: string;
  /** The model answer the question set's author wrote. */
  readonly expectedAnswer: string;
  readonly keyPoints: readonly KeyPointInput[];
  readonly behavioural: boolean;
  /** Bounds the length check when present. */
  readonly timeLimitSeconds?: number;
  /** A `too-short` rule's `minWords` sets the length check's lower bound. */
  readonly followUpRules?: ReadonlyArray<{ readonly when: string; readonly minWords?: number }>;
}

/** Voice features of the whole answer, aggregated from the chunks' audio analyses. */
export interface AnswerAudioFeatures {
  readonly pauseCount: number;
  readonly longestPauseMs: number;
  /** Total pause time; without it the pause component of vocal confidence is left out. */
  readonly totalPauseMs?: number;
  readonly loudnessMeanDbfs: number | null;
  readonly loudnessStdDb: number | null;
  readonly pitchMeanHz: number | null;
  readonly pitchStdHz: number | null;
  /** Pitch spread in semitones; derived from the Hz figures when absent. */
  readonly pitchStdSemitones?: number | null;
  readonly monotone: boolean;
}

/** When each recognised word was spoken, in milliseconds from the start of the answer. */
export interface WordTiming {
  readonly startMs: number;
  readonly endMs: number;
}

export interface AnswerScoringInput {
  /** Final transcript of the answer. */
  readonly transcript: string;
  /**
   * Optional, one per transcript word (as `tokenize` splits it). Used to place fillers in time and, when the
   * VAD measured no speaking time, to measure it from the words. Ignored for placing when the counts differ.
   */
  readonly wordTimings?: readonly WordTiming[];
  /** Time spent speaking (VAD speech segments), in milliseconds: the denominator of every per-minute rate. */
  readonly speakingTimeMs: number;
  /** Absent when no audio was analysed (then only pace and fillers feed vocal confidence). */
  readonly audio?: AnswerAudioFeatures;
  readonly question: AnswerQuestion;
}

export interface FillerSummary {
  readonly count: number;
  /** Per minute of speaking time; 0 when it is unknown. */
  readonly perMinute: number;
  /** The 10 most frequent, most frequent first. */
  readonly top: readonly FillerCount[];
  readonly occurrences: ReadonlyArray<{
    readonly filler: string;
    readonly wordIndex: number;
    readonly startMs?: number;
  }>;
}

export interface AnswerScore {
  readonly wordCount: number;
  /** The speaking time the rates were computed over (VAD, or word timings when the VAD had none). */
  readonly speakingTimeMs: number;
  /** 0..1: 0.7 · coverage + 0.3 · similarity (relevance.ts). */
  readonly relevance: number;
  readonly coverage: CoverageResult;
  /** Ratcliff/Obershelp ratio of content stems against the expected answer, 0..1. */
  readonly similarity: number;
  /** null for questions that are not behavioural. */
  readonly star: StarResult | null;
  readonly pace: Pace;
  readonly wordsPerMinute: number;
  readonly fillers: FillerSummary;
  readonly length: LengthCheck;
  /** 0..10 (vocal-confidence.ts). */
  readonly vocalConfidence: number;
  readonly vocalConfidenceComponents: VocalConfidence['components'];
  /** Pause time over speaking plus pause time; null when the pause time is unknown. */
  readonly pauseRatio: number | null;
  readonly suggestions: readonly Suggestion[];
}

const PAUSE_BRIDGE_MS = 300;
const SEMITONES_PER_RELATIVE_HZ = 12 / Math.LN2;

/** Scores one answer against its question. Pure: same input, same score. */
export function scoreAnswer(input: AnswerScoringInput): AnswerScore {
  const tokens = tokenize(input.transcript);
  if (tokens.length === 0) {
    throw new InvalidAnswerError(
      'empty_transcript',
      'transcript is empty: an answer needs at least one word to score',
    );
  }
  if (!Number.isFinite(input.speakingTimeMs) || input.speakingTimeMs < 0) {
    throw new InvalidAnswerError(
      'invalid_speaking_time',
      `speakingTimeMs must be a non-negative number of milliseconds, got ${input.speakingTimeMs}`,
    );
  }
  const { question, audio } = input;
  const timings = input.wordTimings?.length === tokens.length ? input.wordTimings : undefined;
  const speakingTimeMs =
    input.speakingTimeMs > 0 ? input.speakingTimeMs : speakingTimeFromWords(input.wordTimings ?? []);

  const answerStems = contentStems(tokens);
  const coverage = keyPointCoverage(answerStems, question.keyPoints);
  const similarity = answerSimilarity(answerStems, contentStemsOf(question.expectedAnswer));
  const relevance = relevanceScore(coverage.share, similarity, question.keyPoints.length > 0);
  const star = question.behavioural ? detectStar(tokens, input.transcript) : null;
  const length = checkLength(tokens.length, question);

  const pace = measurePace(tokens.length, speakingTimeMs);
  const fillerReport = countFillers(tokens);
  const paceMeasured = pace.verdict !== 'unmeasured';
  const fillersPerMinute = perMinute(fillerReport.count, speakingTimeMs);
  const totalPauseMs = audio?.totalPauseMs;
  const pauseRatio =
    totalPauseMs === undefined || totalPauseMs + speakingTimeMs <= 0
      ? null
      : totalPauseMs / (totalPauseMs + speakingTimeMs);
  const pitchStdSemitones = audio === undefined ? null : semitoneSpread(audio);

  const confidence = vocalConfidence({
    wordsPerMinute: paceMeasured ? pace.wordsPerMinute : null,
    fillersPerMinute: paceMeasured ? fillersPerMinute : null,
    pauseRatio,
    loudnessStdDb: audio?.loudnessStdDb ?? null,
    pitchStdSemitones,
  });

  const suggestions = suggest({
    keyPoints: question.keyPoints,
    coverage,
    length,
    star,
    pace,
    fillersPerMinute: paceMeasured ? fillersPerMinute : null,
    topFillers: fillerReport.counts,
    longestPauseMs: audio?.longestPauseMs ?? null,
    pauseRatio,
    monotone: audio?.monotone ?? false,
    pitchStdSemitones,
    loudnessMeanDbfs: audio?.loudnessMeanDbfs ?? null,
  });

  return {
    wordCount: tokens.length,
    speakingTimeMs,
    relevance,
    coverage,
    similarity,
    star,
    pace,
    wordsPerMinute: pace.wordsPerMinute,
    fillers: {
      count: fillerReport.count,
      perMinute: fillersPerMinute,
      top: fillerReport.counts.slice(0, 10),
      occurrences: fillerReport.occurrences.map((occurrence) =>
        timings === undefined
          ? occurrence
          : { ...occurrence, startMs: timings[occurrence.wordIndex]!.startMs },
      ),
    },
    length,
    vocalConfidence: confidence.score,
    vocalConfidenceComponents: confidence.components,
    pauseRatio,
    suggestions,
  };
}

/**
 * Speaking time from word timings: the words' spans, with gaps shorter than a pause (300 ms, as the voice
 * analysis defines one) counted as speaking.
 */
function speakingTimeFromWords(words: readonly WordTiming[]): number {
  const spans = words.filter((word) => word.endMs > word.startMs).sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let start = Number.NaN;
  let end = Number.NaN;
  for (const word of spans) {
    if (Number.isNaN(start)) {
      start = word.startMs;
      end = word.endMs;
    } else if (word.startMs - end < PAUSE_BRIDGE_MS) {
      end = Math.max(end, word.endMs);
    } else {
      total += end - start;
      start = word.startMs;
      end = word.endMs;
    }
  }
  return Number.isNaN(start) ? total : total + end - start;
}

/**
 * Semitone spread as measured, or from Hz: σ_st ≈ (12 / ln 2) · σ_Hz / mean_Hz, the first-order
 * conversion (exact enough for the few-semitone spreads of speech).
 */
function semitoneSpread(audio: AnswerAudioFeatures): number | null {
  if (audio.pitchStdSemitones !== undefined && audio.pitchStdSemitones !== null)
    return audio.pitchStdSemitones;
  if (audio.pitchMeanHz === null || audio.pitchStdHz === null || audio.pitchMeanHz <= 0) return null;
  return (SEMITONES_PER_RELATIVE_HZ * audio.pitchStdHz) / audio.pitchMeanHz;
}
