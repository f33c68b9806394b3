/** One row of the table and of bench/results/inference.json (the event-log bench's shape). */
export interface Figure {
  readonly metric: string;
  readonly unit: string;
  readonly ours: number;
  /** The same work by the TF.js WASM reference, measured in the same run; null where there is none. */
  readonly reference: number | null;
  /** Human-readable target, and whether `ours` meets it; null where there is none. */
  readonly target: string | null;
  readonly met: boolean | null;
}

export function figure(
  metric: string,
  unit: string,
  ours: number,
  extra: { reference?: number | null; target?: string; met?: boolean } = {},
): Figure {
  return {
    metric,
    unit,
    ours,
    reference: extra.reference ?? null,
    target: extra.target ?? null,
    met: extra.met ?? null,
  };
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

export function markdown(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ratio = f.reference === null ? '—' : (f.ours / f.reference).toFixed(2);
    const target = f.target === null ? '—' : `${f.target} ${f.met ? '✅' : '❌'}`;
    const reference = f.reference === null ? '—' : format(f.reference);
    return `| ${f.metric} | ${f.unit} | ${format(f.ours)} | ${reference} | ${ratio} | ${target} |`;
  });
  return [
    '| metric | unit | ours (onnxruntime-node) | reference (TF.js WASM) | ours/ref | target |',
    '|---|---|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}
