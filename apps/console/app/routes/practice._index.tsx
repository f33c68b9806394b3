import { listQuestionSets } from '@poise/read-models';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Card } from '@tremor/react';
import { assertPermission, requireUser } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import { currentPolicy, startPracticeSession } from '../server/practice.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Practise · Poise' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  assertPermission(user, 'write:session:own', { tenantId: user.tenantId, ownerId: user.id });
  const { readModels, eventLog, capture } = getServices();
  const [sets, policy] = await Promise.all([
    listQuestionSets(readModels, { tenantId: user.tenantId }),
    currentPolicy(eventLog, user.tenantId),
  ]);
  return {
    available: capture !== null,
    policy,
    questionSets: sets
      .filter((set) => set.questions > 0)
      .map((set) => ({
        questionSetId: set.questionSetId,
        title: set.title,
        description: set.description,
        questions: set.questions,
      })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUser(request);
  assertPermission(user, 'write:session:own', { tenantId: user.tenantId, ownerId: user.id });
  const questionSetId = field(await request.formData(), 'questionSetId');
  const started = await startPracticeSession(user, questionSetId);
  if (!started.ok) return data({ error: started.message }, started.status);
  // The token travels in the fragment: browsers never send it to a server or write it to a log.
  throw redirect(started.roomUrl);
}

export default function Practice() {
  const { questionSets, policy, available } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const starting = navigation.state !== 'idle';
  return (
    <div>
      <h1 className="text-2xl font-semibold">Practise an interview</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Pick a question set. The interview room opens in this tab: it explains what is recorded and asks for
        your consent before your camera or microphone is used. Your institution's policy:{' '}
        {policy.expressionAnalysis ? 'facial expression analysis is on' : 'facial expression analysis is off'}
        ; raw recordings are kept for {policy.rawMediaRetentionDays} day
        {policy.rawMediaRetentionDays === 1 ? '' : 's'}.
      </p>
      {actionData?.error ? (
        <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {actionData.error}
        </p>
      ) : null}
      {!available ? (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Practice is not available here: no interview room is configured.
        </p>
      ) : questionSets.length === 0 ? (
        <Card className="mt-6">
          <p className="py-8 text-center text-slate-600">
            Your institution has no question sets with questions yet. Ask your careers staff to add one.
          </p>
        </Card>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2">
          {questionSets.map((set) => (
            <li key={set.questionSetId}>
              <Card className="flex h-full flex-col">
                <h2 className="text-lg font-medium">{set.title}</h2>
                {set.description ? <p className="mt-1 text-sm text-slate-600">{set.description}</p> : null}
                <p className="mt-2 text-sm text-slate-500">
                  {set.questions} question{set.questions === 1 ? '' : 's'}
                </p>
                <Form method="post" className="mt-auto pt-4">
                  <input type="hidden" name="questionSetId" value={set.questionSetId} />
                  <button
                    type="submit"
                    disabled={starting}
                    className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-900 focus-visible:ring-offset-2 disabled:opacity-60"
                  >
                    {starting ? 'Starting…' : 'Start this interview'}
                  </button>
                </Form>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
