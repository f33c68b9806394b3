import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, DAY, insertUser, MINUTE, newInvitation, PASSWORD_HASH, T0, uniqueEmail } from './fixtures';
import type { OpenStore } from './harness';

const acceptance = { passwordHash: PASSWORD_HASH, displayName: 'Sam Okafor' };

export function describeInvitations(open: OpenStore): void {
  describe('invitations', () => {
    it('stores an invitation and finds it by token hash, by email and by tenant', async () => {
      const { store } = await open();
      const email = uniqueEmail();
      const older = newInvitation({ email, createdAt: T0, cohortId: randomUUID() });
      const newer = newInvitation({ email, createdAt: at(MINUTE), userId: older.userId, role: 'staff' });
      const elsewhere = newInvitation({ email, tenantId: 'york-careers' });

      expect(await store.createInvitation(older)).toEqual({ ...older, acceptedAt: null });
      await store.createInvitation(newer);
      await store.createInvitation(elsewhere);

      // The newer invitation of the same person revoked the older link.
      expect(await store.findInvitation(older.tokenHash)).toBeNull();
      expect(await store.findInvitation(newer.tokenHash)).toEqual({ ...newer, acceptedAt: null });
      expect(await store.findInvitation('0'.repeat(64))).toBeNull();
      expect((await store.findInvitationsByEmail('leeds-careers', email)).map((i) => i.tokenHash)).toEqual([
        newer.tokenHash,
      ]);
      expect((await store.findInvitationsByEmail('york-careers', email)).map((i) => i.tokenHash)).toEqual([
        elsewhere.tokenHash,
      ]);
      expect((await store.listInvitations('york-careers')).map((i) => i.tokenHash)).toEqual([
        elsewhere.tokenHash,
      ]);
    });

    it('deletes only the open invitations of one email in one tenant', async () => {
      const { store } = await open();
      const email = uniqueEmail();
      const accepted = newInvitation({ email: uniqueEmail() });
      const open1 = newInvitation({ email, createdAt: T0 });
      const elsewhere = newInvitation({ email, tenantId: 'york-careers' });
      for (const invitation of [accepted, open1, elsewhere]) await store.createInvitation(invitation);
      await store.redeemInvitation(accepted.tokenHash, at(DAY), acceptance);

      expect(await store.deleteOpenInvitations('leeds-careers', email)).toEqual([
        { ...open1, acceptedAt: null },
      ]);
      expect(await store.deleteOpenInvitations('leeds-careers', email)).toEqual([]);
      expect(await store.deleteOpenInvitations('leeds-careers', accepted.email)).toEqual([]);
      expect(await store.findInvitation(open1.tokenHash)).toBeNull();
      expect(await store.findInvitation(accepted.tokenHash)).toMatchObject({ acceptedAt: at(DAY) });
      expect(await store.findInvitation(elsewhere.tokenHash)).toMatchObject({ acceptedAt: null });
    });

    it('keeps an accepted invitation when the same email is invited again', async () => {
      const { store } = await open();
      const first = newInvitation();
      await store.createInvitation(first);
      await store.redeemInvitation(first.tokenHash, at(DAY), acceptance);
      const again = newInvitation({ email: first.email, createdAt: at(2 * DAY) });
      await store.createInvitation(again);

      expect(await store.findInvitation(first.tokenHash)).toMatchObject({ acceptedAt: at(DAY) });
      expect(await store.findInvitation(again.tokenHash)).toMatchObject({ acceptedAt: null });
    });

    it('redeems an invitation into an account with the invited id and role', async () => {
      const { store } = await open();
      const invitation = newInvitation({ role: 'staff' });
      await store.createInvitation(invitation);

      const result = await store.redeemInvitation(invitation.tokenHash, at(DAY), acceptance);

      expect(result).toEqual({
        ok: true,
        user: {
          id: invitation.userId,
          tenantId: invitation.tenantId,
          email: invitation.email,
          displayName: 'Sam Okafor',
          passwordHash: PASSWORD_HASH,
          disabled: false,
          createdAt: at(DAY),
          updatedAt: at(DAY),
        },
        invitation: { ...invitation, acceptedAt: at(DAY) },
      });
      expect(await store.listRoles(invitation.userId)).toEqual([
        {
          userId: invitation.userId,
          tenantId: invitation.tenantId,
          role: 'staff',
          grantedAt: at(DAY),
          grantedBy: invitation.invitedBy,
        },
      ]);
      expect(await store.findInvitation(invitation.tokenHash)).toMatchObject({ acceptedAt: at(DAY) });
    });

    it('redeems an invitation only once', async () => {
      const { store } = await open();
      const invitation = newInvitation();
      await store.createInvitation(invitation);
      await store.redeemInvitation(invitation.tokenHash, at(DAY), acceptance);

      expect(await store.redeemInvitation(invitation.tokenHash, at(2 * DAY), acceptance)).toEqual({
        ok: false,
        reason: 'already-used',
      });
    });

    it('refuses an expired invitation from the instant it expires', async () => {
      const { store } = await open();
      const invitation = newInvitation({ expiresAt: at(7 * DAY) });
      await store.createInvitation(invitation);

      expect(await store.redeemInvitation(invitation.tokenHash, at(7 * DAY), acceptance)).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await store.getUser(invitation.userId)).toBeNull();
      expect((await store.redeemInvitation(invitation.tokenHash, at(7 * DAY - 1), acceptance)).ok).toBe(true);
    });

    it('refuses an unknown token and an email that already has an account in the tenant', async () => {
      const { store } = await open();
      expect(await store.redeemInvitation('f'.repeat(64), T0, acceptance)).toEqual({
        ok: false,
        reason: 'unknown',
      });

      const invitation = newInvitation();
      await store.createInvitation(invitation);
      await insertUser(store, { email: invitation.email, tenantId: invitation.tenantId });

      expect(await store.redeemInvitation(invitation.tokenHash, at(DAY), acceptance)).toEqual({
        ok: false,
        reason: 'account-exists',
      });
      expect(await store.findInvitation(invitation.tokenHash)).toMatchObject({ acceptedAt: null });
    });

    it('lets exactly one of several concurrent redemptions through', async () => {
      const { store } = await open();
      const invitation = newInvitation();
      await store.createInvitation(invitation);

      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.redeemInvitation(invitation.tokenHash, at(DAY), acceptance)),
      );

      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(
        Array(5).fill('already-used'),
      );
      expect(await store.listUsers(invitation.tenantId)).toHaveLength(1);
    });
  });
}
