import { assignableRoles, userCan } from '@poise/auth';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import {
  Badge,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@tremor/react';
import {
  FieldError,
  inputClass,
  Notice,
  primaryButtonClass,
  TextField,
} from '../components/account-form-fields';
import { formatDateTime } from '../components/format';
import { Pager } from '../components/pager';
import { assertPermission, requireUser, requireUserWithPermission } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import { invite, openInvitations } from '../server/invitations.server';
import { pageParam } from '../server/list-page.server';
import { mailGoesToOutbox } from '../server/mail.server';
import { getServices } from '../server/services.server';

export const meta: MetaFunction = () => [{ title: 'Invitations · Poise' }];

export const INVITATIONS_PAGE_SIZE = 25;

const roleLabel: Record<string, string> = {
  candidate: 'Candidate',
  staff: 'Staff',
  admin: 'Admin',
  'platform-admin': 'Platform admin',
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'write:invitation:any');
  const page = pageParam(new URL(request.url).searchParams);
  const open = await openInvitations(user.tenantId, new Date());
  const shown = open.slice((page - 1) * INVITATIONS_PAGE_SIZE, page * INVITATIONS_PAGE_SIZE);
  const names = new Map(
    (await getServices().authStore.listUsers(user.tenantId)).map((person) => [person.id, person.displayName]),
  );
  return {
    page,
    total: open.length,
    invitations: shown.map((invitation) => ({
      ...invitation,
      invitedByName: names.get(invitation.invitedBy) ?? 'a former user',
    })),
    roles: assignableRoles(user.roles),
    outbox: mailGoesToOutbox() && userCan(user, 'manage:user:any', { tenantId: user.tenantId }),
    canWithdraw: userCan(user, 'manage:user:any', { tenantId: user.tenantId }),
    withdrawn: new URL(request.url).searchParams.get('withdrawn'),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUser(request);
  assertPermission(user, 'write:invitation:any');
  const form = await request.formData();
  const email = field(form, 'email');
  const outcome = await invite(user, email, field(form, 'role'));
  if (!outcome.ok) {
    return data({ invited: null, fieldErrors: { [outcome.field]: outcome.message }, email }, 400);
  }
  return data({ invited: outcome, fieldErrors: {}, email: '' });
}

export default function Invitations() {
  const { invitations, page, total, roles, outbox, canWithdraw, withdrawn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: { email?: string; role?: string } = result?.fieldErrors ?? {};
  const pages = Math.max(1, Math.ceil(total / INVITATIONS_PAGE_SIZE));
  const invited = result?.invited ?? null;
  return (
    <div>
      <h1 className="text-2xl font-semibold">Invitations</h1>
      <p className="mt-1 text-sm text-slate-600">
        People join Poise by invitation. An invitation link is valid for 7 days and can be used once.
      </p>
      {outbox && (
        <div className="mt-4">
          <Notice tone="info">
            Development: invitations go to the{' '}
            <a href="/admin/outbox" className="underline">
              outbox
            </a>
            , not to anyone's mailbox.
          </Notice>
        </div>
      )}

      <Card className="mt-6 max-w-xl">
        <h2 className="text-lg font-semibold">Invite someone</h2>
        <Form method="post" className="mt-4 space-y-4" noValidate key={invited?.email ?? 'form'}>
          {invited && (
            <Notice tone="success">
              Invited {invited.email} as {roleLabel[invited.role]?.toLowerCase()}
              {invited.mailProblem === null ? '; the invitation link is on its way by e-mail.' : '.'}
            </Notice>
          )}
          {invited?.mailProblem && <Notice tone="error">{invited.mailProblem}</Notice>}
          <TextField
            name="email"
            label="Email address"
            type="email"
            autoComplete="off"
            defaultValue={result?.email ?? ''}
            error={errors.email}
          />
          <div>
            <label htmlFor="role" className="block text-sm font-medium">
              Role
            </label>
            <select
              id="role"
              name="role"
              className={inputClass}
              defaultValue={roles[0]}
              aria-invalid={errors.role ? true : undefined}
              aria-describedby={errors.role ? 'role-error' : undefined}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabel[role]}
                </option>
              ))}
            </select>
            <FieldError id="role-error" message={errors.role} />
            {roles.length === 1 && (
              <p className="mt-1 text-sm text-slate-500">
                Staff may invite candidates; an admin invites staff.
              </p>
            )}
          </div>
          <button type="submit" disabled={navigation.state === 'submitting'} className={primaryButtonClass}>
            Send invitation
          </button>
        </Form>
      </Card>

      <h2 className="mt-8 text-lg font-semibold">Open invitations</h2>
      {withdrawn && (
        <div className="mt-3">
          <Notice tone="success">Withdrew the invitation of {withdrawn}: its link no longer works.</Notice>
        </div>
      )}
      <Card className="mt-3">
        {invitations.length === 0 ? (
          <p className="py-8 text-center text-slate-600">
            {total === 0
              ? 'No open invitations: everyone invited has joined.'
              : 'No invitations on this page.'}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Email</TableHeaderCell>
                  <TableHeaderCell>Role</TableHeaderCell>
                  <TableHeaderCell>Invited by</TableHeaderCell>
                  <TableHeaderCell>Invited</TableHeaderCell>
                  <TableHeaderCell>Link valid until</TableHeaderCell>
                  {canWithdraw && <TableHeaderCell>Withdraw</TableHeaderCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {invitations.map((invitation) => (
                  <TableRow key={invitation.email}>
                    <TableCell>{invitation.email}</TableCell>
                    <TableCell>{roleLabel[invitation.role]}</TableCell>
                    <TableCell>{invitation.invitedByName}</TableCell>
                    <TableCell>{formatDateTime(invitation.createdAt)}</TableCell>
                    <TableCell>
                      {invitation.expired ? (
                        <Badge color="gray">expired — invite again</Badge>
                      ) : (
                        formatDateTime(invitation.expiresAt)
                      )}
                    </TableCell>
                    {canWithdraw && (
                      <TableCell>
                        <Form method="post" action="/admin/invitations/revoke">
                          <input type="hidden" name="email" value={invitation.email} />
                          <button type="submit" className="text-sm font-medium text-red-700 underline">
                            Withdraw invitation
                          </button>
                        </Form>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
      <Pager
        label={`Page ${page} of ${pages} · ${total} open invitation${total === 1 ? '' : 's'}`}
        previous={page > 1 ? `?page=${page - 1}` : null}
        next={page < pages ? `?page=${page + 1}` : null}
      />
    </div>
  );
}
