/** Mean and population standard deviation: the spread of the measured values themselves, not an estimate. */
export interface MeanStd {
  readonly mean: number;
  readonly std: number;
}

export function meanStd(values: ArrayLike<number>): MeanStd | null {
  const count = values.length;
  if (count === 0) return null;
  let sum = 0;
  for (let index = 0; index < count; index++) sum += values[index]!;
  const mean = sum / count;
  let squares = 0;
  for (let index = 0; index < count; index++) squares += (values[index]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / count) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
