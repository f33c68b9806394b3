import type { AnswerScore, AnswerScoringInput } from '../answers/score-answer';
import type { SerializedError } from '../pool/errors';

/** Main thread → scoring thread. */
export type ScoringRequest =
  | { readonly kind: 'score'; readonly id: number; readonly input: AnswerScoringInput }
  /** Exit once idle (a thread scores one answer at a time, so at once). */
  | { readonly kind: 'close' };

/** Scoring thread → main thread. */
export type ScoringReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: AnswerScore }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError };
