/**
 * The "what does this mean" of a chart or figure: a short meaning always visible, the formula one
 * click (or tap) away in a native <details>, so it works on a phone and without JavaScript.
 */
export function MetricHelp({ meaning, formula }: { meaning: string; formula: string }) {
  return (
    <details className="mt-1 text-xs text-slate-600">
      <summary className="cursor-pointer select-none">
        {meaning} <span className="underline">How is it computed?</span>
      </summary>
      <p className="mt-1 rounded bg-slate-100 p-2 font-mono text-[11px] leading-relaxed text-slate-700">
        {formula}
      </p>
    </details>
  );
}
