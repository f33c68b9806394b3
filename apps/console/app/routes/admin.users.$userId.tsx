import { assignableRoles, isErasedAccount, userCan } from '@poise/auth';
import { type Role, roles } from '@poise/schemas';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Badge, Card } from '@tremor/react';
import { Notice, secondaryButtonClass } from '../components/account-form-fields';
import { AccountSessionList } from '../components/account-session-list';
import { ERASURE_PHRASE, ErasureExplanation } from '../components/erasure-copy';
import { formatDateTime } from '../components/format';
import { deviceSessionOf, isActiveSessionOf } from '../server/account.server';
import { requireManagedUser, rolesOf } from '../server/admin-users.server';
import { assertPermission, requireUser, userActor } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { confirmationProblem, isCandidateOnly } from '../server/erasure.server';
import { field } from '../server/forms.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'User · Poise' }];

const forbidden = () => new Response('Forbidden', { status: 403, statusText: 'Forbidden' });

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user: admin, sessionId } = await requireUser(request);
  assertPermission(admin, 'manage:user:any');
  const person = await requireManagedUser(admin, params.userId);
  assertPermission(admin, 'manage:user:any', { tenantId: person.tenantId });
  const canManageSessions = userCan(admin, 'manage:auth-session:any', { tenantId: person.tenantId });
  const sessions = canManageSessions ? await getServices().accounts.sessions.listSessions(person.id) : [];
  const personRoles = await rolesOf(person);
  const erased = isErasedAccount(person);
  return {
    person: {
      userId: person.id,
      displayName: person.displayName,
      email: erased ? '—' : person.email,
      disabled: person.disabled,
      erased,
      createdAt: person.createdAt.toISOString(),
      roles: personRoles,
    },
    canErase:
      !erased &&
      person.id !== admin.id &&
      isCandidateOnly(personRoles) &&
      userCan(admin, 'delete:recording:any', { tenantId: person.tenantId }),
    isSelf: person.id === admin.id,
    assignable: assignableRoles(admin.roles),
    allRoles: roles,
    canManageSessions,
    sessions: sessions.map((session) => deviceSessionOf(session, sessionId)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user: admin } = await requireUser(request);
  assertPermission(admin, 'manage:user:any');
  const person = await requireManagedUser(admin, params.userId);
  assertPermission(admin, 'manage:user:any', { tenantId: person.tenantId });
  const { accounts } = getServices();
  const form = await request.formData();
  const intent = field(form, 'intent');
  const refuse = (message: string) => data({ error: message, done: null }, 400);
  const done = (message: string) => data({ error: null, done: message });

  if (intent === 'grant-role' || intent === 'revoke-role') {
    const role = field(form, 'role');
    if (!isRole(role)) return refuse('Choose a role.');
    if (!assignableRoles(admin.roles).includes(role)) throw forbidden();
    if (intent === 'grant-role') {
      const changed = await accounts.grantRole({ userId: person.id, role, by: admin.id });
      return done(
        changed ? `${person.displayName} is now ${role}.` : `${person.displayName} already was ${role}.`,
      );
    }
    // An admin removing their own admin role could leave the institution with nobody to manage it.
    if (person.id === admin.id && role === 'admin') {
      return refuse('You cannot remove your own admin role; ask another admin.');
    }
    const changed = await accounts.revokeRole({ userId: person.id, role, by: admin.id });
    return done(
      changed ? `${person.displayName} is no longer ${role}.` : `${person.displayName} was not ${role}.`,
    );
  }

  if (intent === 'disable' || intent === 'enable') {
    if (person.id === admin.id) return refuse('You cannot disable your own account.');
    const disabled = intent === 'disable';
    const ended = await accounts.setUserDisabled({ userId: person.id, disabled, by: admin.id });
    return done(
      disabled
        ? `The account is disabled; ${ended.length} signed-in session${ended.length === 1 ? '' : 's'} ended.`
        : 'The account is enabled again; they can sign in.',
    );
  }

  if (intent === 'erase') {
    assertPermission(admin, 'delete:recording:any', { tenantId: person.tenantId });
    // For a candidate of the admin's tenant only (requireManagedUser answered 404 for any other).
    if (person.id === admin.id || !isCandidateOnly(await rolesOf(person))) throw forbidden();
    const problem = confirmationProblem(form);
    if (problem !== null) return refuse(problem);
    const requested = await accounts.requestErasure({ userId: person.id, by: userActor(admin) });
    if (!requested.ok) return refuse('This account was erased already.');
    return done(
      'Erasure asked for: they are signed out, and within minutes their data is deleted. The audit trail records it.',
    );
  }

  if (intent === 'revoke-session') {
    assertPermission(admin, 'manage:auth-session:any', { tenantId: person.tenantId });
    const sessionId = field(form, 'sessionId');
    if (!(await isActiveSessionOf(person.id, sessionId))) throw new Response('Not Found', { status: 404 });
    await accounts.revokeSession({ sessionId, revokedBy: admin.id });
    return done('That session is signed out.');
  }
  throw new Response('Unknown action', { status: 400, statusText: 'Bad Request' });
}

function RoleButton({
  intent,
  role,
  label,
}: {
  intent: 'grant-role' | 'revoke-role';
  role: Role;
  label: string;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="role" value={role} />
      <button type="submit" className={secondaryButtonClass}>
        {label}
      </button>
    </Form>
  );
}

export default function UserDetail() {
  const { person, isSelf, assignable, allRoles, canManageSessions, sessions, canErase } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-4xl">
      <Link to="/admin/users" className="text-sm underline">
        ← All users
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{person.displayName}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {person.email} · joined {formatDateTime(person.createdAt)} ·{' '}
        <Badge color={person.disabled ? 'red' : 'emerald'}>
          {person.erased ? 'erased' : person.disabled ? 'disabled' : 'active'}
        </Badge>
      </p>
      <div className="mt-4 space-y-2">
        {result?.done && <Notice tone="success">{result.done}</Notice>}
        {result?.error && <Notice tone="error">{result.error}</Notice>}
      </div>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold">Roles</h2>
        <p className="mt-1 text-sm text-slate-600">
          Roles decide what someone may see and do. You can grant and remove only the roles you may hand out.
          Each change is an event in the audit trail.
        </p>
        <ul className="mt-4 divide-y divide-slate-100">
          {allRoles
            .filter((role) => person.roles.includes(role) || assignable.includes(role))
            .map((role) => {
              const held = person.roles.includes(role);
              const changeable = assignable.includes(role) && !(isSelf && role === 'admin' && held);
              return (
                <li key={role} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    {role}{' '}
                    {held ? (
                      <Badge color="blue">held</Badge>
                    ) : (
                      <span className="text-slate-400">not held</span>
                    )}
                  </span>
                  {changeable &&
                    (held ? (
                      <RoleButton intent="revoke-role" role={role} label={`Remove ${role}`} />
                    ) : (
                      <RoleButton intent="grant-role" role={role} label={`Grant ${role}`} />
                    ))}
                </li>
              );
            })}
        </ul>
      </Card>

      {!isSelf && (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">Account</h2>
          <p className="mt-1 text-sm text-slate-600">
            {person.disabled
              ? 'This account is disabled: it cannot sign in or ask for a password reset.'
              : 'Disabling the account stops its sign-ins and ends every session it has at once. The audit trail records the sessions ended.'}
          </p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value={person.disabled ? 'enable' : 'disable'} />
            <button type="submit" className={secondaryButtonClass}>
              {person.disabled ? 'Enable account' : 'Disable account'}
            </button>
          </Form>
        </Card>
      )}

      {canErase && (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">Erase this candidate's account and data</h2>
          <p className="mt-1 text-sm text-slate-600">
            For a candidate who asked you to. The audit trail records that you asked for it.
          </p>
          <details className="mt-2" open={result?.error !== undefined && result?.error !== null}>
            <summary className="cursor-pointer text-sm underline">
              What erasing deletes, and what stays
            </summary>
            <ErasureExplanation subject="them" />
            <Form method="post" className="mt-4 space-y-3" noValidate>
              <input type="hidden" name="intent" value="erase" />
              <label htmlFor="confirmation" className="block text-sm font-medium">
                Type “{ERASURE_PHRASE}” to confirm
              </label>
              <input
                id="confirmation"
                name="confirmation"
                autoComplete="off"
                className="block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2"
              />
              <button type="submit" className={secondaryButtonClass}>
                Erase account and data
              </button>
            </Form>
          </details>
        </Card>
      )}

      {canManageSessions && (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">Signed-in sessions</h2>
          <p className="mt-1 text-sm text-slate-600">
            Devices where {person.displayName} is signed in, most recently seen first (UTC).
          </p>
          <div className="mt-3">
            <AccountSessionList
              sessions={sessions}
              endLabel={(session) => (session.current ? 'Sign out (your own session)' : 'Sign out')}
              emptyText="Not signed in anywhere."
            />
          </div>
        </Card>
      )}
    </div>
  );
}
