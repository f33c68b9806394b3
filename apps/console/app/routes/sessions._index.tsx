import { candidateSessions, type SessionStatus } from '@poise/read-models';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
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
import { assertPermission, requireUser } from '../server/auth.server';
import { pageParam } from '../server/list-page.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'My sessions · Poise' }];

export const SESSIONS_PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  assertPermission(user, 'read:session:own', { tenantId: user.tenantId, ownerId: user.id });
  const page = pageParam(new URL(request.url).searchParams);
  const result = await candidateSessions(getServices().readModels, {
    tenantId: user.tenantId,
    candidateId: user.id,
    limit: SESSIONS_PAGE_SIZE,
    offset: (page - 1) * SESSIONS_PAGE_SIZE,
  });
  return {
    page,
    total: result.total,
    sessions: result.sessions.map((session) => ({
      sessionId: session.sessionId,
      questionSet: session.questionSetTitle ?? 'Untitled question set',
      status: session.status,
      startedAt: session.startedAt,
      durationMs: session.durationMs,
      answersGiven: session.answersGiven,
      reportCompiled: session.reportCompiled,
    })),
  };
}

const statusColor: Record<SessionStatus, 'blue' | 'emerald' | 'gray'> = {
  'in-progress': 'blue',
  ended: 'emerald',
  abandoned: 'gray',
};

export default function Sessions() {
  const { sessions, page, total } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / SESSIONS_PAGE_SIZE));
  return (
    <div>
      <h1 className="text-2xl font-semibold">My sessions</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every practice interview you started, newest first.{' '}
        <Link to="/recordings" className="underline">
          Delete my recordings
        </Link>
      </p>
      <Card className="mt-6">
        {sessions.length === 0 ? (
          <p className="py-8 text-center text-slate-600">
            {total === 0
              ? 'You have no sessions yet. Start a practice interview to see it here.'
              : 'No sessions on this page.'}
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
                  <TableHeaderCell>Answers</TableHeaderCell>
                  <TableHeaderCell>Report</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {sessions.map((session) => (
                  <TableRow key={session.sessionId}>
                    <TableCell>
                      <Link to={`/sessions/${session.sessionId}`} className="font-medium underline">
                        {formatDateTime(session.startedAt)}
                      </Link>
                    </TableCell>
                    <TableCell>{session.questionSet}</TableCell>
                    <TableCell>
                      <Badge color={statusColor[session.status]}>{session.status}</Badge>
                    </TableCell>
                    <TableCell>{formatDuration(session.durationMs)}</TableCell>
                    <TableCell>{session.answersGiven ?? '—'}</TableCell>
                    <TableCell>
                      {session.reportCompiled ? (
                        <Link to={`/sessions/${session.sessionId}`} className="underline">
                          Open report
                        </Link>
                      ) : (
                        'Not yet'
                      )}{' '}
                      ·{' '}
                      <Link to={`/sessions/${session.sessionId}/replay`} className="underline">
                        Replay
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
      <Pager
        label={`Page ${page} of ${pages} · ${total} session${total === 1 ? '' : 's'}`}
        previous={page > 1 ? `?page=${page - 1}` : null}
        next={page < pages ? `?page=${page + 1}` : null}
      />
    </div>
  );
}
