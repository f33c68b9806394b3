import type { CandidateAtRisk } from '@poise/read-models';
import { Link } from '@remix-run/react';
import { Badge } from '@tremor/react';
import { formatSignal, signalHelp } from './signal-help';

/** The reasons, in words a coach can act on. */
export function riskReasons(candidate: CandidateAtRisk): string[] {
  const reasons: string[] = [];
  if (candidate.inactive) {
    reasons.push(
      candidate.daysSincePractice === null
        ? 'Has never practised.'
        : `No practice for ${candidate.daysSincePractice} day${candidate.daysSincePractice === 1 ? '' : 's'}.`,
    );
  }
  for (const decline of candidate.declines) {
    reasons.push(
      `${signalHelp[decline.signal].label} declining: ${formatSignal(decline.signal, decline.previous)} → ${formatSignal(decline.signal, decline.latest)} (mean of the latest sessions against the ones before).`,
    );
  }
  return reasons;
}

export function CohortRiskList({ candidates }: { candidates: CandidateAtRisk[] }) {
  return (
    <ul className="divide-y divide-slate-100">
      {candidates.map((candidate) => (
        <li key={candidate.candidateId} className="flex flex-wrap items-start gap-2 py-3">
          <Link to={`/candidates/${candidate.candidateId}`} className="font-medium underline">
            {candidate.displayName ?? 'Unnamed candidate'}
          </Link>
          {candidate.inactive && <Badge color="amber">inactive</Badge>}
          {candidate.declines.length > 0 && <Badge color="red">declining</Badge>}
          <ul className="w-full list-disc pl-5 text-sm text-slate-700">
            {riskReasons(candidate).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
