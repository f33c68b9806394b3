import type { AnswerScoredData, ModelVersion } from '@poise/schemas';
import type { ScoreAnswerResponse } from '@poise/schemas/inference';
import type { AnswerContext } from './answer-context';

type SuggestionCode = AnswerScoredData['suggestions'][number]['code'];

/** The contract's ceilings: an extreme rate (a few words in a split second of speech) is capped, not refused. */
const MAX_RATE = 600;
const MAX_COUNT = 50_000;

/** AnswerScored data from the server's score (proto → event); the contract checks the codes and ranges. */
export function answerScoredData(
  response: ScoreAnswerResponse,
  context: AnswerContext & { readonly sessionId: string },
  audioModels: readonly ModelVersion[],
): Omit<AnswerScoredData, 'scoreVersion' | 'supersedes' | 'content' | 'audio'> {
  const models = new Map<string, ModelVersion>();
  for (const { name, version, sha256 } of [...response.models, ...audioModels])
    models.set(sha256, { name, version, sha256 });
  return {
    sessionId: context.sessionId,
    answerId: context.answerId,
    questionId: context.questionId,
    followUpId: context.followUpId,
    wordCount: Math.min(response.wordCount, MAX_COUNT),
    speakingTimeMs: response.speakingTimeMs,
    relevance: response.relevance,
    coverage: {
      share: response.coverage,
      matchedKeyPointIds: [...response.matchedKeyPointIds],
      missedKeyPointIds: [...response.missedKeyPointIds],
    },
    similarity: response.similarity,
    star: response.star === undefined ? null : { ...response.star },
    wordsPerMinute: Math.min(response.wordsPerMinute, MAX_RATE),
    fillers: {
      count: Math.min(response.fillerCount, MAX_COUNT),
      perMinute: Math.min(response.fillersPerMinute, MAX_RATE),
      top: response.topFillers.map(({ word, count }) => ({ word, count })),
    },
    vocalConfidence: response.vocalConfidence,
    suggestions: response.suggestions.map(({ code, message, feature, value }) => ({
      code: code as SuggestionCode,
      message,
      feature,
      ...(value === undefined ? {} : { value }),
    })),
    models: [...models.values()],
  };
}
