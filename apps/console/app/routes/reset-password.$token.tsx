import { sessionCookie, tooManyRequestsMessage } from '@poise/auth';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Notice, primaryButtonClass, TextField } from '../components/account-form-fields';
import { homePathFor } from '../server/auth.server';
import { clientIp } from '../server/client-ip.server';
import { requireSameOrigin } from '../server/csrf.server';
import { type FieldErrors, rawField } from '../server/forms.server';
import { type LinkState, linkState, secretTokenHash } from '../server/secret-links.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Poise' }];

type ResetField = 'newPassword' | 'confirm';
type BrokenLink = Exclude<LinkState, 'valid'>;

const brokenStatus: Record<BrokenLink, number> = { invalid: 404, expired: 410, 'already-used': 410 };

const brokenMessage: Record<BrokenLink | 'disabled', string> = {
  invalid: 'This reset link is not valid. Check that you copied the whole link, or ask for a new one.',
  expired: 'This reset link has expired: links are valid for one hour. Ask for a new one.',
  'already-used': 'This reset link has already been used. Ask for a new one if you need to.',
  disabled: "This account has been disabled. Please ask your institution's Poise administrator.",
};

export async function loader({ params }: LoaderFunctionArgs) {
  const hash = secretTokenHash(params.token);
  const reset = hash === null ? null : await getServices().authStore.findPasswordReset(hash);
  const state = linkState(reset, new Date());
  if (state === 'valid') return data({ state, message: null });
  return data({ state, message: brokenMessage[state] }, brokenStatus[state]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const form = await request.formData();
  const newPassword = rawField(form, 'newPassword');
  const fail = (fieldErrors: FieldErrors<ResetField>, formError: string | null, status = 400) =>
    data({ fieldErrors, formError }, status);
  if (newPassword !== rawField(form, 'confirm')) return fail({ confirm: 'The two passwords differ.' }, null);

  const { accounts, secureCookies } = getServices();
  const reset = await accounts.resetPassword({
    token: params.token ?? '',
    newPassword,
    ip: clientIp(context),
    userAgent: request.headers.get('User-Agent'),
  });
  if (!reset.ok) {
    if (reset.reason === 'throttled') {
      return data(
        {
          fieldErrors: {} as FieldErrors<ResetField>,
          formError: tooManyRequestsMessage(reset.retryAfterSeconds),
        },
        { status: 429, headers: { 'Retry-After': String(reset.retryAfterSeconds) } },
      );
    }
    if (reset.reason === 'weak-password') {
      return fail({ newPassword: reset.problems.map((problem) => problem.message).join(' ') }, null);
    }
    const status = reset.reason === 'disabled' ? 403 : reset.reason === 'invalid-token' ? 404 : 410;
    return fail({}, brokenMessage[reset.reason === 'invalid-token' ? 'invalid' : reset.reason], status);
  }
  // Every earlier session was revoked with the old password; this device gets the new one.
  throw redirect(homePathFor(reset.user), {
    headers: { 'Set-Cookie': sessionCookie(reset.token, reset.session.expiresAt, { secure: secureCookies }) },
  });
}

export default function ResetPassword() {
  const link = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  if (link.state !== 'valid') {
    return (
      <div className="mx-auto max-w-md text-center">
        <h1 className="text-2xl font-semibold">This link cannot be used</h1>
        <p className="mt-2 text-slate-600">{link.message}</p>
        <Link to="/forgot-password" className="mt-6 inline-block font-medium underline">
          Ask for a new link
        </Link>
      </div>
    );
  }
  const errors: FieldErrors<ResetField> = result?.fieldErrors ?? {};
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every device signed in to your account is signed out; you are signed in here with the new password.
      </p>
      <Form
        method="post"
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        noValidate
      >
        {result?.formError && <Notice tone="error">{result.formError}</Notice>}
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          hint="At least 12 characters; a few unrelated words make a good one."
          autoComplete="new-password"
          error={errors.newPassword}
        />
        <TextField
          name="confirm"
          label="New password again"
          type="password"
          autoComplete="new-password"
          error={errors.confirm}
        />
        <button
          type="submit"
          disabled={navigation.state === 'submitting'}
          className={`w-full ${primaryButtonClass}`}
        >
          Save password and sign in
        </button>
      </Form>
    </div>
  );
}
