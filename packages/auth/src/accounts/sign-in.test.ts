import { hash } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsRehash } from '../passwords/hashing';
import {
  type AccountsUnderTest,
  ADMIN_ID,
  openAccounts,
  PLATFORM_TENANT,
  registeredUser,
  STRONG_PASSWORD,
} from '../test-support/accounts-harness';
import { emailSha256 } from './email';

const MINUTE = 60 * 1000;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
let env: AccountsUnderTest;
beforeEach(async () => {
  env = await openAccounts();
});
afterEach(async () => {
  await env.close();
});

const eventTypes = async (userId: string) => (await env.userEvents(userId)).map((event) => event.type);

describe('signIn', () => {
  it('opens a session, answers with its token and records UserSignedIn', async () => {
    const user = await registeredUser(env);

    const result = await env.accounts.signIn({
      email: ` ${user.email.toUpperCase()} `,
      password: STRONG_PASSWORD,
      ip: '::ffff:192.0.2.10',
      userAgent: FIREFOX,
    });

    if (!result.ok) throw new Error(result.reason);
    expect(result.user).toEqual({
      id: user.id,
      tenantId: 'leeds-careers',
      email: user.email,
      displayName: 'Sam Okafor',
      roles: ['candidate'],
    });
    expect(await env.accounts.sessions.validateSessionToken(result.token)).toMatchObject({
      session: { id: result.session.id, ipAddress: '192.0.2.10', userAgent: FIREFOX },
      user: { id: user.id },
    });
    const signedIn = (await env.userEvents(user.id)).at(-1);
    expect(signedIn).toMatchObject({
      type: 'UserSignedIn',
      data: { userId: user.id, method: 'password', ipAddress: '192.0.2.10', userAgent: FIREFOX },
      metadata: { tenantId: 'leeds-careers', actor: { kind: 'user', id: user.id }, causationId: null },
    });
    expect(await env.logText()).not.toContain(result.token);
  });

  it('refuses a wrong password and records the failure on the user stream', async () => {
    const user = await registeredUser(env);

    const result = await env.accounts.signIn({
      email: user.email,
      password: 'not the password',
      ip: '2001:db8::7',
    });

    expect(result).toEqual({ ok: false, reason: 'invalid-credentials' });
    expect((await env.userEvents(user.id)).at(-1)).toMatchObject({
      type: 'UserSignInFailed',
      data: {
        emailSha256: emailSha256(user.email),
        userId: user.id,
        reason: 'wrong-password',
        ipAddress: '2001:db8::7',
      },
      metadata: { tenantId: 'leeds-careers', actor: { kind: 'service', id: 'auth' } },
    });
  });

  it("records an unknown account on the tenant's audit stream with only the email's SHA-256", async () => {
    await registeredUser(env); // leeds-careers exists once it has an account
    const email = 'Nobody@Example.org';

    expect(
      await env.accounts.signIn({
        email,
        password: STRONG_PASSWORD,
        ip: '192.0.2.99',
        tenantId: 'leeds-careers',
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid-credentials',
    });
    expect(await env.accounts.signIn({ email, password: STRONG_PASSWORD, ip: '192.0.2.99' })).toEqual({
      ok: false,
      reason: 'invalid-credentials',
    });

    const expected = {
      emailSha256: emailSha256('nobody@example.org'),
      userId: null,
      reason: 'unknown-account',
    };
    expect((await env.events('audit-leeds-careers')).map((event) => event.data)).toEqual([expected]);
    expect((await env.events(`audit-${PLATFORM_TENANT}`)).map((event) => event.data)).toEqual([expected]);
    const logged = await env.logText();
    expect(logged).not.toContain('nobody@example.org');
    expect(logged).not.toContain('192.0.2.99');
  });

  it('locks an account after 5 failures in 15 minutes, even against the right password, then lets it in', async () => {
    const user = await registeredUser(env);
    const attempt = (password: string) =>
      env.accounts.signIn({ email: user.email, password, ip: '192.0.2.10' });

    for (let failure = 1; failure <= 4; failure++) {
      expect(await attempt(`wrong guess ${failure}`)).toEqual({ ok: false, reason: 'invalid-credentials' });
      env.time.advance(MINUTE);
    }
    expect(await attempt('wrong guess 5')).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 60 });
    const recorded = (await env.userEvents(user.id)).length;
    expect((await env.events('audit-leeds-careers')).map((event) => [event.type, event.data])).toEqual([
      [
        'AnonymousRequestsThrottled',
        {
          endpoint: 'sign-in',
          scope: 'account',
          emailSha256: emailSha256(user.email),
          attempts: 5,
          lockedUntil: new Date(env.time.clock().getTime() + MINUTE).toISOString(),
        },
      ],
    ]);
    env.time.advance(30_000);
    expect(await attempt(STRONG_PASSWORD)).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 30 });
    // Refused while locked: nothing more is recorded anywhere.
    expect(await env.userEvents(user.id)).toHaveLength(recorded);
    expect(await env.events('audit-leeds-careers')).toHaveLength(1);

    env.time.advance(30_000);
    expect((await attempt(STRONG_PASSWORD)).ok).toBe(true);
    // Success forgets the account's failures: the next mistake is a first one again.
    expect(await attempt('wrong again')).toEqual({ ok: false, reason: 'invalid-credentials' });
  });

  it('throttles an unknown email exactly like a known one, so lockouts reveal no accounts', async () => {
    const user = await registeredUser(env);
    const outcomes = async (email: string) => {
      const seen = [];
      for (let failure = 1; failure <= 6; failure++)
        seen.push(await env.accounts.signIn({ email, password: 'wrong guess!' }));
      return seen;
    };

    expect(await outcomes('ghost@example.org')).toEqual(await outcomes(user.email));
  });

  it('locks a client address after 20 failures, whichever emails it tries', async () => {
    const user = await registeredUser(env);
    const results = [];
    for (let index = 0; index < 20; index++) {
      results.push(
        await env.accounts.signIn({
          email: `guess-${index}@example.org`,
          password: 'wrong guess!',
          ip: '203.0.113.5',
        }),
      );
    }

    expect(
      results.slice(0, 19).every((result) => !result.ok && result.reason === 'invalid-credentials'),
    ).toBe(true);
    expect(results[19]).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 60 });
    expect(
      await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD, ip: '203.0.113.5' }),
    ).toMatchObject({
      reason: 'throttled',
    });
    expect(
      (await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD, ip: '198.51.100.1' })).ok,
    ).toBe(true);
  });

  it('tells a disabled account so only to someone who knows its password', async () => {
    const user = await registeredUser(env);
    await env.accounts.setUserDisabled({ userId: user.id, disabled: true, by: ADMIN_ID });

    expect(await env.accounts.signIn({ email: user.email, password: 'wrong guess!' })).toEqual({
      ok: false,
      reason: 'invalid-credentials',
    });
    expect(await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD })).toEqual({
      ok: false,
      reason: 'disabled',
    });
    expect((await env.userEvents(user.id)).at(-1)).toMatchObject({ data: { reason: 'account-locked' } });
  });

  it('finds the account of an email held in several tenants by its password, or by the tenant given', async () => {
    const leeds = await registeredUser(env, { email: 'kim@example.org', tenantId: 'leeds-careers' });
    const york = await registeredUser(env, {
      email: 'kim@example.org',
      tenantId: 'york-careers',
      password: 'york harbour lights 7',
    });

    expect(
      await env.accounts.signIn({ email: 'kim@example.org', password: 'york harbour lights 7' }),
    ).toMatchObject({
      ok: true,
      user: { id: york.id, tenantId: 'york-careers' },
    });
    expect(
      await env.accounts.signIn({
        email: 'kim@example.org',
        password: STRONG_PASSWORD,
        tenantId: 'leeds-careers',
      }),
    ).toMatchObject({
      ok: true,
      user: { id: leeds.id },
    });
    expect(
      await env.accounts.signIn({
        email: 'kim@example.org',
        password: STRONG_PASSWORD,
        tenantId: 'york-careers',
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid-credentials',
    });
  });

  it('asks for the tenant when the password fits accounts in several tenants', async () => {
    await registeredUser(env, { email: 'lee@example.org', tenantId: 'leeds-careers' });
    await registeredUser(env, { email: 'lee@example.org', tenantId: 'york-careers' });

    expect(await env.accounts.signIn({ email: 'lee@example.org', password: STRONG_PASSWORD })).toEqual({
      ok: false,
      reason: 'tenant-required',
    });
  });

  it('moves a hash made with weaker parameters to the current ones at sign-in', async () => {
    const user = await registeredUser(env);
    const stored = (await env.store.getUser(user.id))!;
    const owaspFloor = await hash(STRONG_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await env.store.rehashPassword(user.id, stored.passwordHash, owaspFloor, env.time.now());

    expect((await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD })).ok).toBe(true);

    const rehashed = (await env.store.getUser(user.id))!.passwordHash;
    expect(rehashed).not.toBe(owaspFloor);
    expect(needsRehash(rehashed)).toBe(false);
  });

  it('refuses a tenant id that is not a slug as a programming error', async () => {
    await expect(
      env.accounts.signIn({ email: 'a@example.org', password: 'x', tenantId: 'Leeds Careers' }),
    ).rejects.toThrow(/not a tenant slug/);
  });
});

describe('signOut and revokeSession', () => {
  it('ends the session, records why and who, and does nothing the second time', async () => {
    const user = await registeredUser(env);
    const own = await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD });
    const other = await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD });
    if (!own.ok || !other.ok) throw new Error('sign-in failed');

    expect(await env.accounts.signOut(own.session.id)).toBe(true);
    expect(await env.accounts.signOut(own.session.id)).toBe(false);
    expect(await env.accounts.revokeSession({ sessionId: other.session.id, revokedBy: ADMIN_ID })).toBe(true);
    expect(await env.accounts.signOut('0'.repeat(64))).toBe(false);

    expect(await env.accounts.sessions.validateSessionToken(own.token)).toBeNull();
    expect(await env.accounts.sessions.validateSessionToken(other.token)).toBeNull();
    const ended = (await env.userEvents(user.id)).filter((event) => event.type === 'UserSignedOut');
    expect(ended.map(({ data, metadata }) => [data, metadata.actor])).toEqual([
      [
        { userId: user.id, reason: 'signed-out' },
        { kind: 'user', id: user.id },
      ],
      [
        { userId: user.id, reason: 'revoked' },
        { kind: 'user', id: ADMIN_ID },
      ],
    ]);
    expect(await eventTypes(user.id)).toEqual([
      'UserInvited',
      'UserRegistered',
      'UserRoleGranted',
      'UserSignedIn',
      'UserSignedIn',
      'UserSignedOut',
      'UserSignedOut',
    ]);
  });
});
