import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOGIN_THROTTLE_RULES,
  isStale,
  lockoutMs,
  registerFailure,
  retryAfterSeconds,
} from './policy';

const MINUTE = 60 * 1000;
const account = DEFAULT_LOGIN_THROTTLE_RULES.account;
const T0 = new Date('2025-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('login throttle policy', () => {
  it.each([
    [4, 0],
    [5, 1],
    [6, 2],
    [7, 4],
    [8, 8],
    [9, 16],
    [10, 32],
    [11, 60],
    [50, 60],
    [10_000, 60],
  ])('the account failure number %i locks for %i minutes', (failures, minutes) => {
    expect(lockoutMs(failures, account)).toBe(minutes * MINUTE);
  });

  it('locks an address only at its 20th failure', () => {
    expect(lockoutMs(19, DEFAULT_LOGIN_THROTTLE_RULES.ip)).toBe(0);
    expect(lockoutMs(20, DEFAULT_LOGIN_THROTTLE_RULES.ip)).toBe(MINUTE);
  });

  it('counts on within the window and starts over after it', () => {
    const first = registerFailure(null, T0, account);
    expect(first).toEqual({ failures: 1, lastFailureAt: T0, lockedUntil: null });
    expect(registerFailure(first, at(15 * MINUTE - 1), account).failures).toBe(2);
    expect(registerFailure(first, at(15 * MINUTE), account).failures).toBe(1);
  });

  it('measures the quiet window from the end of a lockout', () => {
    const locked = { failures: 9, lastFailureAt: T0, lockedUntil: at(16 * MINUTE) };
    expect(isStale(locked, at(30 * MINUTE), account)).toBe(false);
    expect(isStale(locked, at(31 * MINUTE), account)).toBe(true);
  });

  it('rounds the wait up to whole seconds and is 0 once unlocked', () => {
    const counter = { failures: 5, lastFailureAt: T0, lockedUntil: at(MINUTE) };
    expect(retryAfterSeconds(counter, at(1))).toBe(60);
    expect(retryAfterSeconds(counter, at(59_001))).toBe(1);
    expect(retryAfterSeconds(counter, at(MINUTE))).toBe(0);
    expect(retryAfterSeconds(null, T0)).toBe(0);
  });
});
