import { blankSessionCookie, formatWait } from '@poise/auth';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Card } from '@tremor/react';
import {
  Notice,
  primaryButtonClass,
  secondaryButtonClass,
  TextField,
} from '../components/account-form-fields';
import { AccountSessionList } from '../components/account-session-list';
import { ERASURE_PHRASE, ErasureExplanation } from '../components/erasure-copy';
import { deviceSessions, isActiveSessionOf, revokeOtherSessions } from '../server/account.server';
import { assertPermission, requireUser, userActor } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { confirmationProblem, isCandidateOnly } from '../server/erasure.server';
import { type FieldErrors, field, rawField } from '../server/forms.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'My account · Poise' }];

type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireUser(request);
  assertPermission(user, 'read:auth-session:own', { tenantId: user.tenantId, ownerId: user.id });
  return {
    displayName: user.displayName,
    email: user.email,
    tenantId: user.tenantId,
    roles: user.roles,
    sessions: await deviceSessions(user.id, sessionId),
    canErase: isCandidateOnly(user.roles),
  };
}

interface AccountResult {
  readonly intent: 'change-password' | 'sessions' | 'erase-account';
  readonly fieldErrors: FieldErrors<PasswordField>;
  readonly formError: string | null;
  readonly done: string | null;
}

const result = (outcome: Partial<AccountResult> & Pick<AccountResult, 'intent'>, status = 200) =>
  data<AccountResult>({ fieldErrors: {}, formError: null, done: null, ...outcome }, status);

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user, sessionId } = await requireUser(request);
  assertPermission(user, 'write:auth-session:own', { tenantId: user.tenantId, ownerId: user.id });
  const { accounts, secureCookies } = getServices();
  const form = await request.formData();
  const intent = field(form, 'intent');

  if (intent === 'change-password') {
    const currentPassword = rawField(form, 'currentPassword');
    const newPassword = rawField(form, 'newPassword');
    if (currentPassword === '') {
      return result({ intent, fieldErrors: { currentPassword: 'Enter your current password.' } }, 400);
    }
    if (newPassword !== rawField(form, 'confirm')) {
      return result({ intent, fieldErrors: { confirm: 'The two new passwords differ.' } }, 400);
    }
    const changed = await accounts.changePassword({
      userId: user.id,
      sessionId,
      currentPassword,
      newPassword,
    });
    if (changed.ok) {
      const others = changed.revokedSessionIds.length;
      // This session stays valid (same token), so the cookie the browser holds keeps working.
      return result({
        intent,
        done: `Password changed. ${others === 0 ? 'No other device was signed in.' : `Signed out ${others} other device${others === 1 ? '' : 's'}.`}`,
      });
    }
    if (changed.reason === 'weak-password') {
      const message = changed.problems.map((problem) => problem.message).join(' ');
      return result({ intent, fieldErrors: { newPassword: message } }, 400);
    }
    if (changed.reason === 'throttled') {
      return data<AccountResult>(
        {
          intent,
          fieldErrors: {},
          formError: `Too many wrong passwords. Try again in ${formatWait(changed.retryAfterSeconds)}.`,
          done: null,
        },
        { status: 429, headers: { 'Retry-After': String(changed.retryAfterSeconds) } },
      );
    }
    return result({ intent, fieldErrors: { currentPassword: 'That is not your current password.' } }, 400);
  }

  if (intent === 'revoke-session') {
    const target = field(form, 'sessionId');
    // Someone else's session id answers as an unknown one: the same 404, nothing ended.
    if (!(await isActiveSessionOf(user.id, target))) throw new Response('Not Found', { status: 404 });
    if (target === sessionId) {
      await accounts.signOut(sessionId);
      throw redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie({ secure: secureCookies }) } });
    }
    await accounts.revokeSession({ sessionId: target, revokedBy: user.id });
    return result({ intent: 'sessions', done: 'That device is signed out.' });
  }

  if (intent === 'erase-account') {
    // Only a candidate's own account, and only their own: the session decides whose, no field does.
    assertPermission(user, 'delete:recording:own', { tenantId: user.tenantId, ownerId: user.id });
    if (!isCandidateOnly(user.roles))
      throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
    const problem = confirmationProblem(form);
    if (problem !== null) return result({ intent: 'erase-account', formError: problem }, 400);
    await accounts.requestErasure({ userId: user.id, by: userActor(user) });
    // The request ended every session of the account, this one too: the cookie goes with it.
    throw redirect('/login?erased=1', {
      headers: { 'Set-Cookie': blankSessionCookie({ secure: secureCookies }) },
    });
  }

  if (intent === 'revoke-others') {
    const ended = await revokeOtherSessions(user.id, sessionId, user.id);
    return result({
      intent: 'sessions',
      done:
        ended === 0
          ? 'No other device was signed in.'
          : `Signed out ${ended} other device${ended === 1 ? '' : 's'}.`,
    });
  }
  throw new Response('Unknown action', { status: 400, statusText: 'Bad Request' });
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const passwordOutcome = outcome?.intent === 'change-password' ? outcome : undefined;
  const sessionsOutcome = outcome?.intent === 'sessions' ? outcome : undefined;
  const erasureOutcome = outcome?.intent === 'erase-account' ? outcome : undefined;
  const errors = passwordOutcome?.fieldErrors ?? {};
  const others = account.sessions.filter((session) => !session.current).length;
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-semibold">My account</h1>
      <p className="mt-1 text-sm text-slate-600">
        {account.displayName} · {account.email} · {account.tenantId} · {account.roles.join(', ')}
      </p>

      <Card className="mt-6 max-w-xl">
        <h2 className="text-lg font-semibold">Change password</h2>
        <p className="mt-1 text-sm text-slate-600">
          After the change, every other device signed in to your account is signed out; this one stays signed
          in.
        </p>
        <Form method="post" className="mt-4 space-y-4" noValidate key={passwordOutcome?.done ?? 'password'}>
          <input type="hidden" name="intent" value="change-password" />
          {passwordOutcome?.done && <Notice tone="success">{passwordOutcome.done}</Notice>}
          {passwordOutcome?.formError && <Notice tone="error">{passwordOutcome.formError}</Notice>}
          <TextField
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
            error={errors.currentPassword}
          />
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
          <button type="submit" disabled={navigation.state === 'submitting'} className={primaryButtonClass}>
            Change password
          </button>
        </Form>
      </Card>

      <Card className="mt-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Where you are signed in</h2>
          {others > 0 && (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-others" />
              <button type="submit" className={secondaryButtonClass}>
                Sign out everywhere else
              </button>
            </Form>
          )}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          Devices with an active session, most recently seen first. Last seen is updated at most every 5
          minutes. Times in UTC.
        </p>
        {sessionsOutcome?.done && (
          <div className="mt-3">
            <Notice tone="success">{sessionsOutcome.done}</Notice>
          </div>
        )}
        <div className="mt-3">
          <AccountSessionList
            sessions={account.sessions}
            endLabel={(session) => (session.current ? 'Sign out this device' : 'Sign out')}
            emptyText="No active sessions."
          />
        </div>
      </Card>

      {account.canErase && (
        <Card className="mt-6 max-w-xl">
          <h2 className="text-lg font-semibold">Erase my account and data</h2>
          <details className="mt-2" open={erasureOutcome !== undefined}>
            <summary className="cursor-pointer text-sm underline">
              What erasing deletes, and what stays
            </summary>
            <ErasureExplanation subject="you" />
            <Form method="post" className="mt-4 space-y-3" noValidate>
              <input type="hidden" name="intent" value="erase-account" />
              {erasureOutcome?.formError && <Notice tone="error">{erasureOutcome.formError}</Notice>}
              <TextField
                name="confirmation"
                label={`Type “${ERASURE_PHRASE}” to confirm`}
                autoComplete="off"
              />
              <button type="submit" className={secondaryButtonClass}>
                Erase my account and data
              </button>
            </Form>
          </details>
        </Card>
      )}
    </div>
  );
}
