/**
 * Disabling an account stops its sign-ins and ends its sessions at once. The log records
 * UserDisabled (which also makes the capture gateway refuse the account's tokens), each session it
 * ended (UserSignedOut, reason 'revoked'), all by the acting admin; enabling records UserEnabled.
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
  const op = operation(user.tenantId, userActor(input.by));
  if (!input.disabled) {
    await appendEvents(context.log, [userStreamEvent('UserEnabled', { userId: user.id }, op)]);
    return [];
  }
  const ended = await store.revokeUserSessions(user.id, now);
  await appendEvents(context.log, [
    userStreamEvent('UserDisabled', { userId: user.id }, op),
    ...ended.map(() => userStreamEvent('UserSignedOut', { userId: user.id, reason: 'revoked' }, op)),
  ]);
  return ended;
}
