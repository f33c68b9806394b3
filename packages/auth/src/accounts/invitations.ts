/**
 * Sign-up is by invitation only: staff or an admin invites an email address for a role; the person
 * follows the link, chooses a password and a display name, and has an account.
 */
import { randomUUID } from 'node:crypto';
import { EventValidationError, type Role } from '@poise/schemas';
import { normaliseIpAddress } from '../network/ip-address';
import { hashPassword } from '../passwords/hashing';
import { checkPasswordPolicy, type PasswordProblem } from '../passwords/policy';
import type { AuthUser } from '../sessions/auth-user';
import type { InvitationRecord } from '../store/port';
import { redemptionProblem } from '../store/redemption';
import { generateSecretToken, hashSecretToken, isWellFormedToken } from '../tokens/secret-token';
import { appendEvents, operation, userActor, userStreamEvent } from './account-events';
import { linkRedemptionThrottle } from './anonymous-throttle';
import type { AccountsContext } from './context';
import { checkDisplayName } from './display-name';
import { normaliseEmail } from './email';
import { loadAuthUser } from './user-view';

export interface InviteUserInput {
  readonly tenantId: string;
  readonly email: string;
  readonly role: Role;
  /** The inviting user. Whether they may invite for `role` is the caller's check (canAssignRole). */
  readonly invitedBy: string;
  readonly cohortId?: string | null;
}

export type InviteUserResult =
  | {
      readonly ok: true;
      /** Goes into the invitation link and nowhere else; the store keeps only its hash. */
      readonly token: string;
      readonly invitation: InvitationRecord;
    }
  | { readonly ok: false; readonly reason: 'account-exists' | 'invalid-email' };

export async function inviteUser(
  context: AccountsContext,
  input: InviteUserInput,
): Promise<InviteUserResult> {
  const { store, clock, settings } = context;
  const now = clock();
  const email = normaliseEmail(input.email);
  if ((await store.findUsersByEmail(email, input.tenantId)).length > 0)
    return { ok: false, reason: 'account-exists' };

  // A repeated invitation keeps the user id of the earlier one, so one person has one user stream,
  // and revokes the earlier open links (createInvitation deletes them in its transaction): the
  // person joins with the role of the latest invitation only.
  const [earlier] = await store.findInvitationsByEmail(input.tenantId, email);
  const token = generateSecretToken();
  const invitation = {
    tokenHash: hashSecretToken(token),
    tenantId: input.tenantId,
    userId: earlier?.userId ?? randomUUID(),
    email,
    role: input.role,
    cohortId: input.cohortId ?? null,
    invitedBy: input.invitedBy,
    createdAt: now,
    expiresAt: new Date(now.getTime() + settings.invitationTtlMs),
  };
  let invited: ReturnType<typeof userStreamEvent>;
  try {
    invited = userStreamEvent(
      'UserInvited',
      {
        userId: invitation.userId,
        email,
        role: invitation.role,
        cohortId: invitation.cohortId,
        expiresAt: invitation.expiresAt.toISOString(),
      },
      operation(input.tenantId, userActor(input.invitedBy)),
    );
  } catch (error) {
    // The event contract is the one definition of a valid email address.
    if (error instanceof EventValidationError && error.field === 'data.email') {
      return { ok: false, reason: 'invalid-email' };
    }
    throw error;
  }

  const stored = await store.createInvitation(invitation);
  await appendEvents(context.log, [invited]);
  return { ok: true, token, invitation: stored };
}

export interface AcceptInvitationInput {
  readonly token: string;
  /** The client's address as the console determined it: links that cannot be used count against it. */
  readonly ip?: string | null;
  readonly password: string;
  /** Required by UserRegistered: how the person is shown to staff and in the console. */
  readonly displayName: string;
}

export type AcceptInvitationResult =
  | { readonly ok: true; readonly user: AuthUser }
  | { readonly ok: false; readonly reason: 'invalid-token' | 'expired' | 'already-used' | 'account-exists' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly ok: false; readonly reason: 'weak-password'; readonly problems: readonly PasswordProblem[] }
  | { readonly ok: false; readonly reason: 'invalid-display-name'; readonly message: string };

export async function acceptInvitation(
  context: AccountsContext,
  input: AcceptInvitationInput,
): Promise<AcceptInvitationResult> {
  const { store, clock } = context;
  const { retryAfterSeconds: wait, refuse } = await linkRedemptionThrottle(
    context,
    normaliseIpAddress(input.ip),
    'invitation-accept',
  );
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  // A link that cannot be used counts against the address; the lockout is recorded once.
  const refused = (reason: 'invalid-token' | 'expired' | 'already-used' | 'account-exists') => refuse(reason);
  if (!isWellFormedToken(input.token)) return refused('invalid-token');
  const tokenHash = hashSecretToken(input.token);
  const invitation = await store.findInvitation(tokenHash);
  const problem = redemptionProblem(invitation && { ...invitation, usedAt: invitation.acceptedAt }, clock());
  if (invitation === null || problem !== null) {
    return refused(problem === null || problem === 'unknown' ? 'invalid-token' : problem);
  }

  // Checked before redeeming, so a rejected password does not use the invitation up.
  const name = checkDisplayName(input.displayName);
  if (!name.ok) return { ok: false, reason: 'invalid-display-name', message: name.message };
  const policy = checkPasswordPolicy(input.password, { email: invitation.email });
  if (!policy.ok) return { ok: false, reason: 'weak-password', problems: policy.problems };

  const passwordHash = await hashPassword(input.password);
  const now = clock();
  const op = operation(invitation.tenantId, userActor(invitation.userId));
  const events = [
    userStreamEvent(
      'UserRegistered',
      { userId: invitation.userId, email: invitation.email, displayName: name.displayName },
      op,
    ),
    userStreamEvent('UserRoleGranted', { userId: invitation.userId, role: invitation.role }, op),
  ];
  const result = await store.redeemInvitation(tokenHash, now, {
    passwordHash,
    displayName: name.displayName,
  });
  if (!result.ok) return refused(result.reason === 'unknown' ? 'invalid-token' : result.reason);

  await appendEvents(context.log, events);
  return { ok: true, user: await loadAuthUser(store, result.user) };
}

export interface RevokeInvitationInput {
  readonly tenantId: string;
  readonly email: string;
  /** The admin withdrawing it. Whether they may is the caller's check (write:invitation:any). */
  readonly revokedBy: string;
}

/**
 * Withdraws the tenant's open invitation of `email`: its links stop working (a 404 like any unknown
 * link) and InvitationRevoked is recorded on the invited person's user stream. False, with nothing
 * recorded, when the email has no open invitation (never invited, already joined, or revoked).
 */
export async function revokeInvitation(
  context: AccountsContext,
  input: RevokeInvitationInput,
): Promise<boolean> {
  const email = normaliseEmail(input.email);
  const open = (await context.store.findInvitationsByEmail(input.tenantId, email)).filter(
    (invitation) => invitation.acceptedAt === null,
  );
  const [latest] = open;
  if (latest === undefined) return false;
  const revoked = userStreamEvent(
    'InvitationRevoked',
    { userId: latest.userId, role: latest.role },
    operation(input.tenantId, userActor(input.revokedBy)),
  );
  const deleted = await context.store.deleteOpenInvitations(input.tenantId, email);
  // Revoked meanwhile by another admin, or accepted: nothing left to record.
  if (deleted.length === 0) return false;
  await appendEvents(context.log, [revoked]);
  return true;
}
