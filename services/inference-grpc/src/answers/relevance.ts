import { sequenceRatio } from './sequence-matcher';

/**
 * Relevance = 0.7 · coverage + 0.3 · similarity, in [0, 1]. Coverage carries most of the weight because
 * it asks whether the candidate made the points that matter, in any words and order; the sequence ratio
 * rewards staying close to the model answer's content and order, which a good answer need not do. With no
 * key points, relevance is the similarity alone.
 */
export const RELEVANCE_WEIGHTS = { coverage: 0.7, similarity: 0.3 } as const;

/**
 * Similarity to the model answer: the Ratcliff/Obershelp ratio (2·M/T, as Python's difflib) over the two
 * texts' content stems in order. Function words are left out: they make up about half of any English text
 * and would make unrelated answers look a third alike.
 */
export function answerSimilarity(answerStems: readonly string[], expectedStems: readonly string[]): number {
  return sequenceRatio(answerStems, expectedStems);
}

export function relevanceScore(coverageShare: number, similarity: number, hasKeyPoints: boolean): number {
  const score = hasKeyPoints
    ? RELEVANCE_WEIGHTS.coverage * coverageShare + RELEVANCE_WEIGHTS.similarity * similarity
    : similarity;
  return Math.min(1, Math.max(0, score));
}
