/**
 * "Forgot my password": a single-use link valid for an hour. Requesting one answers the same
 * whether or not the email has an account, and spending one signs the person in on this device and
 * out everywhere else.
 */

import { normaliseIpAddress } from '../network/ip-address';
import { hashPassword } from '../passwords/hashing';
import { checkPasswordPolicy, type PasswordProblem } from '../passwords/policy';
import type { AuthUser } from '../sessions/auth-user';
import { summariseClient } from '../sessions/client-summary';
import type { Session } from '../sessions/session-manager';
import { redemptionProblem } from '../store/redemption';
import { generateSecretToken, hashSecretToken, isWellFormedToken } from '../tokens/secret-token';
import { AUTH_SERVICE_ACTOR, appendEvents, operation, userActor, userStreamEvent } from './account-events';
import { linkRedemptionThrottle, lockoutEvents, requestKeys } from './anonymous-throttle';
import type { AccountsContext } from './context';
import { emailSha256, normaliseEmail } from './email';
import { loadAuthUser } from './user-view';

export interface RequestPasswordResetInput {
  readonly email: string;
  /** The client's address as the console determined it: asking is throttled per email and per address. */
  readonly ip?: string | null;
  /** The institution, when the form knows it; otherwise every account of the email gets a link. */
  readonly tenantId?: string;
}

/** One link to send: the token goes into the link, the rest addresses the email. */
export interface PasswordResetDelivery {
  readonly userId: string;
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * For the mailer, never for the HTTP response: the page must say the same thing ("if an account
 * exists, a link is on its way") whether `deliveries` is empty or not, and should hand the sending
 * to a queue so that the response time does not tell either.
 */
export interface PasswordResetRequest {
  readonly deliveries: readonly PasswordResetDelivery[];
  /**
   * Seconds until this email or address may ask again; when above 0 nothing was made, sent or
   * recorded (a 429 with Retry-After). Counted per email hash whether or not an account exists.
   */
  readonly retryAfterSeconds: number;
}

export async function requestPasswordReset(
  context: AccountsContext,
  input: RequestPasswordResetInput,
): Promise<PasswordResetRequest> {
  const { store, clock, settings, throttle } = context;
  const now = clock();
  const expiresAt = new Date(now.getTime() + settings.passwordResetTtlMs);
  const email = normaliseEmail(input.email);
  const emailHash = emailSha256(email);
  const keys = requestKeys(emailHash, normaliseIpAddress(input.ip));
  const endpoint = 'password-reset-request';
  const wait = await throttle.retryAfter(keys, now, endpoint);
  if (wait > 0) return { deliveries: [], retryAfterSeconds: wait };
  // Every request counts, answered or not: one email or address cannot fill a mailbox or the store.
  const attempt = await throttle.registerAttempt(keys, now, endpoint);
  // A disabled account cannot sign in, so a reset link would only be a way round the admin.
  const accounts = (await store.findUsersByEmail(email, input.tenantId)).filter(
    (account) => !account.disabled,
  );
  await appendEvents(
    context.log,
    await lockoutEvents(context, attempt.newLockouts, {
      endpoint,
      emailHash,
      accountTenants: accounts.map((account) => account.tenantId),
      tenantId: input.tenantId,
    }),
  );
  const deliveries: PasswordResetDelivery[] = [];
  for (const account of accounts) {
    const token = generateSecretToken();
    const requested = userStreamEvent(
      'PasswordResetRequested',
      { userId: account.id, expiresAt: expiresAt.toISOString() },
      // Anyone can ask for a link to any address, so the request is not the account holder's act.
      operation(account.tenantId, AUTH_SERVICE_ACTOR),
    );
    await store.createPasswordReset({
      tokenHash: hashSecretToken(token),
      userId: account.id,
      createdAt: now,
      expiresAt,
    });
    await appendEvents(context.log, [requested]);
    const { id: userId, tenantId, email, displayName } = account;
    deliveries.push({ userId, tenantId, email, displayName, token, expiresAt });
  }
  return { deliveries, retryAfterSeconds: 0 };
}

export interface ResetPasswordInput {
  readonly token: string;
  readonly newPassword: string;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
}

export type ResetPasswordResult =
  | { readonly ok: true; readonly token: string; readonly session: Session; readonly user: AuthUser }
  | { readonly ok: false; readonly reason: 'invalid-token' | 'expired' | 'already-used' | 'disabled' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly ok: false; readonly reason: 'weak-password'; readonly problems: readonly PasswordProblem[] };

export async function resetPassword(
  context: AccountsContext,
  input: ResetPasswordInput,
): Promise<ResetPasswordResult> {
  const { store, clock, sessions, throttle } = context;
  const { retryAfterSeconds: wait, refuse } = await linkRedemptionThrottle(
    context,
    normaliseIpAddress(input.ip),
    'password-reset',
  );
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  // A link that cannot be used counts against the address; the lockout is recorded once.
  const refused = (reason: 'invalid-token' | 'expired' | 'already-used' | 'disabled') => refuse(reason);
  if (!isWellFormedToken(input.token)) return refused('invalid-token');
  const tokenHash = hashSecretToken(input.token);
  const reset = await store.findPasswordReset(tokenHash);
  const problem = redemptionProblem(reset, clock());
  const user = reset && (await store.getUser(reset.userId));
  if (problem !== null || !user) {
    return refused(problem === null || problem === 'unknown' ? 'invalid-token' : problem);
  }
  if (user.disabled) return refused('disabled');
  // Checked before redeeming, so a rejected password does not use the link up.
  const policy = checkPasswordPolicy(input.newPassword, { email: user.email });
  if (!policy.ok) return { ok: false, reason: 'weak-password', problems: policy.problems };

  const passwordHash = await hashPassword(input.newPassword);
  const now = clock();
  const client = summariseClient({ ipAddress: input.ip, userAgent: input.userAgent });
  const op = operation(user.tenantId, userActor(user.id));
  const events = [
    userStreamEvent('PasswordChanged', { userId: user.id, via: 'reset-link' }, op),
    userStreamEvent(
      'UserSignedIn',
      {
        userId: user.id,
        method: 'password-reset',
        ...(client.ipAddress === null ? {} : { ipAddress: client.ipAddress }),
        ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
      },
      op,
    ),
  ];
  const redeemed = await store.redeemPasswordReset(tokenHash, now, passwordHash);
  if (!redeemed.ok) return refused(redeemed.reason === 'unknown' ? 'invalid-token' : redeemed.reason);

  // Whoever locked the account out by guessing has lost: the owner proved control of the email.
  await throttle.clear({ scope: 'account', key: emailSha256(user.email) });
  const { token, session } = await sessions.createSession(user.id, client);
  await appendEvents(context.log, events);
  return { ok: true, token, session, user: await loadAuthUser(store, redeemed.user) };
}
