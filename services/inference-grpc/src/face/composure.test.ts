import { type ExpressionClass, type ExpressionProbabilities, expressionClasses } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { composure } from './composure';

function only(name: ExpressionClass): ExpressionProbabilities {
  return Object.fromEntries(expressionClasses.map((c) => [c, c === name ? 1 : 0])) as ExpressionProbabilities;
}

function mix(weights: Partial<Record<ExpressionClass, number>>): ExpressionProbabilities {
  return Object.fromEntries(expressionClasses.map((c) => [c, weights[c] ?? 0])) as ExpressionProbabilities;
}

describe('composure', () => {
  it('is 1 for an all-neutral or all-happy face', () => {
    expect(composure(only('neutral'))).toBe(1);
    expect(composure(only('happy'))).toBe(1);
  });

  it.each(['angry', 'disgust', 'fear', 'sad'] as const)('is 0 for an all-%s face', (name) => {
    expect(composure(only(name))).toBe(0);
  });

  it('counts surprise half', () => {
    expect(composure(only('surprise'))).toBe(0.5);
  });

  it('is 2.5/7 for a uniform distribution', () => {
    const uniform = mix(Object.fromEntries(expressionClasses.map((c) => [c, 1 / 7])));
    expect(composure(uniform)).toBeCloseTo(2.5 / 7, 12);
  });

  it('falls as mass moves from neutral to a negative class, and stays in [0, 1]', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let fear = 0; fear <= 1.0001; fear += 0.1) {
      const value = composure(mix({ neutral: Math.max(0, 1 - fear), fear: Math.min(1, fear) }));
      expect(value).toBeLessThan(previous);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      previous = value;
    }
  });

  it('absorbs float32 rounding in the sum and still stays within [0, 1]', () => {
    expect(composure(mix({ neutral: 0.6000001, happy: 0.4000001 }))).toBe(1);
  });

  it('refuses probabilities outside [0, 1] or summing to 0', () => {
    expect(() => composure(mix({ neutral: 1.5 }))).toThrow(RangeError);
    expect(() => composure(mix({ neutral: Number.NaN }))).toThrow(RangeError);
    expect(() => composure(mix({}))).toThrow(/sum to 0/);
  });
});
