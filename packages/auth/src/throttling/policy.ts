/**
 * Login throttling as pure functions over one counter per key (an account or a client address).
 *
 * - A counter counts failed sign-ins. It starts over once `windowMs` passes without a failure
 *   after the last failure and after the end of any lockout.
 * - The `limit`-th failure locks the key for `baseLockoutMs`; every further failure (possible only
 *   once a lockout has ended, since a locked key is refused before its password is checked) doubles
 *   the lockout, up to `maxLockoutMs`. Exponential lockout: a person who mistyped waits a minute, a
 *   guessing script soon waits an hour per guess.
 * - A successful sign-in clears the account's counter, never the address's (one valid account must
 *   not buy an attacker fresh guesses at the others).
 */
import type { ThrottleCounter } from '../store/port';

export interface ThrottleRule {
  readonly limit: number;
  readonly windowMs: number;
  readonly baseLockoutMs: number;
  readonly maxLockoutMs: number;
}

export interface LoginThrottleRules {
  readonly account: ThrottleRule;
  readonly ip: ThrottleRule;
}

const MINUTE_MS = 60 * 1000;

/**
 * 5 failures per account and 20 per address within 15 minutes; lockouts of 1, 2, 4 … minutes,
 * at most 1 hour. The address limit is higher because a campus or company NAT puts many honest
 * people behind one address.
 */
export const DEFAULT_LOGIN_THROTTLE_RULES: LoginThrottleRules = {
  account: { limit: 5, windowMs: 15 * MINUTE_MS, baseLockoutMs: MINUTE_MS, maxLockoutMs: 60 * MINUTE_MS },
  ip: { limit: 20, windowMs: 15 * MINUTE_MS, baseLockoutMs: MINUTE_MS, maxLockoutMs: 60 * MINUTE_MS },
};

/**
 * The other anonymous endpoints, each with its own counters. Every request to ask for a reset link
 * counts (3 per email, 10 per address in 15 minutes, so one address cannot fill mailboxes or the
 * auth store); a reset or invitation link that cannot be used counts against the address (10 in
 * 15 minutes), so a flood of guessed links is refused before any lookup.
 */
export interface AnonymousThrottleRules {
  readonly 'password-reset-request': LoginThrottleRules;
  readonly 'password-reset': Pick<LoginThrottleRules, 'ip'>;
  readonly 'invitation-accept': Pick<LoginThrottleRules, 'ip'>;
}

export const DEFAULT_ANONYMOUS_THROTTLE_RULES: AnonymousThrottleRules = {
  'password-reset-request': {
    account: {
      limit: 3,
      windowMs: 15 * MINUTE_MS,
      baseLockoutMs: 15 * MINUTE_MS,
      maxLockoutMs: 60 * MINUTE_MS,
    },
    ip: { limit: 10, windowMs: 15 * MINUTE_MS, baseLockoutMs: 15 * MINUTE_MS, maxLockoutMs: 60 * MINUTE_MS },
  },
  'password-reset': {
    ip: { limit: 10, windowMs: 15 * MINUTE_MS, baseLockoutMs: 15 * MINUTE_MS, maxLockoutMs: 60 * MINUTE_MS },
  },
  'invitation-accept': {
    ip: { limit: 10, windowMs: 15 * MINUTE_MS, baseLockoutMs: 15 * MINUTE_MS, maxLockoutMs: 60 * MINUTE_MS },
  },
};

/** True when the counter no longer matters: the quiet window has passed since its last event. */
export function isStale(counter: ThrottleCounter, now: Date, rule: ThrottleRule): boolean {
  const lastEvent = Math.max(counter.lastFailureAt.getTime(), counter.lockedUntil?.getTime() ?? 0);
  return now.getTime() - lastEvent >= rule.windowMs;
}

/** The lockout that the `failures`-th failure earns, or 0 below the limit. */
export function lockoutMs(failures: number, rule: ThrottleRule): number {
  if (failures < rule.limit) return 0;
  // The exponent is capped before it can overflow; 2^30 minutes is far beyond any sane maximum.
  const doublings = Math.min(failures - rule.limit, 30);
  return Math.min(rule.baseLockoutMs * 2 ** doublings, rule.maxLockoutMs);
}

/** The counter after one more failure at `now`. */
export function registerFailure(
  current: ThrottleCounter | null,
  now: Date,
  rule: ThrottleRule,
): ThrottleCounter {
  const failures = current === null || isStale(current, now, rule) ? 1 : current.failures + 1;
  const lockout = lockoutMs(failures, rule);
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: lockout > 0 ? new Date(now.getTime() + lockout) : null,
  };
}

/** Whole seconds until the key may try again, rounded up; 0 when it is not locked. */
export function retryAfterSeconds(counter: ThrottleCounter | null, now: Date): number {
  const lockedUntil = counter?.lockedUntil?.getTime();
  if (lockedUntil === undefined || lockedUntil <= now.getTime()) return 0;
  return Math.ceil((lockedUntil - now.getTime()) / 1000);
}
