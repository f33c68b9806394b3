/**
 * Sign-in with email and password, throttled per account and per client address (numbers in
 * ../throttling/policy.ts). A refusal for a wrong password or an unknown email is recorded as
 * UserSignInFailed: on the user's stream for a known account, on the audit stream (email only as
 * SHA-256) of the tenant named (only if it exists) or of the platform tenant for an unknown one.
 * The failure that locks a key also records one AnonymousRequestsThrottled; attempts refused while
 * locked record nothing, so a flood writes a bounded number of events.
 *
 * Known and unknown emails are indistinguishable from outside: the account counter is keyed by the
 * email's hash whether or not an account exists, an unknown email still costs one argon2 verify,
 * and both answer 'invalid-credentials'. A locked key is refused before any password is checked,
 * so lockouts cannot be used to test passwords.
 */
import { streamName, TENANT_ID_PATTERN } from '@poise/schemas';
import { normaliseIpAddress } from '../network/ip-address';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../passwords/hashing';
import type { AuthUser } from '../sessions/auth-user';
import { summariseClient } from '../sessions/client-summary';
import type { Session } from '../sessions/session-manager';
import type { ThrottleKey, UserRecord } from '../store/port';
import {
  AUTH_SERVICE_ACTOR,
  appendEvents,
  operation,
  type PendingEvent,
  pendingEvent,
  userActor,
  userStreamEvent,
} from './account-events';
import { auditTenantOf, lockoutEvents, requestKeys } from './anonymous-throttle';
import type { AccountsContext } from './context';
import { emailSha256, normaliseEmail } from './email';
import { loadAuthUser } from './user-view';

export interface SignInInput {
  readonly email: string;
  readonly password: string;
  /** The client's address as the console determined it; anything that is not an address is ignored. */
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  /** The institution signed in to; without it, the email is looked up in every tenant. */
  readonly tenantId?: string;
}

export type SignInFailure =
  | { readonly ok: false; readonly reason: 'invalid-credentials' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly ok: false; readonly reason: 'disabled' }
  /** The password fits accounts of this email in several tenants: ask which institution. */
  | { readonly ok: false; readonly reason: 'tenant-required' };

export type SignInResult =
  | { readonly ok: true; readonly token: string; readonly session: Session; readonly user: AuthUser }
  | SignInFailure;

type FailureReason = 'unknown-account' | 'wrong-password' | 'account-locked';

async function failureEvents(
  context: AccountsContext,
  accounts: readonly UserRecord[],
  reason: Exclude<FailureReason, 'unknown-account'>,
  attempt: { emailHash: string; ip: string | null; tenantId: string | undefined },
): Promise<PendingEvent[]> {
  if (accounts.length === 0) {
    // No account, so no user stream: the audit stream takes it, without the address, because
    // personal data (IP addresses included) lives only in user- streams. A tenant that does not
    // exist gets no stream.
    const tenantId = await auditTenantOf(context, attempt.tenantId);
    if (tenantId === null) return [];
    return [
      pendingEvent(
        streamName.audit(tenantId),
        'UserSignInFailed',
        { emailSha256: attempt.emailHash, userId: null, reason: 'unknown-account' },
        operation(tenantId, AUTH_SERVICE_ACTOR),
      ),
    ];
  }
  return accounts.map((account) =>
    userStreamEvent(
      'UserSignInFailed',
      {
        emailSha256: attempt.emailHash,
        userId: account.id,
        reason,
        ...(attempt.ip === null ? {} : { ipAddress: attempt.ip }),
      },
      operation(account.tenantId, AUTH_SERVICE_ACTOR),
    ),
  );
}

/** The accounts whose password matches, checking each in turn; a dummy verify when there are none. */
async function matchingAccounts(accounts: readonly UserRecord[], password: string): Promise<UserRecord[]> {
  if (accounts.length === 0) return verifyAgainstDummy(password).then(() => []);
  const matches: UserRecord[] = [];
  for (const account of accounts) {
    if (await verifyPassword(account.passwordHash, password)) matches.push(account);
  }
  return matches;
}

export async function signIn(context: AccountsContext, input: SignInInput): Promise<SignInResult> {
  const { store, clock, throttle, sessions } = context;
  if (input.tenantId !== undefined && !TENANT_ID_PATTERN.test(input.tenantId)) {
    throw new Error(`signIn: tenantId ${JSON.stringify(input.tenantId)} is not a tenant slug`);
  }
  const now = clock();
  const email = normaliseEmail(input.email);
  const emailHash = emailSha256(email);
  const ip = normaliseIpAddress(input.ip);
  const accountKey: ThrottleKey = { scope: 'account', key: emailHash };
  const keys = requestKeys(emailHash, ip);
  const attempt = { emailHash, ip, tenantId: input.tenantId };

  // Refused before anything is looked up or written: the lockout was recorded when it began.
  const wait = await throttle.retryAfter(keys, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };

  const accounts = await store.findUsersByEmail(email, input.tenantId);
  const failed = async (accounts: readonly UserRecord[], reason: 'wrong-password' | 'account-locked') => {
    const outcome = await throttle.registerAttempt(keys, now);
    const lockouts = await lockoutEvents(context, outcome.newLockouts, {
      endpoint: 'sign-in',
      emailHash,
      accountTenants: accounts.map((account) => account.tenantId),
      tenantId: input.tenantId,
    });
    await appendEvents(context.log, [
      ...(await failureEvents(context, accounts, reason, attempt)),
      ...lockouts,
    ]);
    return outcome.retryAfterSeconds;
  };

  const matches = await matchingAccounts(accounts, input.password);
  if (matches.length === 0) {
    const lockedFor = await failed(accounts, 'wrong-password');
    // The failure that reaches the limit says so at once, rather than on the next attempt.
    return lockedFor > 0
      ? { ok: false, reason: 'throttled', retryAfterSeconds: lockedFor }
      : { ok: false, reason: 'invalid-credentials' };
  }
  if (matches.length > 1) return { ok: false, reason: 'tenant-required' };
  const user = matches[0]!;
  if (user.disabled) {
    // Counted like a failure, so a disabled account cannot be used to write events without limit.
    await failed([user], 'account-locked');
    return { ok: false, reason: 'disabled' };
  }

  await throttle.clear(accountKey);
  if (needsRehash(user.passwordHash)) {
    // The only moment the plain password is at hand to move an old hash to today's parameters.
    await store.rehashPassword(user.id, user.passwordHash, await hashPassword(input.password), now);
  }
  const client = summariseClient({ ipAddress: ip, userAgent: input.userAgent });
  const signedIn = userStreamEvent(
    'UserSignedIn',
    {
      userId: user.id,
      method: 'password',
      ...(client.ipAddress === null ? {} : { ipAddress: client.ipAddress }),
      ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
    },
    operation(user.tenantId, userActor(user.id)),
  );
  const { token, session } = await sessions.createSession(user.id, client);
  try {
    await appendEvents(context.log, [signedIn]);
  } catch (error) {
    // A sign-in the log does not know of must not leave a usable session behind.
    await sessions.invalidateSession(session.id);
    throw error;
  }
  return { ok: true, token, session, user: await loadAuthUser(store, user) };
}
