import { randomUUID } from 'node:crypto';
import { textLimit } from '@poise/schemas';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { Card } from '@tremor/react';
import { buttonClass, Field, inputClass } from '../components/cohort-form-parts';
import { requireUserWithPermission } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { type FieldErrors, field, hasErrors } from '../server/forms.server';
import { createQuestionSet } from '../server/question-sets.server';

export const meta: MetaFunction = () => [{ title: 'New question set · Poise' }];

type SetField = 'title' | 'description' | 'language';

/** The contract's limits (schemas/src/events/question-sets.ts), not restated here. */
const TITLE_LIMIT = textLimit('QuestionSetCreated', ['title']);
const DESCRIPTION_LIMIT = textLimit('QuestionSetCreated', ['description']);

/** BCP 47 as the browser's speech APIs take it (the event contract's pattern). */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, 'write:question-set:any');
  return null;
}

function validate(values: Record<SetField, string>): FieldErrors<SetField> {
  return {
    title:
      values.title === ''
        ? 'Give the question set a title.'
        : values.title.length > TITLE_LIMIT
          ? `A title has at most ${TITLE_LIMIT} characters.`
          : undefined,
    description:
      values.description.length > DESCRIPTION_LIMIT
        ? `A description has at most ${DESCRIPTION_LIMIT} characters.`
        : undefined,
    language: LANGUAGE_TAG.test(values.language) ? undefined : 'Enter a language tag like en or en-GB.',
  };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUserWithPermission(request, 'write:question-set:any');
  const form = await request.formData();
  const values = {
    title: field(form, 'title'),
    description: field(form, 'description'),
    language: field(form, 'language'),
  };
  const fieldErrors = validate(values);
  if (hasErrors(fieldErrors)) return data({ fieldErrors, values }, 400);
  const questionSetId = randomUUID();
  await createQuestionSet(user, questionSetId, values);
  throw redirect(`/question-sets/${questionSetId}`);
}

export default function NewQuestionSet() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm">
        <Link to="/question-sets" className="underline">
          Question sets
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">New question set</h1>
      <p className="mt-1 text-sm text-slate-600">Create the set, then add its questions.</p>
      <Card className="mt-6">
        <Form method="post" className="space-y-4" noValidate>
          <Field id="set-title" label="Title" error={errors.title}>
            {(wiring) => (
              <input
                {...wiring}
                name="title"
                maxLength={160}
                placeholder="Graduate behavioural interview"
                defaultValue={result?.values.title ?? ''}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="set-description" label="Description (optional)" error={errors.description}>
            {(wiring) => (
              <textarea
                {...wiring}
                name="description"
                rows={3}
                maxLength={2000}
                defaultValue={result?.values.description ?? ''}
                className={inputClass}
              />
            )}
          </Field>
          <Field
            id="set-language"
            label="Language"
            hint="Used for speech recognition and reading questions aloud, e.g. en, en-GB, de."
            error={errors.language}
          >
            {(wiring) => (
              <input
                {...wiring}
                name="language"
                defaultValue={result?.values.language ?? 'en-GB'}
                className={inputClass}
              />
            )}
          </Field>
          <button type="submit" className={buttonClass} disabled={navigation.state === 'submitting'}>
            Create question set
          </button>
        </Form>
      </Card>
    </div>
  );
}
