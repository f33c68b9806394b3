import type { Role } from '@poise/schemas';
import type { RoleGrant, UserRecord } from '../store/port';

/** A signed-in person as loaders and actions see them: no password hash, roles of their tenant. */
export interface AuthUser {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

/**
 * Only the roles held in the user's own tenant count: a grant recorded for another tenant must not
 * widen what the user may do here (tenant isolation).
 */
export function toAuthUser(user: UserRecord, grants: readonly RoleGrant[]): AuthUser {
  const roles = grants.filter((grant) => grant.tenantId === user.tenantId).map((grant) => grant.role);
  return {
    id: user.id,
    tenantId: user.tenantId,
    email: user.email,
    displayName: user.displayName,
    roles: [...new Set(roles)].sort(),
  };
}
