/**
 * A candidate's progress: one trend chart per signal, first against latest, and personal bests.
 * Shared by the candidate's own page (/progress) and the staff drill-down to a candidate; the
 * caller loads the data with loadProgress (server/progress.server.ts).
 */
import { Link } from '@remix-run/react';
import { Badge, Card, LineChart } from '@tremor/react';
import type { ProgressData } from '../server/progress.server';
import { formatDateTime } from './format';
import { MetricHelp } from './metric-help';
import { formatSignal, signalHelp } from './signal-help';

const changeBadge = {
  better: { color: 'emerald', text: 'improved' },
  worse: { color: 'amber', text: 'declined' },
  same: { color: 'gray', text: 'steady' },
} as const;

const chartColor = {
  composure: 'emerald',
  eyeContact: 'blue',
  wordsPerMinute: 'violet',
  fillersPerMinute: 'amber',
  vocalConfidence: 'indigo',
  relevance: 'cyan',
} as const;

export function ProgressView({
  data,
  subject = 'you',
}: {
  data: ProgressData;
  subject?: 'you' | 'candidate';
}) {
  const { series, signals } = data;
  if (series.length === 0) {
    return (
      <Card>
        <p className="py-8 text-center text-slate-600">
          {subject === 'you'
            ? 'No reported session yet. Finish a practice interview and your trends start here.'
            : 'This candidate has no reported session yet.'}
        </p>
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        {series.length} reported session{series.length === 1 ? '' : 's'}, from{' '}
        {formatDateTime(series[0]!.startedAt)} to {formatDateTime(series[series.length - 1]!.startedAt)}.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {signals.map((summary) => {
          const help = signalHelp[summary.signal];
          const format = (value: number) => formatSignal(summary.signal, value);
          return (
            <Card key={summary.signal} className="p-4" data-signal={summary.signal}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">{help.label}</h2>
                {summary.change !== null && (
                  <Badge color={changeBadge[summary.change].color}>{changeBadge[summary.change].text}</Badge>
                )}
              </div>
              <MetricHelp meaning={help.meaning} formula={help.formula} />
              <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
                <div>
                  <dt className="text-xs text-slate-600">First</dt>
                  <dd className="font-semibold">{format(summary.first)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Latest</dt>
                  <dd className="font-semibold">{format(summary.latest)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Personal best</dt>
                  <dd className="font-semibold">
                    <Link to={`/sessions/${summary.bestSessionId}`} className="underline">
                      {format(summary.best)}
                    </Link>
                  </dd>
                  {summary.bestStartedAt !== null && (
                    <dd className="text-xs text-slate-500">{formatDateTime(summary.bestStartedAt)}</dd>
                  )}
                </div>
              </dl>
              {summary.sessions < 2 ? (
                <p className="mt-4 text-sm text-slate-600">
                  Measured in one session so far: a trend needs two.
                </p>
              ) : (
                <LineChart
                  className="mt-4 h-48"
                  data={series.map((point) => ({
                    session: point.label,
                    [help.label]: point[summary.signal],
                  }))}
                  index="session"
                  categories={[help.label]}
                  colors={[chartColor[summary.signal]]}
                  valueFormatter={format}
                  showLegend={false}
                  connectNulls
                  autoMinValue
                />
              )}
            </Card>
          );
        })}
      </div>
      <p className="text-xs text-slate-500">
        Personal best: the highest value, the lowest for fillers, and the nearest to the 100–165 wpm band for
        pace; a tie goes to the later session.
      </p>
    </div>
  );
}
