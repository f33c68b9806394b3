import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../passwords/hashing';
import {
  type AccountsUnderTest,
  ADMIN_ID,
  openAccounts,
  STRONG_PASSWORD,
} from '../test-support/accounts-harness';
import { hashSecretToken } from '../tokens/secret-token';

const DAY = 24 * 60 * 60 * 1000;
let env: AccountsUnderTest;
beforeEach(async () => {
  env = await openAccounts();
});
afterEach(async () => {
  await env.close();
});

describe('inviteUser', () => {
  it('stores only the hash of the token and records UserInvited on the new user stream', async () => {
    const cohortId = crypto.randomUUID();
    const result = await env.accounts.inviteUser({
      tenantId: 'leeds-careers',
      email: '  Sam.Okafor@Example.AC.UK ',
      role: 'candidate',
      invitedBy: ADMIN_ID,
      cohortId,
    });

    if (!result.ok) throw new Error(result.reason);
    expect(result.token).toMatch(/^[a-z2-7]{32}$/);
    expect(result.invitation).toMatchObject({
      tokenHash: hashSecretToken(result.token),
      email: 'sam.okafor@example.ac.uk',
      expiresAt: new Date(env.time.now().getTime() + 7 * DAY),
    });
    expect(await env.store.findInvitation(result.token)).toBeNull();

    const [event, ...rest] = await env.userEvents(result.invitation.userId);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'UserInvited',
      data: {
        userId: result.invitation.userId,
        email: 'sam.okafor@example.ac.uk',
        role: 'candidate',
        cohortId,
        expiresAt: result.invitation.expiresAt.toISOString(),
      },
      metadata: {
        tenantId: 'leeds-careers',
        actor: { kind: 'user', id: ADMIN_ID },
        causationId: null,
        schemaVersion: 1,
      },
    });
    expect(await env.logText()).not.toContain(result.token);
  });

  it('keeps the user id of an earlier invitation of the same person', async () => {
    const first = await env.accounts.inviteUser({
      tenantId: 'leeds-careers',
      email: 'a@example.org',
      role: 'candidate',
      invitedBy: ADMIN_ID,
    });
    const second = await env.accounts.inviteUser({
      tenantId: 'leeds-careers',
      email: 'A@example.org',
      role: 'staff',
      invitedBy: ADMIN_ID,
    });

    expect(first.ok && second.ok && second.invitation.userId === first.invitation.userId).toBe(true);
  });

  it('refuses an address that already has an account in the tenant, and one that is no address', async () => {
    const first = await env.accounts.inviteUser({
      tenantId: 'leeds-careers',
      email: 'b@example.org',
      role: 'candidate',
      invitedBy: ADMIN_ID,
    });
    if (!first.ok) throw new Error(first.reason);
    await env.accounts.acceptInvitation({ token: first.token, password: STRONG_PASSWORD, displayName: 'B' });

    expect(
      await env.accounts.inviteUser({
        tenantId: 'leeds-careers',
        email: 'B@example.org',
        role: 'staff',
        invitedBy: ADMIN_ID,
      }),
    ).toEqual({ ok: false, reason: 'account-exists' });
    expect(
      (
        await env.accounts.inviteUser({
          tenantId: 'york-careers',
          email: 'b@example.org',
          role: 'staff',
          invitedBy: ADMIN_ID,
        })
      ).ok,
    ).toBe(true);
    expect(
      await env.accounts.inviteUser({
        tenantId: 'leeds-careers',
        email: 'not an address',
        role: 'staff',
        invitedBy: ADMIN_ID,
      }),
    ).toEqual({ ok: false, reason: 'invalid-email' });
    expect(await env.store.listInvitations('leeds-careers')).toHaveLength(1);
  });
});

describe('acceptInvitation', () => {
  async function invite(role: 'candidate' | 'staff' = 'staff') {
    const result = await env.accounts.inviteUser({
      tenantId: 'leeds-careers',
      email: 'kim@example.org',
      role,
      invitedBy: ADMIN_ID,
    });
    if (!result.ok) throw new Error(result.reason);
    return result;
  }

  it('creates the account with an argon2id hash, grants the role and records both', async () => {
    const { token, invitation } = await invite('staff');

    const result = await env.accounts.acceptInvitation({
      token,
      password: STRONG_PASSWORD,
      displayName: '  Kim   Lee ',
    });

    expect(result).toEqual({
      ok: true,
      user: {
        id: invitation.userId,
        tenantId: 'leeds-careers',
        email: 'kim@example.org',
        displayName: 'Kim Lee',
        roles: ['staff'],
      },
    });
    const stored = await env.store.getUser(invitation.userId);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(await verifyPassword(stored!.passwordHash, STRONG_PASSWORD)).toBe(true);

    const events = await env.userEvents(invitation.userId);
    expect(events.map((event) => event.type)).toEqual(['UserInvited', 'UserRegistered', 'UserRoleGranted']);
    expect(events[1]).toMatchObject({
      data: { userId: invitation.userId, email: 'kim@example.org', displayName: 'Kim Lee' },
      metadata: {
        tenantId: 'leeds-careers',
        actor: { kind: 'user', id: invitation.userId },
        causationId: null,
      },
    });
    expect(events[2]).toMatchObject({ data: { userId: invitation.userId, role: 'staff' } });
    expect(events[2]!.metadata.correlationId).toBe(events[1]!.metadata.correlationId);
    expect(await env.logText()).not.toContain(STRONG_PASSWORD);
    expect(await env.logText()).not.toContain(token);
  });

  it('can be used once', async () => {
    const { token } = await invite();
    await env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: 'Kim' });

    expect(
      await env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: 'Kim' }),
    ).toEqual({
      ok: false,
      reason: 'already-used',
    });
  });

  it('expires after seven days', async () => {
    const { token, invitation } = await invite();
    env.time.advance(7 * DAY);

    expect(
      await env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: 'Kim' }),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await env.store.getUser(invitation.userId)).toBeNull();
  });

  it('refuses a weak password or an empty name without using the invitation up', async () => {
    const { token } = await invite();

    const weak = await env.accounts.acceptInvitation({
      token,
      password: 'kim@example.org',
      displayName: 'Kim',
    });
    expect(weak).toMatchObject({ ok: false, reason: 'weak-password' });
    expect(
      !weak.ok && weak.reason === 'weak-password' && weak.problems.map((problem) => problem.code),
    ).toEqual(['same-as-email']);
    expect(
      await env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: '   ' }),
    ).toEqual({
      ok: false,
      reason: 'invalid-display-name',
      message: 'Enter the name others should see.',
    });
    expect(
      (await env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: 'Kim' })).ok,
    ).toBe(true);
  });

  it('answers invalid-token for a malformed or unknown token', async () => {
    for (const token of ['', 'nope', 'a'.repeat(32)]) {
      expect(
        await env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: 'Kim' }),
      ).toEqual({
        ok: false,
        reason: 'invalid-token',
      });
    }
  });
});

describe('revoking invitations', () => {
  const invite = (email: string, role: 'candidate' | 'staff') =>
    env.accounts.inviteUser({ tenantId: 'leeds-careers', email, role, invitedBy: ADMIN_ID });
  const accept = (token: string) =>
    env.accounts.acceptInvitation({ token, password: STRONG_PASSWORD, displayName: 'Rae' });

  it('inviting again revokes the earlier link, so the person joins with the latest role only', async () => {
    const first = await invite('rae@example.org', 'staff');
    const second = await invite('rae@example.org', 'candidate');
    if (!first.ok || !second.ok) throw new Error('invitation failed');

    expect(await accept(first.token)).toEqual({ ok: false, reason: 'invalid-token' });
    const joined = await accept(second.token);
    expect(joined).toMatchObject({ ok: true, user: { roles: ['candidate'] } });
  });

  it('an admin withdraws an open invitation: the link dies and InvitationRevoked is recorded once', async () => {
    const invited = await invite('kit@example.org', 'staff');
    if (!invited.ok) throw new Error('invitation failed');
    const input = { tenantId: 'leeds-careers', email: ' KIT@example.org ', revokedBy: ADMIN_ID };

    expect(await env.accounts.revokeInvitation(input)).toBe(true);
    expect(await env.accounts.revokeInvitation(input)).toBe(false);
    expect(await accept(invited.token)).toEqual({ ok: false, reason: 'invalid-token' });
    const events = await env.userEvents(invited.invitation.userId);
    expect(events.map((event) => event.type)).toEqual(['UserInvited', 'InvitationRevoked']);
    expect(events[1]).toMatchObject({
      data: { userId: invited.invitation.userId, role: 'staff' },
      metadata: { tenantId: 'leeds-careers', actor: { kind: 'user', id: ADMIN_ID } },
    });
  });

  it('withdraws nothing, and records nothing, for an accepted invitation or another tenant', async () => {
    const invited = await invite('lee@example.org', 'candidate');
    if (!invited.ok) throw new Error('invitation failed');
    await accept(invited.token);

    expect(
      await env.accounts.revokeInvitation({
        tenantId: 'leeds-careers',
        email: 'lee@example.org',
        revokedBy: ADMIN_ID,
      }),
    ).toBe(false);
    expect(
      await env.accounts.revokeInvitation({
        tenantId: 'york-careers',
        email: 'lee@example.org',
        revokedBy: ADMIN_ID,
      }),
    ).toBe(false);
    expect((await env.userEvents(invited.invitation.userId)).map((event) => event.type)).not.toContain(
      'InvitationRevoked',
    );
  });
});
