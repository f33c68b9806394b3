import type { AnswerScoredData, ModelVersion } from '@poise/schemas';
import type { AnswerScore } from './score-answer';

export interface AnswerContext {
  readonly sessionId: string;
  readonly answerId: string;
  readonly questionId: string;
  readonly followUpId: string | null;
  /** The models behind the inputs (at least the VAD that measured speaking time). */
  readonly models: readonly ModelVersion[];
}

/** The AnswerScored contract's ranges; values beyond them come from mismatched inputs and are clamped. */
const MAX_RATE = 600;
const MAX_WORDS = 50_000;

/** What the scorer measures; the version, supersession, content status and chunks are the caller's. */
export type AnswerScoreFigures = Omit<AnswerScoredData, 'scoreVersion' | 'supersedes' | 'content' | 'audio'>;

/** The `AnswerScored` figures for one scored answer. */
export function answerScoredData(score: AnswerScore, context: AnswerContext): AnswerScoreFigures {
  return {
    sessionId: context.sessionId,
    answerId: context.answerId,
    questionId: context.questionId,
    followUpId: context.followUpId,
    wordCount: Math.min(score.wordCount, MAX_WORDS),
    speakingTimeMs: Math.round(score.speakingTimeMs),
    relevance: score.relevance,
    coverage: {
      share: score.coverage.share,
      matchedKeyPointIds: [...score.coverage.matchedKeyPointIds],
      missedKeyPointIds: [...score.coverage.missedKeyPointIds],
    },
    similarity: score.similarity,
    star:
      score.star === null
        ? null
        : {
            situation: score.star.situation.score,
            task: score.star.task.score,
            action: score.star.action.score,
            result: score.star.result.score,
          },
    wordsPerMinute: Math.min(score.wordsPerMinute, MAX_RATE),
    fillers: {
      count: Math.min(score.fillers.count, MAX_WORDS),
      perMinute: Math.min(score.fillers.perMinute, MAX_RATE),
      top: score.fillers.top.map(({ word, count }) => ({ word, count })),
    },
    vocalConfidence: score.vocalConfidence,
    suggestions: score.suggestions.map(({ code, message, feature, value }) =>
      value === undefined ? { code, message, feature } : { code, message, feature, value },
    ),
    models: context.models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
  };
}
