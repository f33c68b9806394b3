import { sessionCookie, signInFailureMessage } from '@poise/auth';
import { demoAccounts, SYNTHETIC_DEMO_TENANT_ID } from '@poise/demo';
import { TENANT_ID_PATTERN } from '@poise/schemas';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { getSignedIn, homePathFor, safeRedirectPath } from '../server/auth.server';
import { clientIp } from '../server/client-ip.server';
import { requireSameOrigin } from '../server/csrf.server';
import { type FieldErrors, field, hasErrors, rawField } from '../server/forms.server';
import { isDevelopmentConsole } from '../server/mode.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Sign in · Poise' }];

type LoginField = 'email' | 'password' | 'tenant';

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  if (signedIn !== null) throw redirect(homePathFor(signedIn.user));
  // The tenant id travels as loader data: the page component may not import a .server module.
  return { demoAccounts: await seededDemoAccounts(), syntheticTenantId: SYNTHETIC_DEMO_TENANT_ID };
}

/** In development, the demo accounts that exist here (the seed may be off): never credentials that fail. */
async function seededDemoAccounts() {
  if (!isDevelopmentConsole()) return [];
  const { authStore } = getServices();
  const seeded = await Promise.all(
    demoAccounts.map(
      async (account) => (await authStore.findUsersByEmail(account.email, account.tenantId)).length > 0,
    ),
  );
  return demoAccounts.filter((_, index) => seeded[index]);
}

function validate(email: string, password: string, tenant: string): FieldErrors<LoginField> {
  return {
    email:
      email === ''
        ? 'Enter your email address.'
        : /^[^\s@]+@[^\s@]+$/.test(email)
          ? undefined
          : 'Enter a valid email address.',
    password: password === '' ? 'Enter your password.' : undefined,
    tenant:
      tenant !== '' && !TENANT_ID_PATTERN.test(tenant)
        ? 'An institution id looks like leeds-careers.'
        : undefined,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const form = await request.formData();
  const email = field(form, 'email');
  const password = rawField(form, 'password');
  const tenant = field(form, 'tenant');
  const fields = { email, tenant };
  const fieldErrors = validate(email, password, tenant);
  if (hasErrors(fieldErrors)) return data({ fieldErrors, formError: null, fields }, 400);

  // Decided before signing in: a target that cannot be used must not leave a session behind.
  const url = new URL(request.url);
  const target = url.searchParams.get('redirectTo');
  const { accounts, secureCookies } = getServices();
  const result = await accounts.signIn({
    email,
    password,
    ip: clientIp(context),
    userAgent: request.headers.get('User-Agent'),
    ...(tenant === '' ? {} : { tenantId: tenant }),
  });
  if (!result.ok) {
    const formError = signInFailureMessage(result);
    // Throttling is 429 with Retry-After, so clients and proxies understand it; the rest are bad input.
    const init =
      result.reason === 'throttled'
        ? { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } }
        : { status: result.reason === 'disabled' ? 403 : 400 };
    return data({ fieldErrors: {} as FieldErrors<LoginField>, formError, fields }, init);
  }
  const redirectTo = safeRedirectPath(target, homePathFor(result.user), url.origin);
  throw redirect(redirectTo, {
    headers: {
      'Set-Cookie': sessionCookie(result.token, result.session.expiresAt, { secure: secureCookies }),
    },
  });
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-slate-500 focus:outline-none focus:ring-1 focus:ring-slate-500';

export default function Login() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const errors = result?.fieldErrors ?? {};
  const redirectTo = searchParams.get('redirectTo');
  const formAction = redirectTo === null ? '/login' : `/login?${new URLSearchParams({ redirectTo })}`;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Use the account your institution invited you to.</p>
      {searchParams.get('erased') === '1' && (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          You are signed out. Your account and data are being erased; within minutes nothing of them is left.
        </p>
      )}
      <Form
        method="post"
        action={formAction}
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        noValidate
      >
        {result?.formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {result.formError}
          </p>
        )}
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={result?.fields.email ?? ''}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? 'email-error' : undefined}
            className={inputClass}
          />
          <FieldError id="email-error" message={errors.email} />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? 'password-error' : undefined}
            className={inputClass}
          />
          <FieldError id="password-error" message={errors.password} />
        </div>
        <div>
          <label htmlFor="tenant" className="block text-sm font-medium">
            Institution <span className="font-normal text-slate-500">(only if asked)</span>
          </label>
          <input
            id="tenant"
            name="tenant"
            type="text"
            placeholder="leeds-careers"
            defaultValue={result?.fields.tenant ?? ''}
            aria-invalid={errors.tenant ? true : undefined}
            aria-describedby={errors.tenant ? 'tenant-error' : undefined}
            className={inputClass}
          />
          <FieldError id="tenant-error" message={errors.tenant} />
        </div>
        <button
          type="submit"
          disabled={navigation.state === 'submitting'}
          className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {navigation.state === 'submitting' ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="underline">
            Forgot password?
          </Link>
        </p>
      </Form>
      {loaded.demoAccounts.length > 0 && (
        <section className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          <h2 className="font-semibold">Demo accounts (development only)</h2>
          <p className="mt-1">
            Shown because this console runs in development. {loaded.syntheticTenantId} holds a year of
            generated (synthetic) practice for exploring cohorts over months.
          </p>
          <ul className="mt-2 space-y-1">
            {loaded.demoAccounts.map((account) => (
              <li key={account.email} className="break-all">
                <span className="font-medium">{account.role}</span> at {account.tenantId}: {account.email} /{' '}
                <code className="rounded bg-white px-1">{account.password}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
