/**
 * Invitations from the console: who may invite for which role (assignableRoles: staff bring in
 * candidates, admins candidates, staff and admins), sending one, and the tenant's open ones.
 */
import { type AuthUser, assignableRoles, type InvitationRecord } from '@poise/auth';
import { type Role, roles } from '@poise/schemas';
import { mailInvitation } from './mail.server';
import { getServices } from './services.server';

export interface InvitationView {
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly expired: boolean;
}

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Invitations not yet accepted, newest first, one per address (a repeated invitation replaces the
 * earlier link for the same person), with whether they expired.
 */
export async function openInvitations(tenantId: string, now: Date): Promise<InvitationView[]> {
  const all = await getServices().authStore.listInvitations(tenantId);
  const accepted = new Set(all.filter((invitation) => invitation.acceptedAt !== null).map((i) => i.email));
  const seen = new Set<string>();
  const open: InvitationView[] = [];
  for (const invitation of all) {
    if (accepted.has(invitation.email) || seen.has(invitation.email)) continue;
    seen.add(invitation.email);
    open.push(viewOf(invitation, now));
  }
  return open;
}

function viewOf(invitation: InvitationRecord, now: Date): InvitationView {
  return {
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    expired: invitation.expiresAt.getTime() <= now.getTime(),
  };
}

export type InviteOutcome =
  | {
      readonly ok: true;
      readonly email: string;
      readonly role: Role;
      /** Null once the relay took the e-mail; otherwise what to tell the inviter. */
      readonly mailProblem: string | null;
    }
  | { readonly ok: false; readonly field: 'email' | 'role'; readonly message: string };

/**
 * Invites `email` for `roleName` into the inviter's tenant. A role the inviter may not hand out is
 * a 403 (the form never offers it). The link is mailed to the invited address and shown to no one.
 */
export async function invite(inviter: AuthUser, email: string, roleName: string): Promise<InviteOutcome> {
  if (email === '') return { ok: false, field: 'email', message: 'Enter the email address to invite.' };
  if (!isRole(roleName)) return { ok: false, field: 'role', message: 'Choose a role.' };
  if (!assignableRoles(inviter.roles).includes(roleName)) {
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  }
  const result = await getServices().accounts.inviteUser({
    tenantId: inviter.tenantId,
    email,
    role: roleName,
    invitedBy: inviter.id,
  });
  if (!result.ok) {
    const message =
      result.reason === 'account-exists'
        ? 'This email address already has an account at your institution.'
        : 'Enter a valid email address, like name@example.ac.uk.';
    return { ok: false, field: 'email', message };
  }
  const mailProblem = await mailInvitation({
    email: result.invitation.email,
    tenantId: inviter.tenantId,
    role: roleName,
    inviterName: inviter.displayName,
    token: result.token,
  });
  return { ok: true, email: result.invitation.email, role: roleName, mailProblem };
}
