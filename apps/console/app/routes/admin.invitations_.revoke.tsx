/**
 * An admin withdraws a person's open invitation (the button beside it on /admin/invitations): its
 * link stops working at once and InvitationRevoked is recorded. Only an action; the page is the
 * invitations page.
 */
import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { assertPermission, requireUser } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { field } from '../server/forms.server';
import { getServices } from '../server/services.server';

export const NO_OPEN_INVITATION =
  'No open invitation for that address: it was accepted or withdrawn already.';

export async function loader() {
  throw redirect('/admin/invitations');
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUser(request);
  assertPermission(user, 'manage:user:any');
  const form = await request.formData();
  const email = field(form, 'email');
  if (email === '') throw new Response('Say which invitation to withdraw.', { status: 400 });
  const revoked = await getServices().accounts.revokeInvitation({
    tenantId: user.tenantId,
    email,
    revokedBy: user.id,
  });
  if (!revoked) throw new Response(NO_OPEN_INVITATION, { status: 404 });
  throw redirect(`/admin/invitations?${new URLSearchParams({ withdrawn: email })}`, 303);
}
