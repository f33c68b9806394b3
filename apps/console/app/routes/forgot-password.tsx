import { tooManyRequestsMessage } from '@poise/auth';
import { TENANT_ID_PATTERN } from '@poise/schemas';
import { type ActionFunctionArgs, data, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { DevelopmentLink, Notice, primaryButtonClass, TextField } from '../components/account-form-fields';
import { clientIp } from '../server/client-ip.server';
import { requireSameOrigin } from '../server/csrf.server';
import { consoleLink, logDevelopmentLink, showsLinksInsteadOfMail } from '../server/dev-links.server';
import { type FieldErrors, field } from '../server/forms.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Forgot password · Poise' }];

type ForgotField = 'email' | 'tenant';

/** The one answer, whether or not the address has an account, so the page tells no one which do. */
export const RESET_REQUESTED_MESSAGE =
  'If an account exists for that address, a reset link has been made for it. The link is valid for one hour.';

export async function loader() {
  return { linksShown: showsLinksInsteadOfMail() };
}

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
    return data({ fieldErrors, sent: null, links: [] as string[], email, tenant }, 400);
  }

  const { deliveries, retryAfterSeconds } = await getServices().accounts.requestPasswordReset({
    email,
    ip: clientIp(context),
    ...(tenant === '' ? {} : { tenantId: tenant }),
  });
  if (retryAfterSeconds > 0) {
    const throttled: FieldErrors<ForgotField> = { email: tooManyRequestsMessage(retryAfterSeconds) };
    return data(
      { fieldErrors: throttled, sent: null, links: [] as string[], email, tenant },
      { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
  }
  const links: string[] = [];
  if (showsLinksInsteadOfMail()) {
    for (const delivery of deliveries) {
      const link = consoleLink(request, `/reset-password/${delivery.token}`);
      logDevelopmentLink('password reset', delivery.email, link);
      links.push(link);
    }
  }
  return data({ fieldErrors, sent: RESET_REQUESTED_MESSAGE, links, email: '', tenant: '' });
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
        {result?.sent && result.links.length === 0 && (
          <Notice tone="info">
            E-mail delivery is not configured on this installation, so Poise does not mail the link. If you
            cannot get in, ask your institution's Poise administrator.
          </Notice>
        )}
        {result?.links.map((link) => (
          <DevelopmentLink key={link} label="Password reset link" href={link} />
        ))}
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
