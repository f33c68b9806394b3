/**
 * Budgets of ScoreAnswer. The sequence matcher is superlinear in the transcript's length, so an
 * unbounded transcript is unbounded CPU: the issue-12 probe's 176 KB request took 5.2 s.
 *
 * Size: the longest realistic answer is an hour of speech, about 9,000 words at 150 words per minute,
 * about 55,000 characters of English (6.1 characters per word with its space; a question's own time
 * limit is at most 30 minutes). 60,000 leaves a margin above that.
 *
 * Time, measured on the 2-core development machine (shared, Node 20, `scoreAnswer` on one thread):
 * a realistic 60-minute answer (55,000 characters of the project's own English prose, 8,967 words)
 * against a 5,000-character model answer and 20 key points with 20 synonyms each took 42–188 ms
 * (the slowest the first, cold run); the model answer recited for an hour 47–115 ms. Hostile text
 * within the size limit is much slower: one word repeated 11,000 times 0.4–0.8 s, a two-letter word
 * repeated 20,000 times 1.6–2.4 s. The budget is eight times the slowest realistic run; what needs
 * more is stopped (its thread terminated) and answered RESOURCE_EXHAUSTED.
 */
export const MAX_TRANSCRIPT_CHARS = 60_000;
export const SCORING_TIME_BUDGET_MS = 1_500;

/**
 * The question's fields as the question-set contract bounds them (`questionSchema` in
 * schemas/src/events/question-sets.ts): a request beyond them cannot come from a stored question.
 */
export const QUESTION_LIMITS = {
  questionTextChars: 1_000,
  expectedAnswerChars: 5_000,
  keyPoints: 20,
  keyPointIdChars: 40,
  keyPointTextChars: 300,
  synonymsPerKeyPoint: 20,
  synonymChars: 120,
  /** timeLimitSeconds is intInRange(10, 1800). */
  timeLimitSeconds: { min: 10, max: 1_800 },
  /** A too-short rule's minWords is intInRange(1, 1000). */
  minWords: { min: 1, max: 1_000 },
} as const;

/** Ten hours: past any answer; beyond it the rates are meaningless. */
export const MAX_SPEAKING_TIME_MS = 36_000_000;
