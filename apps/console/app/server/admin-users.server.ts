/**
 * The tenant's people as admins manage them, straight from the auth store (the record of accounts,
 * roles and disabled flags, so a change shows at once): search, roles, disabled state, sessions.
 */
import { type AuthUser, isErasedAccount, isPlatformAdmin, type UserRecord } from '@poise/auth';
import { type Role, UUID_PATTERN } from '@poise/schemas';
import { getServices } from './services.server';

export interface UserRow {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** Only the grants in the user's own tenant count (as for sign-in). */
export async function rolesOf(user: UserRecord): Promise<Role[]> {
  const grants = await getServices().authStore.listRoles(user.id);
  return [
    ...new Set(grants.filter((grant) => grant.tenantId === user.tenantId).map((grant) => grant.role)),
  ].sort();
}

async function rowOf(user: UserRecord): Promise<UserRow> {
  return {
    userId: user.id,
    displayName: user.displayName,
    // An erased account's placeholder address is nobody's; it is not shown.
    email: isErasedAccount(user) ? '—' : user.email,
    roles: await rolesOf(user),
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}

/** One page of the tenant's users whose name or email contains `search` (case-insensitive), by name. */
export async function searchUsers(
  tenantId: string,
  search: string,
  page: { readonly offset: number; readonly limit: number },
): Promise<{ total: number; users: UserRow[] }> {
  const needle = search.toLowerCase();
  const matching = (await getServices().authStore.listUsers(tenantId))
    .filter(
      (user) =>
        needle === '' || user.email.includes(needle) || user.displayName.toLowerCase().includes(needle),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));
  const users = await Promise.all(matching.slice(page.offset, page.offset + page.limit).map(rowOf));
  return { total: matching.length, users };
}

/**
 * The user an admin opened, or a 404 when it does not exist or belongs to another tenant: the
 * answer must not tell whether an id exists elsewhere. Platform admins operate every tenant.
 */
export async function requireManagedUser(admin: AuthUser, userId: string | undefined): Promise<UserRecord> {
  const known = userId !== undefined && UUID_PATTERN.test(userId);
  const user = known ? await getServices().authStore.getUser(userId) : null;
  if (user === null || (user.tenantId !== admin.tenantId && !isPlatformAdmin(admin))) {
    throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  }
  return user;
}
