import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AccountsUnderTest,
  ADMIN_ID,
  openAccounts,
  registeredUser,
  STRONG_PASSWORD,
} from '../test-support/accounts-harness';

const MINUTE = 60 * 1000;
const NEW_PASSWORD = 'tangerine lighthouse 1987';
let env: AccountsUnderTest;
beforeEach(async () => {
  env = await openAccounts();
});
afterEach(async () => {
  await env.close();
});

async function signedIn(email: string, password = STRONG_PASSWORD) {
  const result = await env.accounts.signIn({ email, password });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('changePassword', () => {
  it('stores the new password, keeps this session, revokes the others and records PasswordChanged', async () => {
    const user = await registeredUser(env);
    const here = await signedIn(user.email);
    const elsewhere = await signedIn(user.email);

    const result = await env.accounts.changePassword({
      userId: user.id,
      sessionId: here.session.id,
      currentPassword: STRONG_PASSWORD,
      newPassword: NEW_PASSWORD,
    });

    expect(result).toEqual({ ok: true, revokedSessionIds: [elsewhere.session.id] });
    expect(await env.accounts.sessions.validateSessionToken(here.token)).not.toBeNull();
    expect(await env.accounts.sessions.validateSessionToken(elsewhere.token)).toBeNull();
    expect((await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD })).ok).toBe(false);
    expect((await env.accounts.signIn({ email: user.email, password: NEW_PASSWORD })).ok).toBe(true);
    const changed = (await env.userEvents(user.id)).find((event) => event.type === 'PasswordChanged');
    expect(changed).toMatchObject({
      data: { userId: user.id, via: 'account-settings' },
      metadata: { tenantId: 'leeds-careers', actor: { kind: 'user', id: user.id } },
    });
    const logged = await env.logText();
    expect(logged).not.toContain(NEW_PASSWORD);
    expect(logged).not.toContain(STRONG_PASSWORD);
  });

  it('refuses a wrong current password, and throttles guessing it from a stolen session', async () => {
    const user = await registeredUser(env);
    const here = await signedIn(user.email);
    const change = (currentPassword: string) =>
      env.accounts.changePassword({
        userId: user.id,
        sessionId: here.session.id,
        currentPassword,
        newPassword: NEW_PASSWORD,
      });

    for (let failure = 1; failure <= 4; failure++) {
      expect(await change(`guess number ${failure}`)).toEqual({ ok: false, reason: 'invalid-credentials' });
    }
    expect(await change('guess number 5')).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 60 });
    expect(await change(STRONG_PASSWORD)).toMatchObject({ reason: 'throttled' });
  });

  it('lists every problem of the new password, including reusing the current one', async () => {
    const user = await registeredUser(env);
    const here = await signedIn(user.email);
    const change = (newPassword: string) =>
      env.accounts.changePassword({
        userId: user.id,
        sessionId: here.session.id,
        currentPassword: STRONG_PASSWORD,
        newPassword,
      });

    const codes = async (newPassword: string) => {
      const result = await change(newPassword);
      return !result.ok && result.reason === 'weak-password'
        ? result.problems.map((problem) => problem.code)
        : result;
    };
    expect(await codes(STRONG_PASSWORD)).toEqual(['same-as-current']);
    expect(await codes('short')).toEqual(['too-short']);
    expect(await codes('Password1234')).toEqual(['too-common']);
  });
});

describe('password reset', () => {
  it('answers an unknown email with no deliveries and records nothing', async () => {
    expect(await env.accounts.requestPasswordReset({ email: 'ghost@example.org' })).toEqual({
      deliveries: [],
      retryAfterSeconds: 0,
    });
    expect(await env.log.readAll()).toEqual([]);
  });

  it('hands the mailer a one-hour token and records PasswordResetRequested without it', async () => {
    const user = await registeredUser(env);

    const { deliveries } = await env.accounts.requestPasswordReset({ email: user.email.toUpperCase() });

    const expiresAt = new Date(env.time.now().getTime() + 60 * MINUTE);
    expect(deliveries).toEqual([
      {
        userId: user.id,
        tenantId: 'leeds-careers',
        email: user.email,
        displayName: 'Sam Okafor',
        token: expect.stringMatching(/^[a-z2-7]{32}$/),
        expiresAt,
      },
    ]);
    expect((await env.userEvents(user.id)).at(-1)).toMatchObject({
      type: 'PasswordResetRequested',
      data: { userId: user.id, expiresAt: expiresAt.toISOString() },
      metadata: { actor: { kind: 'service', id: 'auth' } },
    });
    expect(await env.logText()).not.toContain(deliveries[0]!.token);
  });

  it('resets once: new password, every old session revoked, signed in here, lockout lifted', async () => {
    const user = await registeredUser(env);
    const old = await signedIn(user.email);
    for (let failure = 1; failure <= 5; failure++) {
      await env.accounts.signIn({ email: user.email, password: `attacker guess ${failure}` });
    }
    const [delivery] = (await env.accounts.requestPasswordReset({ email: user.email })).deliveries;

    const result = await env.accounts.resetPassword({
      token: delivery!.token,
      newPassword: NEW_PASSWORD,
      ip: '192.0.2.44',
      userAgent: 'Safari',
    });

    if (!result.ok) throw new Error(result.reason);
    expect(result.user).toMatchObject({ id: user.id, roles: ['candidate'] });
    expect(await env.accounts.sessions.validateSessionToken(old.token)).toBeNull();
    expect(await env.accounts.sessions.validateSessionToken(result.token)).not.toBeNull();
    expect((await env.accounts.signIn({ email: user.email, password: NEW_PASSWORD })).ok).toBe(true);
    const events = await env.userEvents(user.id);
    expect(events.slice(-3).map(({ type, data }) => [type, data])).toEqual([
      ['PasswordChanged', { userId: user.id, via: 'reset-link' }],
      [
        'UserSignedIn',
        { userId: user.id, method: 'password-reset', ipAddress: '192.0.2.44', userAgent: 'Safari' },
      ],
      ['UserSignedIn', { userId: user.id, method: 'password' }],
    ]);

    expect(
      await env.accounts.resetPassword({ token: delivery!.token, newPassword: 'another fine password' }),
    ).toEqual({
      ok: false,
      reason: 'already-used',
    });
  });

  it('expires after an hour and keeps the link when the new password is refused', async () => {
    const user = await registeredUser(env);
    const [first] = (await env.accounts.requestPasswordReset({ email: user.email })).deliveries;

    const weak = await env.accounts.resetPassword({ token: first!.token, newPassword: user.email });
    expect(weak).toMatchObject({ ok: false, reason: 'weak-password' });
    env.time.advance(60 * MINUTE);
    expect(await env.accounts.resetPassword({ token: first!.token, newPassword: NEW_PASSWORD })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await env.accounts.resetPassword({ token: 'not-a-token', newPassword: NEW_PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid-token',
    });
  });

  it('sends no link to a disabled account', async () => {
    const user = await registeredUser(env);
    await env.accounts.setUserDisabled({ userId: user.id, disabled: true, by: ADMIN_ID });

    expect(await env.accounts.requestPasswordReset({ email: user.email })).toEqual({
      deliveries: [],
      retryAfterSeconds: 0,
    });
  });
});

describe('links that outlive their remedy', () => {
  it('a password changed on the account page spends every open reset link', async () => {
    const user = await registeredUser(env);
    const here = await signedIn(user.email);
    const { deliveries } = await env.accounts.requestPasswordReset({ email: user.email });
    const token = deliveries[0]!.token;

    const changed = await env.accounts.changePassword({
      userId: user.id,
      sessionId: here.session.id,
      currentPassword: STRONG_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.ok).toBe(true);

    expect(await env.accounts.resetPassword({ token, newPassword: 'a brand new phrase 77' })).toEqual({
      ok: false,
      reason: 'already-used',
    });
    expect((await env.accounts.signIn({ email: user.email, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it('asking for links is throttled per email: the fourth request in 15 minutes makes none', async () => {
    const user = await registeredUser(env);
    const ask = () => env.accounts.requestPasswordReset({ email: user.email, ip: '192.0.2.44' });

    for (let index = 0; index < 3; index++) expect((await ask()).deliveries).toHaveLength(1);
    expect(await ask()).toEqual({ deliveries: [], retryAfterSeconds: 15 * 60 });
    expect(
      (await env.userEvents(user.id)).filter((event) => event.type === 'PasswordResetRequested'),
    ).toHaveLength(3);
    expect((await env.events('audit-leeds-careers')).map((event) => event.type)).toEqual([
      'AnonymousRequestsThrottled',
    ]);
    env.time.advance(15 * MINUTE);
    expect((await ask()).deliveries).toHaveLength(1);
  });
});
