import { Link } from '@remix-run/react';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { ImprovementRow } from '../server/cohort-improvement.server';
import { signalOrder } from './cohort-signal-help';
import { formatSignal, signalHelp } from './signal-help';

const directionClass = { better: 'text-emerald-700', worse: 'text-red-700', same: 'text-slate-600' } as const;

export function CohortImprovementTable({ rows }: { rows: ImprovementRow[] }) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Candidate</TableHeaderCell>
            <TableHeaderCell>Sessions</TableHeaderCell>
            {signalOrder.map((signal) => (
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
              {signalOrder.map((signal) => {
                const change = row.signals[signal];
                if (change === undefined) {
                  return (
                    <TableCell key={signal} className="text-slate-400">
                      —
                    </TableCell>
                  );
                }
                return (
                  <TableCell key={signal} className="whitespace-nowrap">
                    {formatSignal(signal, change.first)} →{' '}
                    <span className={`font-medium ${directionClass[change.direction]}`}>
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
