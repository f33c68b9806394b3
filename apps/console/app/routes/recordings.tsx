import { candidateSessions } from '@poise/read-models';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { Card } from '@tremor/react';
import { formatDateTime } from '../components/format';
import { Pager } from '../components/pager';
import { recordAudit } from '../server/audit.server';
import { assertPermission, requireUser } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import { pageParam } from '../server/list-page.server';
import { erasureDueBy, parseErasureRequest, pastErasureRequests } from '../server/recordings-erasure.server';
import { getServices } from '../server/services.server';
import { ERASURE_DEADLINE_DAYS } from '../utils/erasure-deadline';

export const meta: MetaFunction = () => [{ title: 'Delete my recordings · Poise' }];

export const RECORDINGS_PAGE_SIZE = 50;

async function requireOwnRecordings(request: Request) {
  const { user } = await requireUser(request);
  assertPermission(user, 'delete:recording:own', { tenantId: user.tenantId, ownerId: user.id });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwnRecordings(request);
  const { readModels } = getServices();
  const page = pageParam(new URL(request.url).searchParams);
  const sessions = await candidateSessions(readModels, {
    tenantId: user.tenantId,
    candidateId: user.id,
    limit: RECORDINGS_PAGE_SIZE,
    offset: (page - 1) * RECORDINGS_PAGE_SIZE,
  });
  return {
    page,
    total: sessions.total,
    sessions: sessions.sessions.map((session) => ({
      sessionId: session.sessionId,
      startedAt: session.startedAt,
      title: session.questionSetTitle ?? 'Untitled question set',
      status: session.status,
    })),
    requests: await pastErasureRequests(readModels, user, new Date()),
  };
}

/**
 * Two steps: `review` checks the choice and asks for confirmation; `confirm` checks it again and
 * records RecordingsErasureRequested, due within 30 days.
 */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await requireOwnRecordings(request);
  const form = await request.formData();
  const parsed = await parseErasureRequest(getServices().readModels, user, form);
  if (!parsed.ok) return data({ formError: parsed.message, confirm: null }, 400);
  if (field(form, 'step') !== 'confirm') {
    return { formError: null, confirm: { scope: parsed.scope, sessions: parsed.sessions } };
  }
  const dueBy = erasureDueBy(new Date());
  await recordAudit(user, {
    type: 'RecordingsErasureRequested',
    data: { candidateId: user.id, scope: parsed.scope, dueBy: dueBy.toISOString() },
  });
  return redirect(`/recordings?requested=${dueBy.toISOString().slice(0, 10)}`);
}

const buttonClass = 'rounded-md px-3 py-1.5 text-sm font-medium';

function Confirmation({
  confirm,
}: {
  confirm: {
    scope: { kind: 'all-sessions' } | { kind: 'sessions'; sessionIds: string[] };
    sessions: { sessionId: string; startedAt: Date; title: string }[];
  };
}) {
  return (
    <Card className="border-red-300 p-4" role="alertdialog" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading" className="font-semibold">
        Delete these recordings?
      </h2>
      {confirm.scope.kind === 'all-sessions' ? (
        <p className="mt-2 text-sm">The recorded frames and audio of all your sessions.</p>
      ) : (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {confirm.sessions.map((session) => (
            <li key={session.sessionId}>
              {formatDateTime(session.startedAt)} · {session.title}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm text-slate-600">
        The recordings are deleted within minutes (at the latest {ERASURE_DEADLINE_DAYS} days) and cannot be
        restored; replays then show the signals and transcript only. Your reports and progress stay.
      </p>
      <Form method="post" className="mt-3 flex flex-wrap gap-2">
        <input type="hidden" name="step" value="confirm" />
        <input type="hidden" name="scope" value={confirm.scope.kind} />
        {confirm.scope.kind === 'sessions' &&
          confirm.scope.sessionIds.map((sessionId) => (
            <input key={sessionId} type="hidden" name="session" value={sessionId} />
          ))}
        <button type="submit" className={`${buttonClass} bg-red-700 text-white hover:bg-red-800`}>
          Yes, delete them
        </button>
        <Link
          to="/recordings"
          className={`${buttonClass} border border-slate-300 bg-white hover:bg-slate-100`}
        >
          Cancel
        </Link>
      </Form>
    </Card>
  );
}

export default function RecordingsPage() {
  const { sessions, requests, page, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const requested = params.get('requested');
  const pages = Math.max(1, Math.ceil(total / RECORDINGS_PAGE_SIZE));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Delete my recordings</h1>
        <p className="mt-1 text-sm text-slate-600">
          Ask for the recorded frames and audio of your sessions to be deleted. They are deleted within
          minutes of your request (the law allows {ERASURE_DEADLINE_DAYS} days); the analysis (scores,
          transcript, reports) stays.
        </p>
      </div>
      {requested !== null && (
        <p className="rounded bg-emerald-50 p-3 text-sm text-emerald-900" role="status">
          Your request was recorded. The recordings are deleted within minutes, and by {requested} at the
          latest.
        </p>
      )}
      {actionData?.formError && (
        <p className="rounded bg-red-50 p-3 text-sm text-red-800" role="alert">
          {actionData.formError}
        </p>
      )}
      {actionData?.confirm ? (
        <Confirmation confirm={actionData.confirm} />
      ) : (
        <Card className="p-4">
          <Form method="post" className="space-y-4">
            <input type="hidden" name="step" value="review" />
            <fieldset className="space-y-2">
              <legend className="font-semibold">What to delete</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="scope" value="all-sessions" /> The recordings of all my sessions
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="scope" value="sessions" defaultChecked /> Only the sessions I choose
                below
              </label>
            </fieldset>
            {sessions.length === 0 ? (
              <p className="text-sm text-slate-600">You have no sessions yet.</p>
            ) : (
              <fieldset className="max-h-96 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
                <legend className="px-1 text-sm font-medium">Sessions</legend>
                {sessions.map((session) => (
                  <label key={session.sessionId} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="session" value={session.sessionId} />
                    {formatDateTime(session.startedAt)} · {session.title} · {session.status}
                  </label>
                ))}
              </fieldset>
            )}
            <button type="submit" className={`${buttonClass} bg-slate-900 text-white`}>
              Review request
            </button>
          </Form>
          {pages > 1 && (
            <Pager
              label={`Page ${page} of ${pages} · ${total} sessions`}
              previous={page > 1 ? `?page=${page - 1}` : null}
              next={page < pages ? `?page=${page + 1}` : null}
            />
          )}
        </Card>
      )}
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading" className="text-lg font-semibold">
          My earlier requests
        </h2>
        {requests.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            None yet. A new request shows here a few seconds after it is recorded.
          </p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {requests.map((entry) => (
              <li key={entry.eventId}>
                {formatDateTime(entry.requestedAt)}:{' '}
                {entry.scope.kind === 'all-sessions'
                  ? 'all sessions'
                  : `${entry.scope.sessionIds.length} session${entry.scope.sessionIds.length === 1 ? '' : 's'}`}
                , due by {entry.dueBy.slice(0, 10)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
