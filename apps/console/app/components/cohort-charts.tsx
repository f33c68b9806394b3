/** The cohort dashboard's charts; each carries its meaning and formula (MetricHelp). */
import type { CohortWeek, DistributionBucket, SessionSignal } from '@poise/read-models';
import { BarChart, Card, LineChart } from '@tremor/react';
import {
  cohortSignalFormula,
  cohortSignalKey,
  distributionHelp,
  paceBandHelp,
  practiceVolumeHelp,
} from './cohort-signal-help';
import { MetricHelp } from './metric-help';
import { formatSignal, signalHelp } from './signal-help';

/** "2025-03-03" → "3 Mar": short enough for a phone's x-axis. */
function weekLabel(week: string): string {
  const date = new Date(`${week}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function NoPractice() {
  return <p className="py-10 text-center text-sm text-slate-500">No practice in this period yet.</p>;
}

export function PracticeVolumeChart({ weeks }: { weeks: CohortWeek[] }) {
  const any = weeks.some((week) => week.sessionsStarted > 0);
  return (
    <Card>
      <h2 className="font-semibold">Weekly practice volume</h2>
      <MetricHelp {...practiceVolumeHelp} />
      {any ? (
        <BarChart
          className="mt-4 h-64"
          data={weeks.map((week) => ({
            week: weekLabel(week.week),
            Started: week.sessionsStarted,
            Completed: week.sessionsCompleted,
            'Active candidates': week.activeCandidates,
          }))}
          index="week"
          categories={['Started', 'Completed', 'Active candidates']}
          colors={['slate', 'emerald', 'blue']}
          allowDecimals={false}
          yAxisWidth={40}
        />
      ) : (
        <NoPractice />
      )}
    </Card>
  );
}

/** Shares are charted as percentages, so the axis reads 0–100 rather than 0–1. */
function chartValue(signal: SessionSignal, value: number | null): number | null {
  if (value === null) return null;
  return signalHelp[signal].display === 'percent' ? value * 100 : value;
}

function chartFormatter(signal: SessionSignal): (value: number) => string {
  const percent = signalHelp[signal].display === 'percent';
  return (value) => formatSignal(signal, percent ? value / 100 : value);
}

export function SignalTrendChart({ signal, weeks }: { signal: SessionSignal; weeks: CohortWeek[] }) {
  const help = signalHelp[signal];
  const key = cohortSignalKey[signal];
  const points = weeks.map((week) => ({
    week: weekLabel(week.week),
    [help.label]: chartValue(signal, week[key]),
  }));
  const measured = weeks.some((week) => week[key] !== null);
  return (
    <Card>
      <h2 className="font-semibold">{help.label}</h2>
      <MetricHelp meaning={help.meaning} formula={cohortSignalFormula(signal)} />
      {measured ? (
        <LineChart
          className="mt-4 h-48"
          data={points}
          index="week"
          categories={[help.label]}
          colors={['indigo']}
          valueFormatter={chartFormatter(signal)}
          connectNulls
          showLegend={false}
          yAxisWidth={48}
        />
      ) : (
        <p className="py-10 text-center text-sm text-slate-500">Not measured in this period.</p>
      )}
    </Card>
  );
}

export function PaceBandChart({ weeks }: { weeks: CohortWeek[] }) {
  const measured = weeks.some((week) => week.paceInBandShare !== null);
  return (
    <Card>
      <h2 className="font-semibold">Answers in the pace band</h2>
      <MetricHelp {...paceBandHelp} />
      {measured ? (
        <LineChart
          className="mt-4 h-48"
          data={weeks.map((week) => ({
            week: weekLabel(week.week),
            'In band': week.paceInBandShare === null ? null : week.paceInBandShare * 100,
          }))}
          index="week"
          categories={['In band']}
          colors={['emerald']}
          valueFormatter={(value) => `${Math.round(value)} %`}
          connectNulls
          showLegend={false}
          yAxisWidth={48}
        />
      ) : (
        <p className="py-10 text-center text-sm text-slate-500">Not measured in this period.</p>
      )}
    </Card>
  );
}

export function DistributionChart({
  signal,
  buckets,
}: {
  signal: SessionSignal;
  buckets: DistributionBucket[];
}) {
  const format = (value: number) => formatSignal(signal, value);
  const sessions = buckets.reduce((sum, bucket) => sum + bucket.sessions, 0);
  return (
    <div>
      <MetricHelp {...distributionHelp(signal)} />
      {sessions === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">No reported sessions in this period.</p>
      ) : (
        <BarChart
          className="mt-4 h-56"
          data={buckets.map((bucket) => ({
            band: `${format(bucket.from)}–${format(bucket.to)}`,
            Sessions: bucket.sessions,
          }))}
          index="band"
          categories={['Sessions']}
          colors={['violet']}
          allowDecimals={false}
          showLegend={false}
          yAxisWidth={40}
        />
      )}
    </div>
  );
}
