import { contentStemsOf } from './content-terms';
import { phraseOccurrences } from './tokenize';

/**
 * Key-point coverage. Both the answer and the key point are reduced to content stems (lowercase, function
 * words out, Porter stems). A key point is covered when
 *  1. at least KEY_POINT_TERM_SHARE (60 %) of its distinct content stems occur anywhere in the answer
 *     ("mostly present": 1 of 1, 2 of 2, 2 of 3, 3 of 4, 3 of 5 …), or
 *  2. any of its synonym phrases occurs in the answer as a contiguous run of content stems (so
 *     "cut costs" matches "we cut our costs" and "costs were cut" does not).
 * A key point or synonym with no content word at all (only function words) never matches by itself.
 */
export const KEY_POINT_TERM_SHARE = 0.6;

export interface KeyPointInput {
  /** Stable id within the question (a slug), echoed in the results. */
  readonly id: string;
  readonly text: string;
  /** Other phrasings that also count as covering the key point. */
  readonly synonyms: readonly string[];
}

export interface KeyPointCoverage {
  readonly id: string;
  readonly covered: boolean;
  /** Which rule matched: the key point's own terms, a synonym phrase, or none. */
  readonly matchedBy: 'terms' | 'synonym' | null;
  /** The key point text or synonym that matched; null when not covered. */
  readonly matchedPhrase: string | null;
  /** Share of the key point's content stems found in the answer, 0..1. */
  readonly termShare: number;
  /** Its content stems the answer lacks (for feedback). */
  readonly missingTerms: readonly string[];
}

export interface CoverageResult {
  /** Covered key points over all key points; 1 when the question has none (nothing to miss). */
  readonly share: number;
  readonly keyPoints: readonly KeyPointCoverage[];
  readonly matchedKeyPointIds: readonly string[];
  readonly missedKeyPointIds: readonly string[];
}

export function keyPointCoverage(
  answerStems: readonly string[],
  keyPoints: readonly KeyPointInput[],
): CoverageResult {
  const present = new Set(answerStems);
  const results = keyPoints.map((keyPoint): KeyPointCoverage => {
    const terms = [...new Set(contentStemsOf(keyPoint.text))];
    const missingTerms = terms.filter((term) => !present.has(term));
    const termShare = terms.length === 0 ? 0 : (terms.length - missingTerms.length) / terms.length;
    const base = { id: keyPoint.id, termShare, missingTerms };
    if (terms.length > 0 && termShare >= KEY_POINT_TERM_SHARE) {
      return { ...base, covered: true, matchedBy: 'terms', matchedPhrase: keyPoint.text };
    }
    for (const synonym of keyPoint.synonyms) {
      const phrase = contentStemsOf(synonym);
      if (phrase.length > 0 && phraseOccurrences(answerStems, phrase).length > 0) {
        return { ...base, covered: true, matchedBy: 'synonym', matchedPhrase: synonym };
      }
    }
    return { ...base, covered: false, matchedBy: null, matchedPhrase: null };
  });
  const matched = results.filter((result) => result.covered).map((result) => result.id);
  const missed = results.filter((result) => !result.covered).map((result) => result.id);
  return {
    share: keyPoints.length === 0 ? 1 : matched.length / keyPoints.length,
    keyPoints: results,
    matchedKeyPointIds: matched,
    missedKeyPointIds: missed,
  };
}
