/**
 * Length checks in words. Without other guidance an answer is too short under 40 words (about 15 s at
 * 150 WPM: a bare claim, no example) or 80 for behavioural questions (four STAR parts need room), and too
 * long over 350 words (about 2.5 min at 140 WPM; coaching advice keeps answers to 1–2 minutes) or 450 for
 * behavioural ones. A question's own `too-short` follow-up rule (its `minWords`) replaces the lower bound;
 * its time limit replaces the upper one with what fits in the limit at the ideal 150 WPM.
 */
export const DEFAULT_WORD_BOUNDS = {
  general: { minWords: 40, maxWords: 350 },
  behavioural: { minWords: 80, maxWords: 450 },
} as const;
const WORDS_PER_MINUTE_FOR_LIMIT = 150;

export interface LengthBoundsInput {
  readonly behavioural: boolean;
  readonly timeLimitSeconds?: number;
  readonly followUpRules?: ReadonlyArray<{ readonly when: string; readonly minWords?: number }>;
}

export interface LengthCheck {
  readonly wordCount: number;
  readonly minWords: number;
  readonly maxWords: number;
  readonly verdict: 'too-short' | 'ok' | 'too-long';
}

export function checkLength(wordCount: number, question: LengthBoundsInput): LengthCheck {
  const defaults = question.behavioural ? DEFAULT_WORD_BOUNDS.behavioural : DEFAULT_WORD_BOUNDS.general;
  const rule = question.followUpRules?.find((candidate) => candidate.when === 'too-short');
  const minWords = rule?.minWords ?? defaults.minWords;
  const maxWords =
    question.timeLimitSeconds === undefined
      ? defaults.maxWords
      : Math.max(minWords + 1, Math.round((question.timeLimitSeconds / 60) * WORDS_PER_MINUTE_FOR_LIMIT));
  const verdict = wordCount < minWords ? 'too-short' : wordCount > maxWords ? 'too-long' : 'ok';
  return { wordCount, minWords, maxWords, verdict };
}
