/** Largest |a[i] - b[i]|; a length mismatch is an error, not a large difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/**
 * Largest |a[i] - b[i]| / max(1, |a[i]|): an absolute difference for values within ±1 and a relative
 * one beyond. Raw outputs such as pixel coordinates or logits reach several hundred, where float32
 * itself only resolves ~3e-5 and two correct runtimes that sum in different orders differ by more.
 */
export function maxScaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(a[i]!)));
  return max;
}
