import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Card } from '@tremor/react';
import { formatDateTime } from '../components/format';
import { ReplayPlayer } from '../components/replay-player';
import { formatSignal } from '../components/signal-help';
import { formatOffset } from '../components/timeline-format';
import { recordSessionViewed } from '../server/audit.server';
import { describeMediaDeletion, mediaDeletion } from '../server/media-deletion.server';
import { loadReplay } from '../server/replay.server';
import { reportSessionView } from '../server/report.server';
import { requireSessionAccess } from '../server/report-access.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Replay · Poise' }];

/** `?answer=` counted from 1; anything else replays the first answer. */
function answerNumber(url: URL): number {
  const answer = Number(url.searchParams.get('answer'));
  return Number.isInteger(answer) && answer >= 1 ? answer : 1;
}

/** GET /sessions/:sessionId/replay?answer=N — one answer at a time; others' views are audited first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session } = await requireSessionAccess(request, params.sessionId, 'read:session:own');
  const { readModels, mediaStore } = getServices();
  const replay = await loadReplay(
    readModels,
    mediaStore,
    user.tenantId,
    session,
    answerNumber(new URL(request.url)),
  );
  await recordSessionViewed(
    user,
    { sessionId: session.sessionId, candidateId: session.candidateId },
    'replay',
  );
  const deletion =
    replay.media === 'gone' ? await mediaDeletion(readModels, user.tenantId, session.sessionId) : null;
  return {
    session: reportSessionView(session),
    viewerIsCandidate: user.id === session.candidateId,
    mediaGoneBecause: deletion === null ? null : describeMediaDeletion(deletion),
    ...replay,
  };
}

export default function ReplayPage() {
  const { session, answers, current, media, mediaGoneBecause, viewerIsCandidate } =
    useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <Link to={`/sessions/${session.sessionId}`} className="text-sm text-slate-600 hover:underline">
          ← Report
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Replay</h1>
        <p className="mt-1 text-sm text-slate-600">
          {session.questionSetTitle} · {formatDateTime(session.startedAt)}
        </p>
        {!viewerIsCandidate && (
          <p className="mt-1 text-xs text-slate-500">
            Candidate {session.candidateId}. Your view of this replay is recorded in the audit trail.
          </p>
        )}
      </div>
      {current === null ? (
        <Card>
          <p className="py-6 text-center text-slate-600">This session has no scored answer to replay yet.</p>
        </Card>
      ) : (
        <>
          <nav aria-label="Answers" className="flex flex-wrap gap-2">
            {answers.map((answer) => (
              <Link
                key={answer.ordinal}
                to={`?answer=${answer.ordinal}`}
                className={`max-w-xs truncate rounded-md border px-3 py-1.5 text-sm ${
                  answer.ordinal === current.ordinal
                    ? 'border-slate-900 bg-slate-900 text-white'
                    : 'border-slate-300 bg-white hover:bg-slate-100'
                }`}
                aria-current={answer.ordinal === current.ordinal ? 'page' : undefined}
                title={answer.question}
              >
                {answer.ordinal}. {answer.question}
                {answer.followUp ? ' (follow-up)' : ''}
              </Link>
            ))}
          </nav>
          <Card className="p-4">
            <h2 className="font-semibold">
              {current.ordinal}. {current.question}
            </h2>
            <p className="mt-1 text-xs text-slate-600">
              From {formatOffset(current.sessionOffsetMs)} into the session · relevance{' '}
              {formatSignal('relevance', current.scores.relevance)} · pace{' '}
              {formatSignal('wordsPerMinute', current.scores.wordsPerMinute)} · fillers{' '}
              {formatSignal('fillersPerMinute', current.scores.fillersPerMinute)} · vocal confidence{' '}
              {formatSignal('vocalConfidence', current.scores.vocalConfidence)}
              {!current.scores.contentScored && ' · content not scored: no transcript'}
            </p>
            {media === 'gone' && (
              <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900" role="note">
                {mediaGoneBecause ?? 'The recorded frames of this answer are no longer kept.'} Every signal
                and the transcript remain.
              </p>
            )}
            <div className="mt-4">
              <ReplayPlayer
                key={`${session.sessionId}-${current.ordinal}`}
                answer={current}
                media={media}
                expressionAnalysis={session.expressionAnalysis}
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
