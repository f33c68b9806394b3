import { Badge, Card } from '@tremor/react';
import type { ReportSignalRow } from '../server/report.server';
import { MetricHelp } from './metric-help';
import { reportHelp } from './report-help';
import { formatSignal, signalHelp } from './signal-help';

const verdictBadge = {
  better: { color: 'emerald', text: 'better than before' },
  worse: { color: 'amber', text: 'lower than before' },
  same: { color: 'gray', text: 'as before' },
} as const;

/** One card per signal: this session's value, what it means, and how it compares with earlier sessions. */
export function ReportSummary({
  summary,
  stressAlerts,
  earlierSessions,
  expressionAnalysis,
}: {
  summary: ReportSignalRow[];
  expressionAnalysis: boolean;
  stressAlerts: number;
  earlierSessions: number;
}) {
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="text-lg font-semibold">
        Summary
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {earlierSessions === 0
          ? 'This is your first reported session: later reports will compare with it.'
          : `Compared with the mean of ${earlierSessions} earlier reported session${earlierSessions === 1 ? '' : 's'}.`}
      </p>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {summary.map((row) => {
          const help = signalHelp[row.signal];
          const change = row.change;
          return (
            <Card key={row.signal} className="p-4">
              <p className="text-sm text-slate-600">{help.label}</p>
              <p className="mt-1 text-2xl font-semibold" data-signal={row.signal}>
                {formatSignal(row.signal, row.value)}
              </p>
              {row.earlier !== null && (
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span>earlier: {formatSignal(row.signal, row.earlier)}</span>
                  {change !== null && (
                    <Badge color={verdictBadge[change].color}>{verdictBadge[change].text}</Badge>
                  )}
                </p>
              )}
              <MetricHelp meaning={help.meaning} formula={help.formula} />
            </Card>
          );
        })}
        {expressionAnalysis && (
          <Card className="p-4">
            <p className="text-sm text-slate-600">Stress alerts</p>
            <p className="mt-1 text-2xl font-semibold">{stressAlerts}</p>
            <MetricHelp meaning={reportHelp.stressAlerts.meaning} formula={reportHelp.stressAlerts.formula} />
          </Card>
        )}
      </div>
      {earlierSessions > 0 && (
        <MetricHelp meaning={reportHelp.comparison.meaning} formula={reportHelp.comparison.formula} />
      )}
    </section>
  );
}
