import { status } from '@grpc/grpc-js';
import type { ScoreAnswerRequest } from '@poise/schemas/inference';
import { type AnswerScoringInput, InvalidAnswerError } from '../answers';
import {
  QUESTION_LIMITS as LIMITS,
  MAX_SPEAKING_TIME_MS,
  MAX_TRANSCRIPT_CHARS,
} from '../scoring/scoring-limits';
import { RequestError } from './request-error';

const invalid = (message: string) => new RequestError(status.INVALID_ARGUMENT, message);

function checkLength(value: string, field: string, max: number, why = ''): void {
  if (value.length > max) {
    throw invalid(`${field} is ${value.length} characters; at most ${max} are accepted${why}`);
  }
}

function checkRange(value: number | undefined, field: string, range: { min: number; max: number }): void {
  if (value !== undefined && (value < range.min || value > range.max)) {
    throw invalid(`${field} must be between ${range.min} and ${range.max}, got ${value}`);
  }
}

function checkFinite(value: number | undefined, field: string): void {
  if (value !== undefined && !Number.isFinite(value))
    throw invalid(`${field} must be a finite number, got ${value}`);
}

/**
 * The size budget, before any work: every field within what a stored question and a real answer
 * can hold (scoring-limits.ts), so the scorer's time is bounded by the input's size.
 */
function checkBudget(request: ScoreAnswerRequest): void {
  checkLength(
    request.transcript,
    'transcript',
    MAX_TRANSCRIPT_CHARS,
    ' (about an hour of speech, longer than any answer)',
  );
  checkLength(request.questionText, 'question_text', LIMITS.questionTextChars);
  checkLength(request.expectedAnswer, 'expected_answer', LIMITS.expectedAnswerChars);
  if (request.keyPoints.length > LIMITS.keyPoints) {
    throw invalid(
      `key_points holds ${request.keyPoints.length} items; at most ${LIMITS.keyPoints} are accepted`,
    );
  }
  request.keyPoints.forEach((keyPoint, index) => {
    checkLength(keyPoint.id, `key_points[${index}].id`, LIMITS.keyPointIdChars);
    checkLength(keyPoint.text, `key_points[${index}].text`, LIMITS.keyPointTextChars);
    if (keyPoint.synonyms.length > LIMITS.synonymsPerKeyPoint) {
      throw invalid(
        `key_points[${index}].synonyms holds ${keyPoint.synonyms.length} items; at most ${LIMITS.synonymsPerKeyPoint} are accepted`,
      );
    }
    keyPoint.synonyms.forEach((synonym, position) => {
      checkLength(synonym, `key_points[${index}].synonyms[${position}]`, LIMITS.synonymChars);
    });
  });
  checkRange(request.timeLimitSeconds, 'time_limit_seconds', LIMITS.timeLimitSeconds);
  checkRange(request.minWords, 'min_words', LIMITS.minWords);
  checkRange(request.speakingTimeMs, 'speaking_time_ms', { min: 0, max: MAX_SPEAKING_TIME_MS });
  const audio = request.audio;
  if (audio !== undefined) {
    checkFinite(audio.loudnessMeanDbfs, 'audio.loudness_mean_dbfs');
    checkFinite(audio.loudnessStdDb, 'audio.loudness_std_db');
    checkFinite(audio.pitchMeanHz, 'audio.pitch_mean_hz');
    checkFinite(audio.pitchStdHz, 'audio.pitch_std_hz');
  }
}

/**
 * The scorer's input from the request. Presence is checked here; whether the transcript holds a
 * word is the scorer's call (InvalidAnswerError, reported against `transcript`).
 */
export function answerScoringInput(request: ScoreAnswerRequest): AnswerScoringInput {
  checkBudget(request);
  if (request.questionText.trim() === '') throw invalid('question_text is required');
  if (request.expectedAnswer.trim() === '') {
    throw invalid("expected_answer is required (the question set author's model answer)");
  }
  const ids = new Set<string>();
  request.keyPoints.forEach((keyPoint, index) => {
    if (keyPoint.id === '') throw invalid(`key_points[${index}].id is required`);
    if (keyPoint.text.trim() === '') throw invalid(`key_points[${index}].text is required`);
    if (ids.has(keyPoint.id)) throw invalid(`key_points[${index}].id duplicates ${keyPoint.id}`);
    ids.add(keyPoint.id);
  });
  const audio = request.audio;
  return {
    transcript: request.transcript,
    speakingTimeMs: request.speakingTimeMs,
    audio:
      audio === undefined
        ? undefined
        : {
            pauseCount: audio.pauseCount,
            longestPauseMs: audio.longestPauseMs,
            totalPauseMs: audio.totalPauseMs,
            loudnessMeanDbfs: audio.loudnessMeanDbfs ?? null,
            loudnessStdDb: audio.loudnessStdDb ?? null,
            pitchMeanHz: audio.pitchMeanHz ?? null,
            pitchStdHz: audio.pitchStdHz ?? null,
            monotone: audio.monotone,
          },
    question: {
      text: request.questionText,
      expectedAnswer: request.expectedAnswer,
      keyPoints: request.keyPoints.map(({ id, text, synonyms }) => ({ id, text, synonyms })),
      behavioural: request.behavioural,
      timeLimitSeconds: request.timeLimitSeconds,
      followUpRules:
        request.minWords === undefined ? [] : [{ when: 'too-short', minWords: request.minWords }],
    },
  };
}

/** The scorer's refusal, with the field it concerns. */
export function answerRefusal(error: unknown): unknown {
  if (!(error instanceof InvalidAnswerError)) return error;
  return invalid(
    `${error.code === 'empty_transcript' ? 'transcript' : 'speaking_time_ms'}: ${error.message}`,
  );
}
