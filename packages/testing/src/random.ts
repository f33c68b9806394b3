import { SeededRandom } from '@poise/synthetic';

/**
 * Uniform numbers in [0, 1) from a seed, the same on every run: the synthetic generator's PRNG
 * (mulberry32), so tests and the generator share one implementation.
 */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/** `count` values uniform in [low, high). */
export function uniformSamples(seed: number, count: number, low: number, high: number): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: count }, () => low + (high - low) * next());
}
