/**
 * The guard every loader and action calls before touching data (the server enforces; the UI only
 * hides). Two rules, in this order:
 *
 * 1. Tenant isolation: the resource's tenant must be the user's own. Nothing of one institution is
 *    visible to another, whatever the roles. Platform admins are the one exception: they operate
 *    Poise itself (create tenants, help an institution's admin) and may act in any tenant; every
 *    such action is still recorded in that tenant's audit trail by the console.
 * 2. The permission: an `any` permission needs a role granting `any`; an `own` permission is
 *    satisfied by `any`, or by `own` when the resource's owner is the user.
 */
import type { Role } from '@poise/schemas';
import { PermissionError } from './permission-error';
import { anyFormOf, hasPermission, type Permission, ROLE_PERMISSIONS } from './permissions';

export interface PermissionSubject {
  readonly id: string;
  readonly tenantId: string;
  readonly roles: readonly Role[];
}

export interface PermissionTarget {
  /** The tenant the resource belongs to. */
  readonly tenantId: string;
  /** The user who owns the resource; required for an `own` permission to be granted as `own`. */
  readonly ownerId?: string;
}

export function isPlatformAdmin(user: PermissionSubject): boolean {
  return user.roles.includes('platform-admin');
}

export function requirePermission(
  user: PermissionSubject,
  permission: Permission,
  target: PermissionTarget,
): void {
  if (target.tenantId !== user.tenantId && !isPlatformAdmin(user)) {
    throw new PermissionError(
      permission,
      'other-tenant',
      `the resource belongs to another tenant than user ${user.id}`,
    );
  }
  if (!hasPermission(user.roles, permission)) {
    throw new PermissionError(
      permission,
      'missing-permission',
      `roles [${user.roles.join(', ')}] do not grant it`,
    );
  }
  const wider = anyFormOf(permission);
  const heldAsAny = wider !== null && user.roles.some((role) => ROLE_PERMISSIONS[role].has(wider));
  if (permission.endsWith(':own') && !heldAsAny && target.ownerId !== user.id) {
    throw new PermissionError(permission, 'not-owner', `user ${user.id} is not the owner of the resource`);
  }
}

/** requirePermission as a boolean, for deciding what to show (never instead of the guard). */
export function userCan(user: PermissionSubject, permission: Permission, target: PermissionTarget): boolean {
  try {
    requirePermission(user, permission, target);
    return true;
  } catch (error) {
    if (error instanceof PermissionError) return false;
    throw error;
  }
}
