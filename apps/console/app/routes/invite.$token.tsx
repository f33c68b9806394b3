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
import { type FieldErrors, field, rawField } from '../server/forms.server';
import { type LinkState, linkState, secretTokenHash } from '../server/secret-links.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Join Poise' }];

type JoinField = 'displayName' | 'password' | 'confirm';

async function invitationOf(token: string | undefined) {
  const hash = secretTokenHash(token);
  const invitation = hash === null ? null : await getServices().authStore.findInvitation(hash);
  const state = linkState(invitation && { ...invitation, usedAt: invitation.acceptedAt }, new Date());
  return { invitation, state };
}

type BrokenLink = Exclude<LinkState, 'valid'>;

const stateStatus: Record<BrokenLink, number> = {
  invalid: 404,
  expired: 410,
  'already-used': 410,
};

export async function loader({ params }: LoaderFunctionArgs) {
  const { invitation, state } = await invitationOf(params.token);
  if (state === 'valid' && invitation !== null) {
    return data({ state, email: invitation.email, role: invitation.role });
  }
  const broken: BrokenLink = state === 'valid' ? 'invalid' : state;
  return data({ state: broken, email: null, role: null }, stateStatus[broken]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const form = await request.formData();
  const displayName = field(form, 'displayName');
  const password = rawField(form, 'password');
  const confirm = rawField(form, 'confirm');
  const fail = (fieldErrors: FieldErrors<JoinField>, formError: string | null, status = 400) =>
    data({ fieldErrors, formError, displayName }, status);
  if (password !== confirm) return fail({ confirm: 'The two passwords differ.' }, null);

  const { accounts, secureCookies } = getServices();
  const token = params.token ?? '';
  const accepted = await accounts.acceptInvitation({ token, password, displayName, ip: clientIp(context) });
  if (!accepted.ok) {
    switch (accepted.reason) {
      case 'throttled':
        return data(
          {
            fieldErrors: {} as FieldErrors<JoinField>,
            formError: tooManyRequestsMessage(accepted.retryAfterSeconds),
            displayName,
          },
          { status: 429, headers: { 'Retry-After': String(accepted.retryAfterSeconds) } },
        );
      case 'weak-password':
        return fail({ password: accepted.problems.map((problem) => problem.message).join(' ') }, null);
      case 'invalid-display-name':
        return fail({ displayName: accepted.message }, null);
      case 'account-exists':
        return fail({}, 'This email address already has an account here. Sign in instead.', 409);
      case 'expired':
        return fail({}, 'This invitation has expired. Ask whoever invited you to send a new one.', 410);
      case 'already-used':
        return fail({}, 'This invitation has already been used. Sign in with that account.', 410);
      default:
        return fail({}, 'This invitation link is not valid.', 404);
    }
  }
  // Signing in records UserSignedIn like any other sign-in, with this device's address.
  const signedIn = await accounts.signIn({
    email: accepted.user.email,
    password,
    tenantId: accepted.user.tenantId,
    ip: clientIp(context),
    userAgent: request.headers.get('User-Agent'),
  });
  // The account exists; should this sign-in be refused (a throttled address), the person signs in later.
  if (!signedIn.ok) throw redirect('/login');
  throw redirect(homePathFor(signedIn.user), {
    headers: {
      'Set-Cookie': sessionCookie(signedIn.token, signedIn.session.expiresAt, { secure: secureCookies }),
    },
  });
}

const stateMessage: Record<BrokenLink, { title: string; detail: string }> = {
  invalid: {
    title: 'This invitation link is not valid',
    detail: 'Check that you copied the whole link, or ask whoever invited you to send a new one.',
  },
  expired: {
    title: 'This invitation has expired',
    detail: 'Invitations are valid for 7 days. Ask whoever invited you to send a new one.',
  },
  'already-used': {
    title: 'This invitation has already been used',
    detail: 'The account it created exists: sign in with it, or reset its password if you forgot it.',
  },
};

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  if (invitation.state !== 'valid') {
    const message = stateMessage[invitation.state];
    return (
      <div className="mx-auto max-w-md text-center">
        <h1 className="text-2xl font-semibold">{message.title}</h1>
        <p className="mt-2 text-slate-600">{message.detail}</p>
        <Link to="/login" className="mt-6 inline-block font-medium underline">
          Go to sign in
        </Link>
      </div>
    );
  }
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Join Poise</h1>
      <p className="mt-1 text-sm text-slate-600">
        You were invited as <span className="font-medium">{invitation.role}</span> with{' '}
        <span className="font-medium">{invitation.email}</span>. Choose your name and a password.
      </p>
      <Form
        method="post"
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        noValidate
      >
        {result?.formError && <Notice tone="error">{result.formError}</Notice>}
        <TextField
          name="displayName"
          label="Your name"
          hint="As staff and others at your institution will see it."
          autoComplete="name"
          defaultValue={result?.displayName ?? ''}
          error={errors.displayName}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          hint="At least 12 characters; a few unrelated words make a good one."
          autoComplete="new-password"
          error={errors.password}
        />
        <TextField
          name="confirm"
          label="Password again"
          type="password"
          autoComplete="new-password"
          error={errors.confirm}
        />
        <button
          type="submit"
          disabled={navigation.state === 'submitting'}
          className={`w-full ${primaryButtonClass}`}
        >
          {navigation.state === 'submitting' ? 'Creating your account…' : 'Create account and sign in'}
        </button>
      </Form>
    </div>
  );
}
