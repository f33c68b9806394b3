import type { ModelVersion, ScoreAnswerResponse } from '@poise/schemas/inference';
import type { AnswerScore } from '../answers';

/**
 * The proto response of a score. `models` names the VAD when the request carried voice features
 * (they came from it); content scoring itself is rules, not a model.
 */
export function answerScoreMessage(score: AnswerScore, models: readonly ModelVersion[]): ScoreAnswerResponse {
  return {
    coverage: score.coverage.share,
    matchedKeyPointIds: [...score.coverage.matchedKeyPointIds],
    missedKeyPointIds: [...score.coverage.missedKeyPointIds],
    similarity: score.similarity,
    relevance: score.relevance,
    star:
      score.star === null
        ? undefined
        : {
            situation: score.star.situation.score,
            task: score.star.task.score,
            action: score.star.action.score,
            result: score.star.result.score,
          },
    wordCount: score.wordCount,
    wordsPerMinute: score.wordsPerMinute,
    fillerCount: score.fillers.count,
    fillersPerMinute: score.fillers.perMinute,
    vocalConfidence: score.vocalConfidence,
    suggestions: score.suggestions.map(({ code, message, feature, value }) => ({
      code,
      message,
      feature,
      value,
    })),
    models: models.map(({ name, version, sha256 }) => ({ name, version, sha256 })),
    topFillers: score.fillers.top.map(({ word, count }) => ({ word, count })),
    speakingTimeMs: Math.round(score.speakingTimeMs),
  };
}
