import { randomUUID } from 'node:crypto';
import { userCan } from '@poise/auth';
import { EventValidationError } from '@poise/schemas';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Card } from '@tremor/react';
import { secondaryButtonClass } from '../components/cohort-form-parts';
import { formatDateTime } from '../components/format';
import { QuestionSummary } from '../components/question-card';
import {
  blankQuestionValues,
  QuestionEditor,
  type QuestionFieldErrors,
  type QuestionFormValues,
} from '../components/question-form';
import { requireUserWithPermission } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import { parseQuestionForm, questionFormValues } from '../server/question-form.server';
import {
  addQuestion,
  MAX_QUESTIONS,
  removeQuestion,
  requireQuestionSet,
  updateQuestion,
} from '../server/question-sets.server';
import { type AppendOutcome, isRefusal } from '../server/staff-commands.server';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.questionSet.title ?? 'Question set'} · Poise` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:question-set:any');
  const questionSet = await requireQuestionSet(user, params.questionSetId);
  const editId = new URL(request.url).searchParams.get('edit');
  const editing = questionSet.questions.find((entry) => entry.questionId === editId);
  return {
    questionSet: {
      questionSetId: questionSet.questionSetId,
      title: questionSet.title,
      description: questionSet.description,
      language: questionSet.language,
      createdAt: questionSet.createdAt,
      questions: questionSet.questions,
    },
    editing:
      editing === undefined
        ? null
        : { questionId: editing.questionId, values: questionFormValues(editing.question) },
    canEdit: userCan(user, 'write:question-set:any', { tenantId: user.tenantId }),
  };
}

type Intent = 'add' | 'update' | 'remove';

function refused(
  intent: string,
  status: number,
  problem: {
    errors?: QuestionFieldErrors;
    formError?: string;
    values?: QuestionFormValues;
    questionId?: string;
  },
) {
  return data(
    {
      intent,
      questionId: problem.questionId ?? null,
      errors: problem.errors ?? {},
      formError: problem.formError ?? null,
      values: problem.values ?? null,
    },
    status,
  );
}

const CONFLICT =
  'Someone changed this question set at the same moment. Reload it and make your change again.';

const NO_LONGER_THERE = 'That question is no longer in this set.';

/**
 * Appends, turning a contract refusal into a message on the form rather than a crash; the
 * question set's rules (DomainRuleError) are left to the action, which knows the form.
 */
async function saved(append: () => Promise<AppendOutcome>): Promise<'appended' | 'conflict' | string> {
  try {
    return await append();
  } catch (error) {
    if (error instanceof EventValidationError) return `The question could not be saved: ${error.message}`;
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUserWithPermission(request, 'write:question-set:any');
  const questionSet = await requireQuestionSet(user, params.questionSetId);
  const form = await request.formData();
  const intent = field(form, 'intent') as Intent;
  const base = `/question-sets/${questionSet.questionSetId}`;
  const questionId = field(form, 'questionId');

  if (intent === 'add') {
    const parsed = parseQuestionForm(form);
    if (!parsed.ok) return refused(intent, 400, { errors: parsed.errors, values: parsed.values });
    const positionText = field(form, 'position');
    const position = positionText === '' ? questionSet.questions.length : Number(positionText);
    const newId = randomUUID();
    try {
      const outcome = await saved(() => addQuestion(user, questionSet, newId, position, parsed.question));
      if (outcome !== 'appended') {
        const formError = outcome === 'conflict' ? CONFLICT : outcome;
        return refused(intent, outcome === 'conflict' ? 409 : 400, { formError, values: parsed.values });
      }
    } catch (error) {
      if (isRefusal(error, 'set-full')) {
        const formError = `A set holds at most ${MAX_QUESTIONS} questions.`;
        return refused(intent, 400, { formError, values: parsed.values });
      }
      if (isRefusal(error, 'position-out-of-range')) {
        const errors = { position: `Choose a place from 1 to ${questionSet.questions.length + 1}.` };
        return refused(intent, 400, { errors, values: parsed.values });
      }
      throw error;
    }
    throw redirect(`${base}#q-${newId}`);
  }
  if (intent === 'remove') {
    try {
      if ((await removeQuestion(user, questionSet, questionId)) === 'conflict') {
        return refused(intent, 409, { formError: CONFLICT, questionId });
      }
    } catch (error) {
      if (isRefusal(error, 'unknown-question')) return refused(intent, 400, { formError: NO_LONGER_THERE });
      throw error;
    }
    throw redirect(base);
  }
  if (intent === 'update') {
    const parsed = parseQuestionForm(form);
    if (!parsed.ok) return refused(intent, 400, { errors: parsed.errors, values: parsed.values, questionId });
    try {
      const outcome = await saved(() => updateQuestion(user, questionSet, questionId, parsed.question));
      if (outcome !== 'appended') {
        const formError = outcome === 'conflict' ? CONFLICT : outcome;
        return refused(intent, outcome === 'conflict' ? 409 : 400, {
          formError,
          values: parsed.values,
          questionId,
        });
      }
    } catch (error) {
      if (isRefusal(error, 'unknown-question')) return refused(intent, 400, { formError: NO_LONGER_THERE });
      throw error;
    }
    throw redirect(`${base}#q-${questionId}`);
  }
  return refused(intent, 400, { formError: 'Choose to add, edit or remove a question.' });
}

export default function QuestionSetPage() {
  const { questionSet, editing, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/question-sets/${questionSet.questionSetId}`;
  const failedUpdate = result?.intent === 'update' ? result : null;
  const editorFor = (questionId: string) =>
    failedUpdate?.questionId === questionId && failedUpdate.values !== null
      ? { values: failedUpdate.values, errors: failedUpdate.errors, formError: failedUpdate.formError }
      : editing?.questionId === questionId
        ? { values: editing.values, errors: {}, formError: null }
        : null;
  const addResult = result?.intent === 'add' ? result : null;
  const count = questionSet.questions.length;
  return (
    <div>
      <p className="text-sm">
        <Link to="/question-sets" className="underline">
          Question sets
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{questionSet.title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {questionSet.description ? `${questionSet.description} · ` : ''}
        {count} question{count === 1 ? '' : 's'} · {questionSet.language} · created{' '}
        {formatDateTime(questionSet.createdAt)}
      </p>
      {result?.intent === 'remove' && result.formError && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {result.formError}
        </p>
      )}
      <div className="mt-6 space-y-4">
        {count === 0 && (
          <Card>
            <p className="py-6 text-center text-slate-600">No questions yet. Add the first one below.</p>
          </Card>
        )}
        {questionSet.questions.map((entry, index) => {
          const editor = canEdit ? editorFor(entry.questionId) : null;
          return (
            <Card key={entry.questionId} id={`q-${entry.questionId}`}>
              {editor === null ? (
                <>
                  <QuestionSummary question={entry.question} number={index + 1} />
                  {canEdit && (
                    <div className="mt-3 flex flex-wrap gap-2">
                      <Link
                        to={`${base}?edit=${entry.questionId}#q-${entry.questionId}`}
                        className={secondaryButtonClass}
                      >
                        Edit
                      </Link>
                      <details>
                        <summary className={`${secondaryButtonClass} cursor-pointer list-none`}>
                          Remove…
                        </summary>
                        <Form method="post" className="mt-2 flex items-center gap-2 text-sm">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="questionId" value={entry.questionId} />
                          <span>Earlier sessions keep their scores.</span>
                          <button type="submit" className="rounded-md bg-red-700 px-3 py-1.5 text-white">
                            Remove question {index + 1}
                          </button>
                        </Form>
                      </details>
                    </div>
                  )}
                </>
              ) : (
                <>
                  <h2 className="mb-3 font-semibold">Edit question {index + 1}</h2>
                  <QuestionEditor
                    intent="update"
                    questionId={entry.questionId}
                    values={editor.values}
                    errors={editor.errors}
                    formError={editor.formError}
                    submitLabel="Save question"
                    cancelTo={base}
                  />
                </>
              )}
            </Card>
          );
        })}
      </div>
      {canEdit && (
        <Card className="mt-8">
          <h2 className="mb-3 text-lg font-semibold">Add a question</h2>
          <QuestionEditor
            // A fresh editor after each successful add, so the last question's text does not linger.
            key={count}
            intent="add"
            values={addResult?.values ?? blankQuestionValues}
            errors={addResult?.errors ?? {}}
            formError={addResult?.formError ?? null}
            positions={count}
            submitLabel="Add question"
          />
        </Card>
      )}
    </div>
  );
}
