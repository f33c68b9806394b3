import { describe, expect, it } from 'vitest';
import { formatWait, signInFailureMessage } from './messages';

describe('sign-in messages', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [3599, '1 hour'],
    [3600, '1 hour'],
    [3601, '2 hours'],
  ])('waits of %i s read "%s"', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it('says clearly why a sign-in was refused and how long to wait', () => {
    expect(signInFailureMessage({ ok: false, reason: 'throttled', retryAfterSeconds: 120 })).toBe(
      "Too many failed sign-ins. For your account's safety, try again in 2 minutes.",
    );
    expect(signInFailureMessage({ ok: false, reason: 'invalid-credentials' })).toBe(
      'That email address and password do not match an account.',
    );
    expect(signInFailureMessage({ ok: false, reason: 'disabled' })).toContain('disabled');
    expect(signInFailureMessage({ ok: false, reason: 'tenant-required' })).toContain(
      'Choose your institution',
    );
  });
});
