import { listUsers } from '@poise/read-models';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Badge, Card } from '@tremor/react';
import { buttonClass, FieldError, FormError, inputClass } from '../components/cohort-form-parts';
import { formatDateTime } from '../components/format';
import { recordSessionViewed } from '../server/audit.server';
import { assertPermission, requireUserWithPermission } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import {
  addComment,
  blankRubric,
  parseComment,
  parseRubric,
  type ReviewErrors,
  type RubricValues,
  requireReviewedSession,
  scoreRubric,
  UNKNOWN_ANSWER,
} from '../server/review.server';
import { getServices } from '../server/services.server';
import { isRefusal } from '../server/staff-commands.server';

export const meta: MetaFunction = () => [{ title: 'Review session · Poise' }];

/** Signed in with review rights (else 403), then the session of their tenant (else 404). */
async function reviewAccess(request: Request, sessionId: string | undefined) {
  const { user } = await requireUserWithPermission(request, 'write:review:any');
  const session = await requireReviewedSession(user, sessionId);
  const owned = { tenantId: session.tenantId, ownerId: session.candidateId };
  assertPermission(user, 'write:review:any', owned);
  assertPermission(user, 'read:session:any', owned);
  return { user, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session } = await reviewAccess(request, params.sessionId);
  const people = await listUsers(getServices().readModels, { tenantId: user.tenantId });
  const nameOf = new Map(people.map((person) => [person.userId, person.displayName ?? person.email]));
  // Recorded before the page is served: a failure to record refuses the view.
  await recordSessionViewed(
    user,
    { sessionId: session.sessionId, candidateId: session.candidateId },
    'detail',
  );
  const answerLabel = new Map(session.answers.map((answer) => [answer.answerId, answer.label]));
  return {
    session: {
      sessionId: session.sessionId,
      candidateId: session.candidateId,
      candidateName: nameOf.get(session.candidateId) ?? null,
      startedAt: session.startedAt,
      status: session.status,
      answers: session.answers,
    },
    // Newest first: the latest word on a session is what a coach looks for.
    comments: session.comments
      .map((comment) => ({
        ...comment,
        author: (comment.authorId && nameOf.get(comment.authorId)) ?? 'Unknown author',
        answerLabel: comment.answerId === null ? null : (answerLabel.get(comment.answerId) ?? 'An answer'),
      }))
      .reverse(),
    rubricScores: session.rubricScores
      .map((score) => ({
        ...score,
        author: (score.authorId && nameOf.get(score.authorId)) ?? 'Unknown author',
      }))
      .reverse(),
    rubricDefaults: blankRubric(),
  };
}

function refusedComment(errors: ReviewErrors, values: { text: string; answerId: string }) {
  return data({ intent: 'comment' as const, errors, formError: null, comment: values, rubric: null }, 400);
}

function refusedRubric(errors: ReviewErrors, values: RubricValues) {
  return data({ intent: 'rubric' as const, errors, formError: null, comment: null, rubric: values }, 400);
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user, session } = await reviewAccess(request, params.sessionId);
  const form = await request.formData();
  const intent = field(form, 'intent');
  const back = `/sessions/${session.sessionId}/review`;
  if (intent === 'comment') {
    const parsed = parseComment(form);
    if (!parsed.ok) return refusedComment(parsed.errors, parsed.values);
    try {
      await addComment(user, session.sessionId, parsed);
    } catch (error) {
      if (!isRefusal(error, 'unknown-answer')) throw error;
      return refusedComment(
        { answerId: UNKNOWN_ANSWER },
        { text: parsed.text, answerId: parsed.answerId ?? '' },
      );
    }
    throw redirect(`${back}#comments`);
  }
  if (intent === 'rubric') {
    const parsed = parseRubric(form);
    if (!parsed.ok) return refusedRubric(parsed.errors, parsed.values);
    await scoreRubric(user, session.sessionId, parsed.data);
    throw redirect(`${back}#rubric`);
  }
  return data(
    {
      intent: 'unknown' as const,
      errors: {},
      formError: 'Choose to comment or to score.',
      comment: null,
      rubric: null,
    },
    400,
  );
}

const statusColor = { 'in-progress': 'blue', ended: 'emerald', abandoned: 'gray' } as const;

function CommentForm() {
  const { session } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result?.intent === 'comment' ? result : null;
  const errors: ReviewErrors = failed?.errors ?? {};
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="comment" />
      <div>
        <label htmlFor="comment-answer" className="block text-sm font-medium">
          About
        </label>
        <select
          id="comment-answer"
          name="answerId"
          defaultValue={failed?.comment?.answerId ?? ''}
          className={inputClass}
          aria-invalid={errors.answerId ? true : undefined}
        >
          <option value="">The whole session</option>
          {session.answers.map((answer) => (
            <option key={answer.answerId} value={answer.answerId}>
              {answer.label.length > 90 ? `${answer.label.slice(0, 89)}…` : answer.label}
            </option>
          ))}
        </select>
        <FieldError id="comment-answer-error" message={errors.answerId} />
      </div>
      <div>
        <label htmlFor="comment-text" className="block text-sm font-medium">
          Comment
        </label>
        <textarea
          id="comment-text"
          name="text"
          rows={3}
          maxLength={4000}
          defaultValue={failed?.comment?.text ?? ''}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? 'comment-text-error' : undefined}
          className={inputClass}
        />
        <FieldError id="comment-text-error" message={errors.text} />
      </div>
      <p className="text-xs text-slate-500">
        The candidate’s institution can see comments in the audit trail.
      </p>
      <button type="submit" className={buttonClass}>
        Add comment
      </button>
    </Form>
  );
}

function RubricForm() {
  const { rubricDefaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result?.intent === 'rubric' ? result : null;
  const values = failed?.rubric ?? rubricDefaults;
  const errors: ReviewErrors = failed?.errors ?? {};
  const rows = values.criteria.map((criterion, index) => ({ name: `criterion.${index}`, criterion }));
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="rubric" />
      <FormError message={errors.criteria} />
      <div>
        <label htmlFor="rubric-name" className="block text-sm font-medium">
          Rubric
        </label>
        <input id="rubric-name" name="rubric" defaultValue={values.rubric} className={inputClass} />
        <FieldError id="rubric-name-error" message={errors.rubric} />
      </div>
      <p className="text-xs text-slate-500">
        Score each criterion from 1 (weak) to 5 (excellent); leave blank to skip.
      </p>
      {rows.map(({ name, criterion }) => (
        <fieldset
          key={name}
          className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[1fr_6rem]"
        >
          <legend className="sr-only">Criterion</legend>
          <div>
            <label htmlFor={`${name}.name`} className="block text-xs font-medium">
              Criterion
            </label>
            <input
              id={`${name}.name`}
              name={`${name}.name`}
              defaultValue={criterion.name}
              className={inputClass}
            />
            <FieldError id={`${name}.name-error`} message={errors[`${name}.name`]} />
          </div>
          <div>
            <label htmlFor={`${name}.score`} className="block text-xs font-medium">
              Score
            </label>
            <select
              id={`${name}.score`}
              name={`${name}.score`}
              defaultValue={criterion.score}
              aria-invalid={errors[`${name}.score`] ? true : undefined}
              className={inputClass}
            >
              <option value="">—</option>
              {['1', '2', '3', '4', '5'].map((score) => (
                <option key={score} value={score}>
                  {score}
                </option>
              ))}
            </select>
          </div>
          <div className="sm:col-span-2">
            <FieldError id={`${name}.score-error`} message={errors[`${name}.score`]} />
            <label htmlFor={`${name}.note`} className="sr-only">
              Note on {criterion.name}
            </label>
            <input
              id={`${name}.note`}
              name={`${name}.note`}
              placeholder="Note (optional)"
              defaultValue={criterion.note}
              className={inputClass}
            />
            <FieldError id={`${name}.note-error`} message={errors[`${name}.note`]} />
          </div>
        </fieldset>
      ))}
      <div>
        <label htmlFor="rubric-note" className="block text-sm font-medium">
          Overall note (optional)
        </label>
        <textarea id="rubric-note" name="note" rows={2} defaultValue={values.note} className={inputClass} />
        <FieldError id="rubric-note-error" message={errors.note} />
      </div>
      <button type="submit" className={buttonClass}>
        Save scores
      </button>
    </Form>
  );
}

export default function ReviewSession() {
  const { session, comments, rubricScores } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <p className="text-sm">
        <Link to={`/candidates/${session.candidateId}`} className="underline">
          {session.candidateName ?? 'Candidate'}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          Review of the session of {formatDateTime(session.startedAt)}
        </h1>
        <Badge color={statusColor[session.status]}>{session.status}</Badge>
      </div>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link to={`/sessions/${session.sessionId}`} className="font-medium underline">
          Report
        </Link>
        <Link to={`/sessions/${session.sessionId}/replay`} className="font-medium underline">
          Replay
        </Link>
      </p>
      {result?.formError && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {result.formError}
        </p>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card id="comments">
          <h2 className="text-lg font-semibold">Comments</h2>
          <div className="mt-3">
            <CommentForm />
          </div>
          {comments.length === 0 ? (
            <p className="mt-6 text-sm text-slate-500">No comments yet.</p>
          ) : (
            <ul className="mt-6 divide-y divide-slate-100">
              {comments.map((comment) => (
                <li key={comment.commentId} className="py-3">
                  <p className="text-xs text-slate-500">
                    {comment.author} · {formatDateTime(comment.at)}
                    {comment.answerLabel ? ` · on ${comment.answerLabel}` : ''}
                  </p>
                  <p className="mt-1 whitespace-pre-line text-sm">{comment.text}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="rubric">
          <h2 className="text-lg font-semibold">Rubric score</h2>
          {rubricScores.length > 0 && (
            <ul className="mt-3 space-y-3">
              {rubricScores.map((entry) => (
                <li key={entry.eventId} className="rounded-md bg-slate-50 p-3 text-sm">
                  <p className="text-xs text-slate-500">
                    {entry.rubric} · {entry.author} · {formatDateTime(entry.at)}
                  </p>
                  <ul className="mt-1">
                    {entry.scores.map((score) => (
                      <li key={score.criterion}>
                        <span className="font-medium">{score.score}/5</span> {score.criterion}
                        {score.note && <span className="text-slate-600"> — {score.note}</span>}
                      </li>
                    ))}
                  </ul>
                  {entry.note && <p className="mt-1 whitespace-pre-line text-slate-700">{entry.note}</p>}
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4">
            <RubricForm />
          </div>
        </Card>
      </div>
    </div>
  );
}
