import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserNotFoundError } from '../store/errors';
import {
  type AccountsUnderTest,
  ADMIN_ID,
  openAccounts,
  registeredUser,
  STRONG_PASSWORD,
} from '../test-support/accounts-harness';

let env: AccountsUnderTest;
beforeEach(async () => {
  env = await openAccounts();
});
afterEach(async () => {
  await env.close();
});

describe('grantRole and revokeRole', () => {
  it('changes roles in the user’s tenant, records each real change once, and sessions see it', async () => {
    const user = await registeredUser(env);
    const session = await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD });
    if (!session.ok) throw new Error(session.reason);

    expect(await env.accounts.grantRole({ userId: user.id, role: 'staff', by: ADMIN_ID })).toBe(true);
    expect(await env.accounts.grantRole({ userId: user.id, role: 'staff', by: ADMIN_ID })).toBe(false);
    expect((await env.accounts.sessions.validateSessionToken(session.token))?.user.roles).toEqual([
      'candidate',
      'staff',
    ]);
    expect(await env.accounts.revokeRole({ userId: user.id, role: 'candidate', by: ADMIN_ID })).toBe(true);
    expect(await env.accounts.revokeRole({ userId: user.id, role: 'candidate', by: ADMIN_ID })).toBe(false);
    expect((await env.accounts.sessions.validateSessionToken(session.token))?.user.roles).toEqual(['staff']);

    const changes = (await env.userEvents(user.id)).slice(-2);
    expect(changes.map(({ type, data, metadata }) => [type, data, metadata.actor])).toEqual([
      ['UserRoleGranted', { userId: user.id, role: 'staff' }, { kind: 'user', id: ADMIN_ID }],
      ['UserRoleRevoked', { userId: user.id, role: 'candidate' }, { kind: 'user', id: ADMIN_ID }],
    ]);
  });

  it('refuses an unknown user', async () => {
    await expect(
      env.accounts.grantRole({ userId: crypto.randomUUID(), role: 'admin', by: ADMIN_ID }),
    ).rejects.toBeInstanceOf(UserNotFoundError);
  });
});

describe('setUserDisabled', () => {
  it('records UserDisabled and ends every session of a disabled account, each recorded; enabling records UserEnabled', async () => {
    const user = await registeredUser(env);
    const first = await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD });
    const second = await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD });
    if (!first.ok || !second.ok) throw new Error('sign-in failed');

    const ended = await env.accounts.setUserDisabled({ userId: user.id, disabled: true, by: ADMIN_ID });

    expect(ended).toEqual([first.session.id, second.session.id].sort());
    expect(await env.accounts.sessions.validateSessionToken(first.token)).toBeNull();
    expect((await env.userEvents(user.id)).slice(-3).map(({ type, data }) => [type, data])).toEqual([
      ['UserDisabled', { userId: user.id }],
      ['UserSignedOut', { userId: user.id, reason: 'revoked' }],
      ['UserSignedOut', { userId: user.id, reason: 'revoked' }],
    ]);
    expect((await env.userEvents(user.id)).at(-3)?.metadata.actor).toMatchObject({ id: ADMIN_ID });
    expect(await env.accounts.setUserDisabled({ userId: user.id, disabled: false, by: ADMIN_ID })).toEqual(
      [],
    );
    expect((await env.userEvents(user.id)).at(-1)).toMatchObject({
      type: 'UserEnabled',
      data: { userId: user.id },
    });
    expect((await env.accounts.signIn({ email: user.email, password: STRONG_PASSWORD })).ok).toBe(true);
  });
});

describe('createAccount', () => {
  it('makes a tenant’s first admin without an invitation, recorded as Poise’s doing', async () => {
    const result = await env.accounts.createAccount({
      tenantId: 'leeds-careers',
      email: 'Admin@Leeds.example',
      displayName: 'Dana Admin',
      password: STRONG_PASSWORD,
      role: 'admin',
      createdBy: { kind: 'system', id: 'seed' },
    });

    if (!result.ok) throw new Error(result.reason);
    expect(result.user).toMatchObject({
      email: 'admin@leeds.example',
      roles: ['admin'],
      tenantId: 'leeds-careers',
    });
    const events = await env.userEvents(result.user.id);
    expect(events.map(({ type, metadata }) => [type, metadata.actor])).toEqual([
      ['UserRegistered', { kind: 'system', id: 'seed' }],
      ['UserRoleGranted', { kind: 'system', id: 'seed' }],
    ]);
    expect((await env.store.listRoles(result.user.id))[0]).toMatchObject({ grantedBy: null });
    expect((await env.accounts.signIn({ email: 'admin@leeds.example', password: STRONG_PASSWORD })).ok).toBe(
      true,
    );
  });

  it('refuses a taken email, an invalid one, a weak password and an empty name', async () => {
    const base = {
      tenantId: 'leeds-careers',
      email: 'dana@leeds.example',
      displayName: 'Dana',
      password: STRONG_PASSWORD,
      role: 'admin' as const,
      createdBy: { kind: 'system' as const, id: 'seed' },
    };
    expect((await env.accounts.createAccount(base)).ok).toBe(true);

    expect(await env.accounts.createAccount(base)).toEqual({ ok: false, reason: 'account-exists' });
    expect(await env.accounts.createAccount({ ...base, email: 'dana at leeds' })).toEqual({
      ok: false,
      reason: 'invalid-email',
    });
    expect(
      await env.accounts.createAccount({ ...base, email: 'x@leeds.example', password: 'abc' }),
    ).toMatchObject({
      ok: false,
      reason: 'weak-password',
    });
    expect(
      await env.accounts.createAccount({ ...base, email: 'y@leeds.example', displayName: '' }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid-display-name',
    });
  });
});
