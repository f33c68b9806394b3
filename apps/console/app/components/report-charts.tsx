import { BarChart, Card, LineChart } from '@tremor/react';
import type { ReportBody } from '../server/report.server';
import { MetricHelp } from './metric-help';
import { reportHelp } from './report-help';

const percent = (value: number) => `${Math.round(value * 100)} %`;
const outOfTen = (value: number) => `${value.toFixed(1)} /10`;

function EmptyChart({ children }: { children: string }) {
  return <p className="py-8 text-center text-sm text-slate-600">{children}</p>;
}

/** Mean probability of each expression class; the caller omits it when expression analysis was off. */
export function ExpressionDistributionChart({
  distribution,
}: {
  distribution: NonNullable<ReportBody['expressionDistribution']>;
}) {
  return (
    <Card className="p-4">
      <h3 className="font-semibold">Expression distribution</h3>
      <MetricHelp
        meaning={reportHelp.expressionDistribution.meaning}
        formula={reportHelp.expressionDistribution.formula}
      />
      <BarChart
        className="mt-4 h-64"
        data={distribution.map((entry) => ({ expression: entry.expression, Share: entry.share }))}
        index="expression"
        categories={['Share']}
        colors={['indigo']}
        valueFormatter={percent}
        layout="vertical"
        yAxisWidth={72}
        showLegend={false}
      />
    </Card>
  );
}

export function ComposureTimelineChart({ points }: { points: ReportBody['composureTimeline'] }) {
  return (
    <Card className="p-4">
      <h3 className="font-semibold">Composure over the session</h3>
      <MetricHelp
        meaning={reportHelp.composureTimeline.meaning}
        formula={reportHelp.composureTimeline.formula}
      />
      {points.length === 0 ? (
        <EmptyChart>No frame of this session had a face with expression probabilities.</EmptyChart>
      ) : (
        <LineChart
          className="mt-4 h-56"
          data={points.map((point) => ({ at: point.at, Composure: point.composure }))}
          index="at"
          categories={['Composure']}
          colors={['emerald']}
          valueFormatter={percent}
          minValue={0}
          maxValue={1}
          showLegend={false}
          connectNulls
        />
      )}
    </Card>
  );
}

export function VocalConfidenceTimelineChart({ points }: { points: ReportBody['vocalConfidenceTimeline'] }) {
  return (
    <Card className="p-4">
      <h3 className="font-semibold">Vocal confidence per answer</h3>
      <MetricHelp
        meaning={reportHelp.vocalConfidenceTimeline.meaning}
        formula={reportHelp.vocalConfidenceTimeline.formula}
      />
      {points.length === 0 ? (
        <EmptyChart>No answer of this session was scored.</EmptyChart>
      ) : (
        <LineChart
          className="mt-4 h-56"
          data={points.map((point) => ({
            at: `${point.question} · ${point.at}`,
            'Vocal confidence': point.vocalConfidence,
          }))}
          index="at"
          categories={['Vocal confidence']}
          colors={['blue']}
          valueFormatter={outOfTen}
          minValue={0}
          maxValue={10}
          showLegend={false}
        />
      )}
    </Card>
  );
}
