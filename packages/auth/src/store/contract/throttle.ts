import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../throttling/login-throttle';
import { DEFAULT_LOGIN_THROTTLE_RULES } from '../../throttling/policy';
import type { ThrottleKey } from '../port';
import { at, MINUTE, T0 } from './fixtures';
import type { OpenStore } from './harness';

const account: ThrottleKey = { scope: 'account', key: 'a'.repeat(64) };
const ip: ThrottleKey = { scope: 'ip', key: '192.0.2.10' };

export function describeThrottle(open: OpenStore): void {
  describe('login throttle counters', () => {
    it('creates, updates and deletes a counter, keeping scopes apart', async () => {
      const { store } = await open();
      const sameKeyOtherScope: ThrottleKey = { scope: 'ip', key: account.key };
      expect(await store.getThrottleCounter(account)).toBeNull();

      const stored = await store.updateThrottleCounter(account, (current) => ({
        failures: (current?.failures ?? 0) + 1,
        lastFailureAt: T0,
        lockedUntil: null,
      }));
      expect(stored).toEqual({ failures: 1, lastFailureAt: T0, lockedUntil: null });
      await store.updateThrottleCounter(account, (current) => ({
        failures: (current?.failures ?? 0) + 1,
        lastFailureAt: at(MINUTE),
        lockedUntil: at(2 * MINUTE),
      }));

      expect(await store.getThrottleCounter(account)).toEqual({
        failures: 2,
        lastFailureAt: at(MINUTE),
        lockedUntil: at(2 * MINUTE),
      });
      expect(await store.getThrottleCounter(sameKeyOtherScope)).toBeNull();
      expect(await store.updateThrottleCounter(account, () => null)).toBeNull();
      expect(await store.getThrottleCounter(account)).toBeNull();
    });

    it('applies concurrent updates of one key one after another, losing none', async () => {
      const { store } = await open();
      const increment = () =>
        store.updateThrottleCounter(ip, (current) => ({
          failures: (current?.failures ?? 0) + 1,
          lastFailureAt: T0,
          lockedUntil: null,
        }));

      await Promise.all(Array.from({ length: 20 }, increment));

      expect(await store.getThrottleCounter(ip)).toMatchObject({ failures: 20 });
    });

    it('locks an account at the 5th failure in the window and doubles the lockout after it', async () => {
      const { store } = await open();
      const throttle = createLoginThrottle(store, DEFAULT_LOGIN_THROTTLE_RULES);

      for (let failure = 1; failure <= 4; failure++) {
        expect(await throttle.recordFailure([account], at(failure * MINUTE))).toBe(0);
      }
      expect(await throttle.retryAfter([account], at(4 * MINUTE))).toBe(0);
      expect(await throttle.recordFailure([account], at(5 * MINUTE))).toBe(60);
      expect(await throttle.retryAfter([account], at(5 * MINUTE + 30_000))).toBe(30);
      expect(await throttle.retryAfter([account], at(6 * MINUTE))).toBe(0);

      expect(await throttle.recordFailure([account], at(6 * MINUTE))).toBe(120);
      expect(await throttle.recordFailure([account], at(8 * MINUTE))).toBe(240);
      expect(await throttle.retryAfter([account, ip], at(9 * MINUTE))).toBe(180);
    });

    it('starts over after 15 quiet minutes past the last failure and the end of the lockout', async () => {
      const { store } = await open();
      const throttle = createLoginThrottle(store, DEFAULT_LOGIN_THROTTLE_RULES);
      for (let failure = 1; failure <= 5; failure++)
        await throttle.recordFailure([account], at(failure * MINUTE));
      // Locked from minute 5 to minute 6: the quiet window runs from minute 6 to minute 21.

      expect(await throttle.recordFailure([account], at(21 * MINUTE - 1))).toBe(120);
      expect(await store.getThrottleCounter(account)).toMatchObject({ failures: 6 });

      expect(await throttle.recordFailure([account], at(23 * MINUTE - 1 + 15 * MINUTE))).toBe(0);
      expect(await store.getThrottleCounter(account)).toMatchObject({ failures: 1 });
    });

    it('counts an address separately, with 20 failures to its lockout', async () => {
      const { store } = await open();
      const throttle = createLoginThrottle(store, DEFAULT_LOGIN_THROTTLE_RULES);
      const accounts = Array.from(
        { length: 20 },
        (_, index): ThrottleKey => ({ scope: 'account', key: `${index}` }),
      );

      const waits = [];
      for (const [index, key] of accounts.entries())
        waits.push(await throttle.recordFailure([key, ip], at(index * 1000)));

      expect(waits.slice(0, 19)).toEqual(Array(19).fill(0));
      expect(waits[19]).toBe(60);
      expect(await throttle.retryAfter([{ scope: 'account', key: 'fresh' }, ip], at(20_000))).toBe(59);
    });

    it('forgets a cleared key', async () => {
      const { store } = await open();
      const throttle = createLoginThrottle(store, DEFAULT_LOGIN_THROTTLE_RULES);
      for (let failure = 1; failure <= 5; failure++)
        await throttle.recordFailure([account], at(failure * 1000));

      await throttle.clear(account);

      expect(await throttle.retryAfter([account], at(6000))).toBe(0);
      expect(await store.getThrottleCounter(account)).toBeNull();
    });
  });
}
