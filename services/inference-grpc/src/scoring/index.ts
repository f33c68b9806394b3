export { MAX_TRANSCRIPT_CHARS, SCORING_TIME_BUDGET_MS } from './scoring-limits';
export {
  type AnswerScorer,
  createScoringPool,
  type ScoringPoolOptions,
  ScoringTimeBudgetError,
} from './scoring-pool';
