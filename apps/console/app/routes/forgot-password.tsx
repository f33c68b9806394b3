import { tooManyRequestsMessage } from '@poise/auth';
import { TENANT_ID_PATTERN } from '@poise/schemas';
import { type ActionFunctionArgs, data, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { Notice, primaryButtonClass, TextField } from '../components/account-form-fields';
import { clientIp } from '../server/client-ip.server';
import { requireSameOrigin } from '../server/csrf.server';
import { type FieldErrors, field } from '../server/forms.server';
import { mailResetLinks } from '../server/mail.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Forgot password · Poise' }];

type ForgotField = 'email' | 'tenant';

/**
 * The one answer, whether or not the address has an account, so the page tells no one which do. The
 * link itself goes only to the address, by e-mail: no response of this page ever carries it.
 */
export const RESET_REQUESTED_MESSAGE =
  'If an account exists for that address, we have e-mailed it a reset link. The link is valid for one hour.';

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const form = await request.formData();
  const email = field(form, 'email');
  const tenant = field(form, 'tenant');
  const fieldErrors: FieldErrors<ForgotField> = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) fieldErrors.email = 'Enter the email address of your account.';
  if (tenant !== '' && !TENANT_ID_PATTERN.test(tenant))
    fieldErrors.tenant = 'An institution id looks like leeds-careers.';
  if (Object.keys(fieldErrors).length > 0) {
    return data({ fieldErrors, sent: null, email, tenant }, 400);
  }

  const { deliveries, retryAfterSeconds } = await getServices().accounts.requestPasswordReset({
    email,
    ip: clientIp(context),
    ...(tenant === '' ? {} : { tenantId: tenant }),
  });
  if (retryAfterSeconds > 0) {
    const throttled: FieldErrors<ForgotField> = { email: tooManyRequestsMessage(retryAfterSeconds) };
    return data(
      { fieldErrors: throttled, sent: null, email, tenant },
      { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
  }
  mailResetLinks(deliveries);
  return data({ fieldErrors, sent: RESET_REQUESTED_MESSAGE, email: '', tenant: '' });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: FieldErrors<ForgotField> = result?.fieldErrors ?? {};
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="mt-1 text-sm text-slate-600">
        Ask for a reset link for your account's email address. Using it signs you out everywhere else.
      </p>
      <Form
        method="post"
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        noValidate
      >
        {result?.sent && <Notice tone="success">{result.sent}</Notice>}
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          defaultValue={result?.email ?? ''}
          error={errors.email}
        />
        <TextField
          name="tenant"
          label="Institution (only if you have accounts at several)"
          required={false}
          defaultValue={result?.tenant ?? ''}
          error={errors.tenant}
        />
        <button
          type="submit"
          disabled={navigation.state === 'submitting'}
          className={`w-full ${primaryButtonClass}`}
        >
          Send reset link
        </button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
