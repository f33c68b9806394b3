import { type ExpressionClass, type ExpressionProbabilities, expressionClasses } from '@poise/schemas';

/**
 * Composure, one number per frame in [0, 1]: the share of the expression probability mass on
 * composed expressions, with these weights (README.md, "Derived scores"):
 *
 *   composure = (1·neutral + 1·happy + 0.5·surprise + 0·(angry + disgust + fear + sad)) / Σ p
 *
 * - neutral and happy read as composed (a calm face, a relaxed smile);
 * - surprise is ambiguous (engaged, or caught off guard), so it counts half;
 * - the four negative FER classes count nothing; they are also what the stress alert watches.
 * The probabilities sum to 1, so dividing by Σ p only absorbs float rounding; with weights in [0, 1]
 * the score is bounded by construction, moves up with neutral/happy mass and down with negative mass.
 */
export const COMPOSURE_WEIGHTS: Readonly<Record<ExpressionClass, number>> = {
  angry: 0,
  disgust: 0,
  fear: 0,
  happy: 1,
  sad: 0,
  surprise: 0.5,
  neutral: 1,
};

export function composure(probabilities: ExpressionProbabilities): number {
  let weighted = 0;
  let total = 0;
  for (const name of expressionClasses) {
    const p = probabilities[name];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability of ${name} must be in [0, 1], got ${p}`);
    weighted += COMPOSURE_WEIGHTS[name] * p;
    total += p;
  }
  if (total <= 0) throw new RangeError('expression probabilities sum to 0');
  return Math.min(1, Math.max(0, weighted / total));
}
