/**
 * Adaptive follow-ups: once an answer is scored, the question's own rules (set by staff) decide
 * whether to ask for more. Rules are tried in the order staff wrote them; the first that applies
 * wins; a question gets at most MAX_FOLLOW_UPS_PER_QUESTION, never the same rule twice.
 */
import type { FollowUpRule } from '../room-session';

export const MAX_FOLLOW_UPS_PER_QUESTION = 1;
/** A STAR part counts as present from this score (the scorer's STAR_PRESENT_SCORE). */
export const RESULT_PRESENT_SCORE = 0.5;

/** The part of AnswerScored the decision reads. */
export interface ScoredAnswer {
  readonly wordCount: number;
  readonly coverage: { readonly missedKeyPointIds: readonly string[] };
  readonly star: { readonly result: number } | null;
}

export interface FollowUpDecision {
  readonly reason: FollowUpRule['when'];
  readonly keyPointId?: string;
  readonly text: string;
  /** Identifies the rule, so it is never asked twice for one question. */
  readonly ruleKey: string;
}

export function ruleKey(rule: FollowUpRule): string {
  return ruleKeyOf(rule.when, rule.when === 'key-point-missing' ? rule.keyPointId : undefined);
}

/** The same key from a follow-up as recorded (a resumed one). */
export function ruleKeyOf(reason: FollowUpRule['when'], keyPointId: string | undefined): string {
  return reason === 'key-point-missing' ? `${reason}:${keyPointId}` : reason;
}

function applies(rule: FollowUpRule, scored: ScoredAnswer, behavioural: boolean): boolean {
  switch (rule.when) {
    case 'too-short':
      return scored.wordCount < rule.minWords;
    case 'key-point-missing':
      return scored.coverage.missedKeyPointIds.includes(rule.keyPointId);
    case 'no-result-stated':
      return behavioural && scored.star !== null && scored.star.result < RESULT_PRESENT_SCORE;
  }
}

export function decideFollowUp(
  question: { readonly behavioural: boolean; readonly followUpRules: readonly FollowUpRule[] },
  scored: ScoredAnswer,
  alreadyAsked: ReadonlySet<string>,
): FollowUpDecision | null {
  if (alreadyAsked.size >= MAX_FOLLOW_UPS_PER_QUESTION) return null;
  for (const rule of question.followUpRules) {
    const key = ruleKey(rule);
    if (alreadyAsked.has(key) || !applies(rule, scored, question.behavioural)) continue;
    return rule.when === 'key-point-missing'
      ? { reason: rule.when, keyPointId: rule.keyPointId, text: rule.prompt, ruleKey: key }
      : { reason: rule.when, text: rule.prompt, ruleKey: key };
  }
  return null;
}
