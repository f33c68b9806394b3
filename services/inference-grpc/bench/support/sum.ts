export function sum(samples: readonly number[]): number {
  return samples.reduce((total, value) => total + value, 0);
}
