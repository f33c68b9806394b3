import { status } from '@grpc/grpc-js';
import type { ScoreAnswerRequest } from '@poise/schemas/inference';
import { type AnswerScoringInput, InvalidAnswerError } from '../answers';
import { RequestError } from './request-error';

const invalid = (message: string) => new RequestError(status.INVALID_ARGUMENT, message);

/**
 * The scorer's input from the request. Presence is checked here; whether the transcript holds a
 * word is the scorer's call (InvalidAnswerError, reported against `transcript`).
 */
export function answerScoringInput(request: ScoreAnswerRequest): AnswerScoringInput {
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
