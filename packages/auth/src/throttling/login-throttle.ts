/**
 * The throttle policy applied to the counters in the auth store, for every anonymous endpoint.
 * Sign-in keys are the bare email hash or address (as before); the other endpoints' keys carry the
 * endpoint as a prefix, so each endpoint counts on its own and the store's key space stays one.
 */
import type { AnonymousEndpoint } from '@poise/schemas';
import type { AuthStore, ThrottleKey } from '../store/port';
import {
  type AnonymousThrottleRules,
  type LoginThrottleRules,
  registerFailure,
  retryAfterSeconds,
  type ThrottleRule,
} from './policy';

/** A key that this failure locked: the one moment a lockout is recorded (one event per window). */
export interface NewLockout {
  readonly key: ThrottleKey;
  readonly failures: number;
  readonly lockedUntil: Date;
}

export interface FailureOutcome {
  /** Seconds until every key may try again (0: not locked). */
  readonly retryAfterSeconds: number;
  /** Keys that were not locked before this failure and are now. */
  readonly newLockouts: readonly NewLockout[];
}

export interface LoginThrottle {
  /** Seconds until every given key may try again; 0 when none is locked. */
  retryAfter(keys: readonly ThrottleKey[], now: Date, endpoint?: AnonymousEndpoint): Promise<number>;
  /** Counts a failure against every key; returns the seconds until they may try again (0: not locked). */
  recordFailure(keys: readonly ThrottleKey[], now: Date, endpoint?: AnonymousEndpoint): Promise<number>;
  /** Like recordFailure, and says which keys this failure locked. */
  registerAttempt(
    keys: readonly ThrottleKey[],
    now: Date,
    endpoint?: AnonymousEndpoint,
  ): Promise<FailureOutcome>;
  /** Forgets the key's failures (an account after a successful sign-in or password reset). */
  clear(key: ThrottleKey, endpoint?: AnonymousEndpoint): Promise<void>;
}

/** The key as stored: sign-in keys bare, the other endpoints' prefixed with the endpoint. */
export function storedThrottleKey(key: ThrottleKey, endpoint: AnonymousEndpoint = 'sign-in'): ThrottleKey {
  return endpoint === 'sign-in' ? key : { scope: key.scope, key: `${endpoint}:${key.key}` };
}

export function createLoginThrottle(
  store: AuthStore,
  rules: LoginThrottleRules,
  anonymousRules?: AnonymousThrottleRules,
): LoginThrottle {
  const ruleFor = (key: ThrottleKey, endpoint: AnonymousEndpoint): ThrottleRule => {
    if (endpoint === 'sign-in') return rules[key.scope];
    const rule = (anonymousRules?.[endpoint] as Partial<LoginThrottleRules> | undefined)?.[key.scope];
    if (rule === undefined) throw new Error(`No ${key.scope} throttle rule for ${endpoint}`);
    return rule;
  };
  const registerAttempt = async (
    keys: readonly ThrottleKey[],
    now: Date,
    endpoint: AnonymousEndpoint = 'sign-in',
  ): Promise<FailureOutcome> => {
    const outcomes = await Promise.all(
      keys.map(async (key) => {
        let wasLocked = false;
        const counter = await store.updateThrottleCounter(storedThrottleKey(key, endpoint), (current) => {
          wasLocked = retryAfterSeconds(current, now) > 0;
          return registerFailure(current, now, ruleFor(key, endpoint));
        });
        return { key, counter, wasLocked };
      }),
    );
    const newLockouts: NewLockout[] = [];
    for (const { key, counter, wasLocked } of outcomes) {
      if (!wasLocked && counter?.lockedUntil && retryAfterSeconds(counter, now) > 0) {
        newLockouts.push({ key, failures: counter.failures, lockedUntil: counter.lockedUntil });
      }
    }
    return {
      retryAfterSeconds: Math.max(0, ...outcomes.map(({ counter }) => retryAfterSeconds(counter, now))),
      newLockouts,
    };
  };
  return {
    async retryAfter(keys, now, endpoint = 'sign-in') {
      const counters = await Promise.all(
        keys.map((key) => store.getThrottleCounter(storedThrottleKey(key, endpoint))),
      );
      return Math.max(0, ...counters.map((counter) => retryAfterSeconds(counter, now)));
    },

    registerAttempt,

    async recordFailure(keys, now, endpoint) {
      return (await registerAttempt(keys, now, endpoint)).retryAfterSeconds;
    },

    async clear(key, endpoint) {
      await store.updateThrottleCounter(storedThrottleKey(key, endpoint), () => null);
    },
  };
}
