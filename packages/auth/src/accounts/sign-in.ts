/**
 * Sign-in with email and password, throttled per account and per client address (numbers in
 * ../throttling/policy.ts). Every refusal is recorded as UserSignInFailed: on the user's stream for
 * a known account, on the tenant's audit stream (email only as SHA-256) for an unknown one.
 *
 * Known and unknown emails are indistinguishable from outside: the account counter is keyed by the
 * email's hash whether or not an account exists, an unknown email still costs one argon2 verify,
 * and both answer 'invalid-credentials'. A locked key is refused before any password is checked,
 * so lockouts cannot be used to test passwords.
 */
import { streamName, TENANT_ID_PATTERN } from '@poise/schemas';
import { ipThrottleKey, normaliseIpAddress } from '../network/ip-address';
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

function failureEvents(
  context: AccountsContext,
  accounts: readonly UserRecord[],
  reason: Exclude<FailureReason, 'unknown-account'>,
  attempt: { emailHash: string; ip: string | null; tenantId: string | undefined },
): PendingEvent[] {
  if (accounts.length === 0) {
    // No account, so no user stream: the audit stream takes it, without the address, because
    // personal data (IP addresses included) lives only in user- streams.
    const tenantId = attempt.tenantId ?? context.settings.platformTenantId;
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
  const keys: ThrottleKey[] =
    ip === null ? [accountKey] : [accountKey, { scope: 'ip', key: ipThrottleKey(ip) }];
  const attempt = { emailHash, ip, tenantId: input.tenantId };
  const accounts = await store.findUsersByEmail(email, input.tenantId);

  const wait = await throttle.retryAfter(keys, now);
  if (wait > 0) {
    await appendEvents(context.log, failureEvents(context, accounts, 'account-locked', attempt));
    return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  }

  const matches = await matchingAccounts(accounts, input.password);
  if (matches.length === 0) {
    const lockedFor = await throttle.recordFailure(keys, now);
    await appendEvents(context.log, failureEvents(context, accounts, 'wrong-password', attempt));
    // The failure that reaches the limit says so at once, rather than on the next attempt.
    return lockedFor > 0
      ? { ok: false, reason: 'throttled', retryAfterSeconds: lockedFor }
      : { ok: false, reason: 'invalid-credentials' };
  }
  if (matches.length > 1) return { ok: false, reason: 'tenant-required' };
  const user = matches[0]!;
  if (user.disabled) {
    await appendEvents(context.log, failureEvents(context, [user], 'account-locked', attempt));
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
