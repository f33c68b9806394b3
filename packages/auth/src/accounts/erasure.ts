/**
 * "Erase my data", as far as the auth store and the request go (ADR 010). Asking disables the
 * account and ends its sessions at once, then records UserErasureRequested on the tenant's audit
 * stream (the user stream is about to be deleted, so the request must not live there). The media
 * custodian's user-erasure process carries the request out and, as one of its steps, calls
 * eraseAccount: email, name and password are replaced and every token of the person is deleted.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { recordFacts } from '@poise/domain';
import { type Actor, streamName } from '@poise/schemas';
import { hashPassword } from '../passwords/hashing';
import { UserNotFoundError } from '../store/errors';
import type { AuthStore, UserRecord } from '../store/port';
import type { AccountsContext } from './context';

/** What an erased person is called wherever an id of theirs is shown. */
export const ERASED_DISPLAY_NAME = 'Erased candidate';

/** The law's ceiling for carrying a request out; Poise's own promise is minutes (the custodian acts as it reads). */
export const ERASURE_LEGAL_DEADLINE_MS = 30 * 24 * 60 * 60 * 1000;

/** `.invalid` is reserved (RFC 2606): no mail can go there and nobody can register it as theirs. */
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/** True once eraseAccount has run for this account. */
export function isErasedAccount(user: Pick<UserRecord, 'id' | 'email'>): boolean {
  return user.email === erasedEmail(user.id);
}

export interface RequestErasureInput {
  readonly userId: string;
  /** The acting person: the candidate themself or an admin of their tenant (the console checks which). */
  readonly by: Actor;
}

export type RequestErasureResult =
  | {
      readonly ok: true;
      /** Id of the UserErasureRequested event the custodian will carry out. */
      readonly requestId: string;
      readonly endedSessionIds: readonly string[];
    }
  | { readonly ok: false; readonly reason: 'already-erased' };

export async function requestErasure(
  context: AccountsContext,
  input: RequestErasureInput,
): Promise<RequestErasureResult> {
  const { store, clock, log } = context;
  const now = clock();
  const user = await store.getUser(input.userId);
  if (user === null) throw new UserNotFoundError(input.userId);
  if (isErasedAccount(user)) return { ok: false, reason: 'already-erased' };
  // Signed out and unable to sign in from this moment, before anything is deleted.
  await store.setUserDisabled(user.id, true, now);
  const endedSessionIds = await store.revokeUserSessions(user.id, now);
  const operation = {
    tenantId: user.tenantId,
    actor: input.by,
    correlationId: randomUUID(),
    causationId: null,
  };
  // The capture gateway refuses a disabled account's tokens from the user stream (until it is deleted,
  // with the sessions those tokens were for).
  if (!user.disabled) {
    await recordFacts(
      log,
      streamName.user(user.id),
      [{ type: 'UserDisabled', data: { userId: user.id } }],
      operation,
    );
  }
  const [request] = await recordFacts(
    log,
    streamName.audit(user.tenantId),
    [
      {
        type: 'UserErasureRequested',
        data: { userId: user.id, dueBy: new Date(now.getTime() + ERASURE_LEGAL_DEADLINE_MS).toISOString() },
      },
    ],
    operation,
  );
  return { ok: true, requestId: request!.id, endedSessionIds };
}

/**
 * Replaces the person's email, name and password in the auth store and deletes their sessions,
 * reset tokens and invitations. Returns null for an account the store does not hold; running it
 * again on an erased account changes nothing a person could recognise.
 */
export async function eraseAccount(store: AuthStore, userId: string, now: Date): Promise<UserRecord | null> {
  // A hash of 32 random bytes that nobody keeps: no password can match it.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await store.eraseUser(
      userId,
      { email: erasedEmail(userId), displayName: ERASED_DISPLAY_NAME, passwordHash },
      now,
    );
  } catch (error) {
    if (error instanceof UserNotFoundError) return null;
    throw error;
  }
}
