/**
 * Disabling an account stops its sign-ins and ends its sessions at once. The catalogue has no
 * UserDisabled event yet, so what the log records is the sessions it ended (UserSignedOut,
 * reason 'revoked', by the acting admin) and, later, each refused sign-in ('account-locked').
 */
import { appendEvents, operation, userActor, userStreamEvent } from './account-events';
import type { AccountsContext } from './context';

export interface SetUserDisabledInput {
  readonly userId: string;
  readonly disabled: boolean;
  /** The acting admin. */
  readonly by: string;
}

/** Returns the ids of the sessions that disabling ended (none when enabling). */
export async function setUserDisabled(
  context: AccountsContext,
  input: SetUserDisabledInput,
): Promise<string[]> {
  const { store, clock } = context;
  const now = clock();
  // Throws UserNotFoundError for an unknown id.
  const user = await store.setUserDisabled(input.userId, input.disabled, now);
  if (!input.disabled) return [];
  const ended = await store.revokeUserSessions(user.id, now);
  const op = operation(user.tenantId, userActor(input.by));
  await appendEvents(
    context.log,
    ended.map(() => userStreamEvent('UserSignedOut', { userId: user.id, reason: 'revoked' }, op)),
  );
  return ended;
}
