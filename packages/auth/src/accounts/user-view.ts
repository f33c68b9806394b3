import { type AuthUser, toAuthUser } from '../sessions/auth-user';
import type { AuthStore, UserRecord } from '../store/port';

export async function loadAuthUser(store: AuthStore, user: UserRecord): Promise<AuthUser> {
  return toAuthUser(user, await store.listRoles(user.id));
}
