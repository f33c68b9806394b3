import type { CandidateImprovement, SessionSignal } from '@poise/read-models';
import { PACE_BAND_WPM, sessionSignals, signalDefinitions } from '@poise/read-models';
import { Link } from '@remix-run/react';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { formatSignal, signalHelp } from './signal-help';

function distanceFromBand(wpm: number): number {
  return Math.max(PACE_BAND_WPM.min - wpm, wpm - PACE_BAND_WPM.max, 0);
}

/** Whether moving from `first` to `latest` is better, worse or neither for the signal. */
export function direction(signal: SessionSignal, first: number, latest: number): 'better' | 'worse' | 'same' {
  const better = signalDefinitions[signal].better;
  const gain =
    better === 'higher'
      ? latest - first
      : better === 'lower'
        ? first - latest
        : distanceFromBand(first) - distanceFromBand(latest);
  return gain > 0 ? 'better' : gain < 0 ? 'worse' : 'same';
}

const directionClass = { better: 'text-emerald-700', worse: 'text-red-700', same: 'text-slate-600' } as const;

export function CohortImprovementTable({ rows }: { rows: CandidateImprovement[] }) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Candidate</TableHeaderCell>
            <TableHeaderCell>Sessions</TableHeaderCell>
            {sessionSignals.map((signal) => (
              <TableHeaderCell key={signal}>{signalHelp[signal].label}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.candidateId}>
              <TableCell>
                <Link to={`/candidates/${row.candidateId}`} className="font-medium underline">
                  {row.displayName ?? 'Unnamed candidate'}
                </Link>
              </TableCell>
              <TableCell>{row.sessions}</TableCell>
              {sessionSignals.map((signal) => {
                const change = row.signals[signal];
                if (change === undefined) {
                  return (
                    <TableCell key={signal} className="text-slate-400">
                      —
                    </TableCell>
                  );
                }
                const way = direction(signal, change.first, change.latest);
                return (
                  <TableCell key={signal} className="whitespace-nowrap">
                    {formatSignal(signal, change.first)} →{' '}
                    <span className={`font-medium ${directionClass[way]}`}>
                      {formatSignal(signal, change.latest)}
                    </span>
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
