/**
 * What the anonymous endpoints (sign-in, asking for a reset link, using a reset link, accepting an
 * invitation) share: the throttle keys of a request, the tenant whose audit trail may take its
 * record, and the one event that records a lockout.
 *
 * Writes from anonymous requests are bounded: a request refused while its key is locked records
 * nothing (the lockout was recorded once, when it began: AnonymousRequestsThrottled), and only
 * tenants that exist get events; a tenant slug that names none writes nothing anywhere.
 */
import { type AnonymousEndpoint, streamName } from '@poise/schemas';
import { ipThrottleKey } from '../network/ip-address';
import type { ThrottleKey } from '../store/port';
import type { NewLockout } from '../throttling/login-throttle';
import {
  AUTH_SERVICE_ACTOR,
  appendEvents,
  operation,
  type PendingEvent,
  pendingEvent,
} from './account-events';
import type { AccountsContext } from './context';

/** The account key (by the email's hash) when there is one, and the address key when it is known. */
export function requestKeys(emailHash: string | null, ip: string | null): ThrottleKey[] {
  return [
    ...(emailHash === null ? [] : [{ scope: 'account' as const, key: emailHash }]),
    ...(ip === null ? [] : [{ scope: 'ip' as const, key: ipThrottleKey(ip) }]),
  ];
}

/**
 * A tenant exists when its tenant stream has events or the auth store has accounts in it (tenants
 * made before their TenantCreated, as in the demo seed, have accounts).
 */
export async function tenantExists(context: AccountsContext, tenantId: string): Promise<boolean> {
  if (tenantId === context.settings.platformTenantId) return true;
  if ((await context.log.readStream(streamName.tenant(tenantId), { maxCount: 1 })).length > 0) return true;
  return (await context.store.listUsers(tenantId)).length > 0;
}

/**
 * The tenant whose audit trail takes an anonymous request's record: the one named, if it exists
 * (null, so nothing is written, if it does not); the platform tenant when none was named.
 */
export async function auditTenantOf(
  context: AccountsContext,
  tenantId: string | undefined,
): Promise<string | null> {
  if (tenantId === undefined) return context.settings.platformTenantId;
  return (await tenantExists(context, tenantId)) ? tenantId : null;
}

export interface LockoutRecordTarget {
  readonly endpoint: AnonymousEndpoint;
  /** SHA-256 of the normalised email, for account keys. */
  readonly emailHash: string | null;
  /** The tenants of the accounts the email matched (their trails take an account key's lockout). */
  readonly accountTenants: readonly string[];
  /** The tenant the request named, if any. */
  readonly tenantId: string | undefined;
}

/** One AnonymousRequestsThrottled per new lockout, on each trail it concerns that exists. */
export async function lockoutEvents(
  context: AccountsContext,
  lockouts: readonly NewLockout[],
  target: LockoutRecordTarget,
): Promise<PendingEvent[]> {
  const events: PendingEvent[] = [];
  for (const lockout of lockouts) {
    const known = lockout.key.scope === 'account' ? [...new Set(target.accountTenants)] : [];
    const fallback = await auditTenantOf(context, target.tenantId);
    const tenants = known.length > 0 ? known : fallback === null ? [] : [fallback];
    for (const tenantId of tenants) {
      events.push(
        pendingEvent(
          streamName.audit(tenantId),
          'AnonymousRequestsThrottled',
          {
            endpoint: target.endpoint,
            scope: lockout.key.scope,
            ...(lockout.key.scope === 'account' && target.emailHash !== null
              ? { emailSha256: target.emailHash }
              : {}),
            attempts: Math.min(lockout.failures, 1_000_000),
            lockedUntil: lockout.lockedUntil.toISOString(),
          },
          operation(tenantId, AUTH_SERVICE_ACTOR),
        ),
      );
    }
  }
  return events;
}

/**
 * The throttle of a one-time link used anonymously (a reset link, an invitation), by address only:
 * how long the address must wait, and the refusal of a link that cannot be used, which counts
 * against the address and records a new lockout once.
 */
export async function linkRedemptionThrottle(
  context: AccountsContext,
  ip: string | null,
  endpoint: 'password-reset' | 'invitation-accept',
) {
  const { clock, throttle } = context;
  const keys = requestKeys(null, ip);
  const retryAfterSeconds = await throttle.retryAfter(keys, clock(), endpoint);
  const refuse = async <Reason extends string>(reason: Reason) => {
    const attempt = await throttle.registerAttempt(keys, clock(), endpoint);
    await appendEvents(
      context.log,
      await lockoutEvents(context, attempt.newLockouts, {
        endpoint,
        emailHash: null,
        accountTenants: [],
        tenantId: undefined,
      }),
    );
    return { ok: false as const, reason };
  };
  return { retryAfterSeconds, refuse };
}
