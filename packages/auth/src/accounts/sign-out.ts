import type { Actor } from '@poise/schemas';
import { appendEvents, operation, userActor, userStreamEvent } from './account-events';
import type { AccountsContext } from './context';

/** Ends one auth session and records why; false when it was unknown or already ended. */
async function endSession(
  context: AccountsContext,
  sessionId: string,
  reason: 'signed-out' | 'revoked',
  actor: (userId: string) => Actor,
): Promise<boolean> {
  const { store, clock } = context;
  const session = await store.getSession(sessionId);
  if (session === null) return false;
  const user = await store.getUser(session.userId);
  if (user === null || !(await store.revokeSession(sessionId, clock()))) return false;
  await appendEvents(context.log, [
    userStreamEvent('UserSignedOut', { userId: user.id, reason }, operation(user.tenantId, actor(user.id))),
  ]);
  return true;
}

/** The person signs themselves out of this session. */
export function signOut(context: AccountsContext, sessionId: string): Promise<boolean> {
  return endSession(context, sessionId, 'signed-out', userActor);
}

export interface RevokeSessionInput {
  readonly sessionId: string;
  /** Who ended it: the owner from their session list, or an admin (manage:auth-session:any). */
  readonly revokedBy: string;
}

/** Ends a session from elsewhere: another device of the owner, or an admin. */
export function revokeSession(context: AccountsContext, input: RevokeSessionInput): Promise<boolean> {
  return endSession(context, input.sessionId, 'revoked', () => userActor(input.revokedBy));
}
