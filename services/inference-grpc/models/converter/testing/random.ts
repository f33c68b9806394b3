/** Mulberry32: a tiny seeded PRNG, so "random" test inputs are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` values uniform in [low, high). */
export function uniform(seed: number, count: number, low: number, high: number): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: count }, () => low + (high - low) * next());
}
