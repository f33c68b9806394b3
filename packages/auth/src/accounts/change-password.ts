/**
 * A signed-in person changes their password: the current one is checked (and failures count
 * against the account's throttle, so a stolen session cannot be used to guess it), every other
 * session is revoked, and this one stays.
 */
import { hashPassword, verifyPassword } from '../passwords/hashing';
import { normalisePassword } from '../passwords/normalise';
import { checkPasswordPolicy, type PasswordProblem } from '../passwords/policy';
import { UserNotFoundError } from '../store/errors';
import type { ThrottleKey } from '../store/port';
import { appendEvents, operation, userActor, userStreamEvent } from './account-events';
import type { AccountsContext } from './context';
import { emailSha256 } from './email';

export interface ChangePasswordInput {
  readonly userId: string;
  /** The session the change is made from: it stays signed in, every other one is revoked. */
  readonly sessionId: string;
  readonly currentPassword: string;
  readonly newPassword: string;
}

export type ChangePasswordResult =
  | { readonly ok: true; readonly revokedSessionIds: readonly string[] }
  | { readonly ok: false; readonly reason: 'invalid-credentials' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly ok: false; readonly reason: 'weak-password'; readonly problems: readonly PasswordProblem[] };

const SAME_AS_CURRENT: PasswordProblem = {
  code: 'same-as-current',
  message: 'The new password must differ from the current one.',
};

export async function changePassword(
  context: AccountsContext,
  input: ChangePasswordInput,
): Promise<ChangePasswordResult> {
  const { store, clock, throttle } = context;
  const now = clock();
  const user = await store.getUser(input.userId);
  if (user === null) throw new UserNotFoundError(input.userId);
  const accountKey: ThrottleKey = { scope: 'account', key: emailSha256(user.email) };

  const wait = await throttle.retryAfter([accountKey], now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const lockedFor = await throttle.recordFailure([accountKey], now);
    return lockedFor > 0
      ? { ok: false, reason: 'throttled', retryAfterSeconds: lockedFor }
      : { ok: false, reason: 'invalid-credentials' };
  }
  const policy = checkPasswordPolicy(input.newPassword, { email: user.email });
  const problems = policy.ok ? [] : [...policy.problems];
  if (normalisePassword(input.newPassword) === normalisePassword(input.currentPassword))
    problems.push(SAME_AS_CURRENT);
  if (problems.length > 0) return { ok: false, reason: 'weak-password', problems };

  const changed = userStreamEvent(
    'PasswordChanged',
    { userId: user.id, via: 'account-settings' },
    operation(user.tenantId, userActor(user.id)),
  );
  const revokedSessionIds = await store.replacePassword(user.id, await hashPassword(input.newPassword), now, {
    keepSessionId: input.sessionId,
  });
  await appendEvents(context.log, [changed]);
  return { ok: true, revokedSessionIds };
}
