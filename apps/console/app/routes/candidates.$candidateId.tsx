import { candidateSessions, type SessionStatus } from '@poise/read-models';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import {
  Badge,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@tremor/react';
import { formatDateTime, formatDuration } from '../components/format';
import { Pager } from '../components/pager';
import { ProgressView } from '../components/progress-view';
import { pagerLinks } from '../components/staff-page-links';
import { assertPermission, requireUserWithPermission } from '../server/auth.server';
import { requireTenantCandidate } from '../server/candidates.server';
import { pageParam } from '../server/list-page.server';
import { loadProgress } from '../server/progress.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.candidate.displayName ?? 'Candidate'} · Poise` },
];

export const CANDIDATE_SESSIONS_PAGE_SIZE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:user:any');
  const candidate = await requireTenantCandidate(user, params.candidateId);
  const owned = { tenantId: user.tenantId, ownerId: candidate.userId };
  assertPermission(user, 'read:progress:any', owned);
  assertPermission(user, 'read:session:any', owned);
  const { readModels } = getServices();
  const page = pageParam(new URL(request.url).searchParams);
  const sessions = await candidateSessions(readModels, {
    tenantId: user.tenantId,
    candidateId: candidate.userId,
    limit: CANDIDATE_SESSIONS_PAGE_SIZE,
    offset: (page - 1) * CANDIDATE_SESSIONS_PAGE_SIZE,
  });
  const progress = await loadProgress(readModels, user.tenantId, candidate.userId);
  return {
    candidate: {
      candidateId: candidate.userId,
      displayName: candidate.displayName,
      email: candidate.email,
      registeredAt: candidate.registeredAt,
    },
    sessions: {
      page,
      pages: Math.max(1, Math.ceil(sessions.total / CANDIDATE_SESSIONS_PAGE_SIZE)),
      total: sessions.total,
      items: sessions.sessions.map((session) => ({
        sessionId: session.sessionId,
        questionSet: session.questionSetTitle ?? 'Untitled question set',
        status: session.status,
        startedAt: session.startedAt,
        durationMs: session.durationMs,
        reportCompiled: session.reportCompiled,
      })),
    },
    progress,
  };
}

const statusColor: Record<SessionStatus, 'blue' | 'emerald' | 'gray'> = {
  'in-progress': 'blue',
  ended: 'emerald',
  abandoned: 'gray',
};

export default function CandidateDrillDown() {
  const { candidate, sessions, progress } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div>
      <p className="text-sm">
        <Link to="/candidates" className="underline">
          Candidates
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{candidate.displayName ?? 'Candidate not registered yet'}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {candidate.email ?? ''}
        {candidate.registeredAt ? ` · registered ${formatDateTime(candidate.registeredAt)}` : ''}
      </p>

      <h2 className="mt-8 text-lg font-semibold">Sessions</h2>
      <Card className="mt-3">
        {sessions.items.length === 0 ? (
          <p className="py-8 text-center text-slate-600">
            {sessions.total === 0 ? 'No practice sessions yet.' : 'No sessions on this page.'}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Started</TableHeaderCell>
                  <TableHeaderCell>Question set</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Duration</TableHeaderCell>
                  <TableHeaderCell>Open</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {sessions.items.map((session) => (
                  <TableRow key={session.sessionId}>
                    <TableCell className="whitespace-nowrap">{formatDateTime(session.startedAt)}</TableCell>
                    <TableCell>{session.questionSet}</TableCell>
                    <TableCell>
                      <Badge color={statusColor[session.status]}>{session.status}</Badge>
                    </TableCell>
                    <TableCell>{formatDuration(session.durationMs)}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      {session.reportCompiled ? (
                        <Link to={`/sessions/${session.sessionId}`} className="underline">
                          Report
                        </Link>
                      ) : (
                        <span className="text-slate-500">No report yet</span>
                      )}
                      {' · '}
                      <Link to={`/sessions/${session.sessionId}/review`} className="underline">
                        Review
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Pager
          label={`Page ${sessions.page} of ${sessions.pages} · ${sessions.total} session${sessions.total === 1 ? '' : 's'}`}
          {...pagerLinks(location.search, 'page', sessions)}
        />
      </Card>

      <h2 className="mt-8 text-lg font-semibold">Progress</h2>
      <div className="mt-3">
        <ProgressView data={progress} subject="candidate" />
      </div>
    </div>
  );
}
