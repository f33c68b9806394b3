/** One measured figure, with the reference measured in the same run and the target, as every suite reports. */
export interface Figure {
  readonly metric: string;
  readonly unit: string;
  readonly ours: number;
  readonly reference: number | null;
  /** What the reference is, e.g. "raw insertRows of the same rows". */
  readonly referenceName: string | null;
  /** Human-readable target, and whether `ours` meets it; null where there is none. */
  readonly target: string | null;
  readonly met: boolean | null;
}

/** Latency of one console query family. */
export interface QueryFigure {
  readonly family: string;
  readonly query: string;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Mean rows (or items) the query returned, to show what was asked of it. */
  readonly meanRows: number;
  readonly target: string;
  readonly met: boolean;
}

export function format(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const ratio = figure.reference === null ? '—' : (figure.ours / figure.reference).toFixed(2);
    const target = figure.target === null ? '—' : `${figure.target} ${figure.met ? '✅ met' : '❌ not met'}`;
    const reference =
      figure.reference === null
        ? '—'
        : `${format(figure.reference)} (${figure.referenceName ?? 'reference'})`;
    return `| ${figure.metric} | ${figure.unit} | ${format(figure.ours)} | ${reference} | ${ratio} | ${target} |`;
  });
  return [
    '| metric | unit | ours | reference (same run) | ours/ref | target |',
    '|---|---|---:|---|---:|---|',
    ...rows,
  ].join('\n');
}

export function queriesTable(queries: readonly QueryFigure[]): string {
  const rows = queries.map(
    (query) =>
      `| ${query.family} | \`${query.query}\` | ${format(query.p50Ms)} | ${format(query.p95Ms)} | ${format(query.maxMs)} | ${format(query.meanRows)} | ${query.target} ${query.met ? '✅' : '❌'} |`,
  );
  return [
    '| query family | function | p50 ms | p95 ms | max ms | rows returned (mean) | target p95 |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}
