/**
 * Granting and revoking roles in the user's own tenant. Whether the acting user may hand out the
 * role is the caller's check (requirePermission 'manage:user:any' and canAssignRole).
 */
import type { Role } from '@poise/schemas';
import { UserNotFoundError } from '../store/errors';
import { appendEvents, operation, userActor, userStreamEvent } from './account-events';
import type { AccountsContext } from './context';

export interface RoleChangeInput {
  readonly userId: string;
  readonly role: Role;
  /** The acting user. */
  readonly by: string;
}

/** True when the user did not hold the role before; a repeated grant changes and records nothing. */
export async function grantRole(context: AccountsContext, input: RoleChangeInput): Promise<boolean> {
  const { store, clock } = context;
  const user = await store.getUser(input.userId);
  if (user === null) throw new UserNotFoundError(input.userId);
  const granted = userStreamEvent(
    'UserRoleGranted',
    { userId: user.id, role: input.role },
    operation(user.tenantId, userActor(input.by)),
  );
  const changed = await store.grantRole({
    userId: user.id,
    tenantId: user.tenantId,
    role: input.role,
    grantedAt: clock(),
    grantedBy: input.by,
  });
  if (changed) await appendEvents(context.log, [granted]);
  return changed;
}

/** True when the user held the role; revoking a role not held changes and records nothing. */
export async function revokeRole(context: AccountsContext, input: RoleChangeInput): Promise<boolean> {
  const { store } = context;
  const user = await store.getUser(input.userId);
  if (user === null) throw new UserNotFoundError(input.userId);
  const revoked = userStreamEvent(
    'UserRoleRevoked',
    { userId: user.id, role: input.role },
    operation(user.tenantId, userActor(input.by)),
  );
  const changed = await store.revokeRole(user.id, user.tenantId, input.role);
  if (changed) await appendEvents(context.log, [revoked]);
  return changed;
}
