import type { Role } from '@poise/schemas';
import { describe, expect, it } from 'vitest';
import { assignableRoles, canAssignRole } from './assignable-roles';
import { PermissionError } from './permission-error';
import { hasPermission, PERMISSIONS, type Permission } from './permissions';
import { requirePermission, userCan } from './require-permission';

const ROLES = ['candidate', 'staff', 'admin', 'platform-admin'] as const;

/**
 * Written out by hand, independently of the table in permissions.ts: one column per role in the
 * order candidate, staff, admin, platform-admin; y = granted (an `any` grant counts for `own`).
 */
const EXPECTED: Record<Permission, string> = {
  'read:session:own': 'yyyy',
  'read:session:any': 'nyyy',
  'write:session:own': 'ynny',
  'read:report:own': 'yyyy',
  'read:report:any': 'nyyy',
  'export:report:own': 'yyyy',
  'export:report:any': 'nyyy',
  'read:progress:own': 'yyyy',
  'read:progress:any': 'nyyy',
  'delete:recording:own': 'ynyy',
  'delete:recording:any': 'nnyy',
  'write:review:any': 'nyyy',
  'read:cohort:any': 'nyyy',
  'write:cohort:any': 'nyyy',
  'read:question-set:any': 'nyyy',
  'write:question-set:any': 'nyyy',
  'read:user:any': 'nyyy',
  'write:invitation:any': 'nyyy',
  'manage:user:any': 'nnyy',
  'read:auth-session:own': 'yyyy',
  'write:auth-session:own': 'yyyy',
  'manage:auth-session:any': 'nnyy',
  'read:policy:any': 'nnyy',
  'write:policy:any': 'nnyy',
  'read:audit:any': 'nnyy',
  'export:audit:any': 'nnyy',
  'manage:tenant:any': 'nnny',
};

const cells = PERMISSIONS.flatMap((permission) =>
  ROLES.map((role, column) => ({ role, permission, granted: EXPECTED[permission][column] === 'y' })),
);

describe('permission matrix', () => {
  it('has a hand-written row for every permission and only those', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('names every permission action:entity:access', () => {
    for (const permission of PERMISSIONS) expect(permission).toMatch(/^[a-z]+:[a-z-]+:(own|any)$/);
  });

  it.each(cells)('$role × $permission → $granted', ({ role, permission, granted }) => {
    expect(hasPermission([role], permission)).toBe(granted);
  });

  it('grants what any of several roles grants, and nothing to no roles', () => {
    expect(hasPermission(['candidate', 'staff'], 'write:session:own')).toBe(true);
    expect(hasPermission(['candidate', 'staff'], 'read:session:any')).toBe(true);
    expect(hasPermission([], 'read:auth-session:own')).toBe(false);
  });
});

const leeds = (id: string, ...roles: Role[]) => ({ id, tenantId: 'leeds-careers', roles });
const sam = leeds('sam', 'candidate');

function refusal(action: () => void): PermissionError {
  try {
    action();
  } catch (error) {
    if (error instanceof PermissionError) return error;
    throw error;
  }
  throw new Error('expected a PermissionError');
}

describe('requirePermission', () => {
  it('lets a candidate read their own session and refuses another candidate', () => {
    requirePermission(sam, 'read:session:own', { tenantId: 'leeds-careers', ownerId: 'sam' });

    const error = refusal(() =>
      requirePermission(leeds('alex', 'candidate'), 'read:session:own', {
        tenantId: 'leeds-careers',
        ownerId: 'sam',
      }),
    );
    expect(error).toMatchObject({ status: 403, reason: 'not-owner', permission: 'read:session:own' });
  });

  it('refuses an `own` permission when the owner is not named', () => {
    expect(
      refusal(() => requirePermission(sam, 'read:report:own', { tenantId: 'leeds-careers' })).reason,
    ).toBe('not-owner');
  });

  it("lets staff read any candidate's session of their tenant through the `any` grant", () => {
    requirePermission(leeds('kim', 'staff'), 'read:session:own', {
      tenantId: 'leeds-careers',
      ownerId: 'sam',
    });
    requirePermission(leeds('kim', 'staff'), 'read:session:any', { tenantId: 'leeds-careers' });
  });

  it('refuses an `any` permission to a role holding only `own`', () => {
    const error = refusal(() =>
      requirePermission(sam, 'read:session:any', { tenantId: 'leeds-careers', ownerId: 'sam' }),
    );
    expect(error.reason).toBe('missing-permission');
    expect(error.message).toContain('read:session:any');
  });

  it("refuses another tenant's admin everything in this tenant, even what they own elsewhere", () => {
    const yorkAdmin = { id: 'ola', tenantId: 'york-careers', roles: ['admin'] as Role[] };
    for (const permission of PERMISSIONS) {
      const error = refusal(() =>
        requirePermission(yorkAdmin, permission, { tenantId: 'leeds-careers', ownerId: 'ola' }),
      );
      expect(error.reason).toBe('other-tenant');
    }
  });

  it('lets a platform admin act in any tenant', () => {
    const operator = { id: 'op', tenantId: 'poise', roles: ['platform-admin'] as Role[] };
    for (const permission of PERMISSIONS.filter((p) => p.endsWith(':any'))) {
      expect(userCan(operator, permission, { tenantId: 'leeds-careers' })).toBe(true);
    }
  });

  it('answers as a boolean for hiding UI', () => {
    expect(userCan(sam, 'read:audit:any', { tenantId: 'leeds-careers' })).toBe(false);
    expect(userCan(leeds('root', 'admin'), 'read:audit:any', { tenantId: 'leeds-careers' })).toBe(true);
  });
});

describe('assignable roles', () => {
  it.each([
    [['candidate'], []],
    [['staff'], ['candidate']],
    [['admin'], ['candidate', 'staff', 'admin']],
    [['platform-admin'], ['candidate', 'staff', 'admin', 'platform-admin']],
    [['staff', 'candidate'], ['candidate']],
  ] as [Role[], Role[]][])('%j may assign %j', (roles, expected) => {
    expect(assignableRoles(roles)).toEqual(expected);
    for (const role of ROLES) expect(canAssignRole(roles, role)).toBe(expected.includes(role));
  });
});
