import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Badge, Card } from '@tremor/react';
import { formatDateTime, formatDuration } from '../components/format';
import { ReportAnswers } from '../components/report-answers';
import {
  ComposureTimelineChart,
  ExpressionDistributionChart,
  VocalConfidenceTimelineChart,
} from '../components/report-charts';
import { ReportSummary } from '../components/report-summary';
import { recordReportViewed } from '../server/audit.server';
import { loadReport, type ReportPageData, reportSessionView } from '../server/report.server';
import { requireSessionAccess } from '../server/report-access.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Session report · Poise' }];

/** GET /sessions/:sessionId — the report; a view by anyone but the candidate is audited first. */
export async function loader({ request, params }: LoaderFunctionArgs): Promise<ReportPageData> {
  const { user, session } = await requireSessionAccess(request, params.sessionId, 'read:report:own');
  const report = await loadReport(getServices().readModels, user.tenantId, session);
  await recordReportViewed(user, { sessionId: session.sessionId, candidateId: session.candidateId });
  return { session: reportSessionView(session), viewerIsCandidate: user.id === session.candidateId, report };
}

const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100';

export default function SessionReportPage() {
  const { session, report, viewerIsCandidate } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <Link
          to={viewerIsCandidate ? '/sessions' : `/candidates/${session.candidateId}`}
          className="text-sm text-slate-600 hover:underline"
        >
          ← {viewerIsCandidate ? 'My sessions' : 'Candidate'}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Session report</h1>
        <p className="mt-1 text-sm text-slate-600">
          {session.questionSetTitle} · {formatDateTime(session.startedAt)} ·{' '}
          {formatDuration(session.durationMs)}{' '}
          <Badge color={session.status === 'ended' ? 'emerald' : 'gray'}>{session.status}</Badge>
        </p>
        {!viewerIsCandidate && (
          <p className="mt-1 text-xs text-slate-500">
            Candidate {session.candidateId}. Your view of this report is recorded in the audit trail.
          </p>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          <Link to={`/sessions/${session.sessionId}/replay`} className={linkClass}>
            Replay
          </Link>
          {report !== null && (
            // A POST (the export is recorded); a plain form, so the browser downloads the file.
            <form method="post" action={`/sessions/${session.sessionId}/report.pdf`}>
              <button type="submit" className={linkClass}>
                Export PDF
              </button>
            </form>
          )}
        </div>
      </div>

      {report === null ? (
        <Card>
          <p className="py-6 text-center text-slate-600">
            {session.status === 'in-progress'
              ? 'This session is still running: its report is compiled when it ends.'
              : session.status === 'abandoned'
                ? 'This session was abandoned before it ended, so it has no report. Its replay still shows what was recorded.'
                : 'The report is being compiled. Reload this page in a moment.'}
          </p>
        </Card>
      ) : (
        <>
          <ReportSummary
            summary={report.summary}
            stressAlerts={report.stressAlerts}
            earlierSessions={report.earlierSessions}
            expressionAnalysis={session.expressionAnalysis}
          />
          <section aria-labelledby="timelines-heading" className="space-y-3">
            <h2 id="timelines-heading" className="text-lg font-semibold">
              Over the session
            </h2>
            {!session.expressionAnalysis && (
              <p className="text-sm text-slate-600">
                Expression analysis was off for this session (your institution's policy), so composure and the
                expression distribution were not measured. Every other signal was.
              </p>
            )}
            <div className="grid gap-3 lg:grid-cols-2">
              {session.expressionAnalysis && <ComposureTimelineChart points={report.composureTimeline} />}
              <VocalConfidenceTimelineChart points={report.vocalConfidenceTimeline} />
              {report.expressionDistribution !== null && (
                <ExpressionDistributionChart distribution={report.expressionDistribution} />
              )}
            </div>
          </section>
          <ReportAnswers answers={report.answers} />
        </>
      )}
    </div>
  );
}
