/**
 * Permissions as typed strings `action:entity:access`, in the manner of the Epic Stack. `own` means
 * things of the user's own (their interview sessions, their reports, their sign-ins); `any` means
 * anyone's within the user's tenant. Holding `any` implies `own`. Nothing here crosses tenants:
 * that rule lives in requirePermission, with platform admins the one documented exception.
 *
 * The table below is the single place that says which role may do what.
 */
import type { Role } from '@poise/schemas';

export const PERMISSIONS = [
  // Interview sessions: practise, see them, replay them.
  'read:session:own',
  'read:session:any',
  'write:session:own',
  // Session reports and progress (trends over the candidate's sessions).
  'read:report:own',
  'read:report:any',
  'export:report:own',
  'export:report:any',
  'read:progress:own',
  'read:progress:any',
  // Raw recordings: erasure requests and deletion.
  'delete:recording:own',
  'delete:recording:any',
  // Staff review of a session: comments and rubric scores.
  'write:review:any',
  'read:cohort:any',
  'write:cohort:any',
  'read:question-set:any',
  'write:question-set:any',
  // Accounts: see the tenant's people, invite them, change roles and disable accounts.
  'read:user:any',
  'write:invitation:any',
  'manage:user:any',
  // Auth sessions ("where am I signed in"): one's own, or anyone's (an admin revoking a device).
  'read:auth-session:own',
  'write:auth-session:own',
  'manage:auth-session:any',
  // Tenant policies (retention, expression analysis) and the audit trail.
  'read:policy:any',
  'write:policy:any',
  'read:audit:any',
  'export:audit:any',
  // Creating and renaming tenants: Poise's own operators only.
  'manage:tenant:any',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type PermissionAccess = 'own' | 'any';

const everyone: readonly Permission[] = ['read:auth-session:own', 'write:auth-session:own'];

const candidate: readonly Permission[] = [
  ...everyone,
  'read:session:own',
  'write:session:own',
  'read:report:own',
  'export:report:own',
  'read:progress:own',
  'delete:recording:own',
];

/** Staff coach: they see every candidate of the tenant and run cohorts and question sets. */
const staff: readonly Permission[] = [
  ...everyone,
  'read:session:any',
  'read:report:any',
  'export:report:any',
  'read:progress:any',
  'write:review:any',
  'read:cohort:any',
  'write:cohort:any',
  'read:question-set:any',
  'write:question-set:any',
  'read:user:any',
  'write:invitation:any',
];

/** Admins run the tenant: everything staff do, plus people, policies, deletion and the audit trail. */
const admin: readonly Permission[] = [
  ...staff,
  'delete:recording:any',
  'manage:user:any',
  'manage:auth-session:any',
  'read:policy:any',
  'write:policy:any',
  'read:audit:any',
  'export:audit:any',
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  candidate: new Set(candidate),
  staff: new Set(staff),
  admin: new Set(admin),
  'platform-admin': new Set(PERMISSIONS),
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** The `any` form of an `own` permission, when the catalogue has one. */
export function anyFormOf(permission: Permission): Permission | null {
  if (!permission.endsWith(':own')) return null;
  const widened = `${permission.slice(0, -':own'.length)}:any`;
  return isPermission(widened) ? widened : null;
}

/** True when one of the roles grants the permission, or grants its `any` form when it asks for `own`. */
export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const wider = anyFormOf(permission);
  return roles.some((role) => {
    const granted = ROLE_PERMISSIONS[role];
    return granted.has(permission) || (wider !== null && granted.has(wider));
  });
}
