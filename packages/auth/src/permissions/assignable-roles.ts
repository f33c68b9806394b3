/**
 * Which roles a person may hand out (invite with, grant or revoke): never more than their own.
 * Staff bring in candidates; admins manage candidates, staff and admins of their tenant; only a
 * platform admin makes another platform admin.
 */
import type { Role } from '@poise/schemas';

const ASSIGNABLE: Readonly<Record<Role, readonly Role[]>> = {
  candidate: [],
  staff: ['candidate'],
  admin: ['candidate', 'staff', 'admin'],
  'platform-admin': ['candidate', 'staff', 'admin', 'platform-admin'],
};

export function assignableRoles(roles: readonly Role[]): Role[] {
  const allowed = new Set(roles.flatMap((role) => ASSIGNABLE[role]));
  return (['candidate', 'staff', 'admin', 'platform-admin'] as const).filter((role) => allowed.has(role));
}

export function canAssignRole(roles: readonly Role[], role: Role): boolean {
  return assignableRoles(roles).includes(role);
}
