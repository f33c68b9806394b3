/**
 * An account made directly, without an invitation: the first admin of a tenant (nobody is there
 * to invite them) and the demo users that `poise up` seeds. The console's sign-up is invitation only.
 */
import { randomUUID } from 'node:crypto';
import { type Actor, EventValidationError, type Role } from '@poise/schemas';
import { hashPassword } from '../passwords/hashing';
import { checkPasswordPolicy, type PasswordProblem } from '../passwords/policy';
import type { AuthUser } from '../sessions/auth-user';
import { AccountExistsError } from '../store/errors';
import type { UserRecord } from '../store/port';
import { appendEvents, operation, userStreamEvent } from './account-events';
import type { AccountsContext } from './context';
import { checkDisplayName } from './display-name';
import { normaliseEmail } from './email';
import { loadAuthUser } from './user-view';

export interface CreateAccountInput {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Role;
  /** Who made it: a platform admin, or Poise itself ({ kind: 'system', id: 'seed' }). */
  readonly createdBy: Actor;
}

export type CreateAccountResult =
  | { readonly ok: true; readonly user: AuthUser }
  | { readonly ok: false; readonly reason: 'account-exists' | 'invalid-email' }
  | { readonly ok: false; readonly reason: 'weak-password'; readonly problems: readonly PasswordProblem[] }
  | { readonly ok: false; readonly reason: 'invalid-display-name'; readonly message: string };

export async function createAccount(
  context: AccountsContext,
  input: CreateAccountInput,
): Promise<CreateAccountResult> {
  const { store, clock } = context;
  const email = normaliseEmail(input.email);
  const name = checkDisplayName(input.displayName);
  if (!name.ok) return { ok: false, reason: 'invalid-display-name', message: name.message };
  const policy = checkPasswordPolicy(input.password, { email });
  if (!policy.ok) return { ok: false, reason: 'weak-password', problems: policy.problems };

  const userId = randomUUID();
  const op = operation(input.tenantId, input.createdBy);
  let events: ReturnType<typeof userStreamEvent>[];
  try {
    events = [
      userStreamEvent('UserRegistered', { userId, email, displayName: name.displayName }, op),
      userStreamEvent('UserRoleGranted', { userId, role: input.role }, op),
    ];
  } catch (error) {
    if (error instanceof EventValidationError && error.field === 'data.email') {
      return { ok: false, reason: 'invalid-email' };
    }
    throw error;
  }

  const now = clock();
  const passwordHash = await hashPassword(input.password);
  let user: UserRecord;
  try {
    user = await store.createUser({
      id: userId,
      tenantId: input.tenantId,
      email,
      displayName: name.displayName,
      passwordHash,
      createdAt: now,
    });
  } catch (error) {
    if (error instanceof AccountExistsError) return { ok: false, reason: 'account-exists' };
    throw error;
  }
  const grantedBy = input.createdBy.kind === 'user' ? input.createdBy.id : null;
  await store.grantRole({ userId, tenantId: input.tenantId, role: input.role, grantedAt: now, grantedBy });
  await appendEvents(context.log, events);
  return { ok: true, user: await loadAuthUser(store, user) };
}
