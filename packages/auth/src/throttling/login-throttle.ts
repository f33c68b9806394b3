/** The throttle policy applied to the counters in the auth store. */
import type { AuthStore, ThrottleKey } from '../store/port';
import { type LoginThrottleRules, registerFailure, retryAfterSeconds, type ThrottleRule } from './policy';

export interface LoginThrottle {
  /** Seconds until every given key may try again; 0 when none is locked. */
  retryAfter(keys: readonly ThrottleKey[], now: Date): Promise<number>;
  /** Counts a failure against every key; returns the seconds until they may try again (0: not locked). */
  recordFailure(keys: readonly ThrottleKey[], now: Date): Promise<number>;
  /** Forgets the key's failures (an account after a successful sign-in or password reset). */
  clear(key: ThrottleKey): Promise<void>;
}

export function createLoginThrottle(store: AuthStore, rules: LoginThrottleRules): LoginThrottle {
  const ruleFor = (key: ThrottleKey): ThrottleRule => rules[key.scope];
  return {
    async retryAfter(keys, now) {
      const counters = await Promise.all(keys.map((key) => store.getThrottleCounter(key)));
      return Math.max(0, ...counters.map((counter) => retryAfterSeconds(counter, now)));
    },

    async recordFailure(keys, now) {
      const counters = await Promise.all(
        keys.map((key) =>
          store.updateThrottleCounter(key, (current) => registerFailure(current, now, ruleFor(key))),
        ),
      );
      return Math.max(0, ...counters.map((counter) => retryAfterSeconds(counter, now)));
    },

    async clear(key) {
      await store.updateThrottleCounter(key, () => null);
    },
  };
}
