import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountExistsError, UserNotFoundError } from '../errors';
import {
  at,
  DAY,
  insertUser,
  MINUTE,
  newInvitation,
  newSession,
  newUser,
  PASSWORD_HASH,
  T0,
  uniqueEmail,
} from './fixtures';
import type { OpenStore } from './harness';

export function describeUsers(open: OpenStore): void {
  describe('users', () => {
    it('stores an account and reads it back by id and by email', async () => {
      const { store } = await open();
      const user = newUser({ displayName: 'Ada Lovelace' });

      const created = await store.createUser(user);

      const expected = { ...user, disabled: false, updatedAt: user.createdAt };
      expect(created).toEqual(expected);
      expect(await store.getUser(user.id)).toEqual(expected);
      expect(await store.findUsersByEmail(user.email)).toEqual([expected]);
      expect(await store.findUsersByEmail(user.email, user.tenantId)).toEqual([expected]);
    });

    it('answers null and [] for what it does not hold, including ill-formed ids', async () => {
      const { store } = await open();
      expect(await store.getUser(randomUUID())).toBeNull();
      expect(await store.getUser('not-a-uuid')).toBeNull();
      expect(await store.findUsersByEmail('nobody@example.org')).toEqual([]);
      expect(await store.listUsers('nobody')).toEqual([]);
    });

    it('holds one account per email within a tenant, and separate accounts in other tenants', async () => {
      const { store } = await open();
      const email = uniqueEmail();
      const leeds = await insertUser(store, { email, tenantId: 'leeds-careers', createdAt: T0 });

      const error = await store
        .createUser(newUser({ email, tenantId: 'leeds-careers' }))
        .catch((caught) => caught);
      expect(error).toBeInstanceOf(AccountExistsError);
      expect(error).toMatchObject({ tenantId: 'leeds-careers', email });

      const york = await insertUser(store, { email, tenantId: 'york-careers', createdAt: at(MINUTE) });
      expect((await store.findUsersByEmail(email)).map((user) => user.id)).toEqual([leeds.id, york.id]);
      expect((await store.findUsersByEmail(email, 'york-careers')).map((user) => user.id)).toEqual([york.id]);
    });

    it("lists a tenant's accounts oldest first and nothing of other tenants", async () => {
      const { store } = await open();
      const second = await insertUser(store, { tenantId: 'leeds-careers', createdAt: at(2 * MINUTE) });
      const first = await insertUser(store, { tenantId: 'leeds-careers', createdAt: at(MINUTE) });
      await insertUser(store, { tenantId: 'york-careers' });

      expect((await store.listUsers('leeds-careers')).map((user) => user.id)).toEqual([first.id, second.id]);
    });

    it('disables and re-enables an account, stamping updatedAt', async () => {
      const { store } = await open();
      const user = await insertUser(store);

      const disabled = await store.setUserDisabled(user.id, true, at(DAY));
      expect(disabled).toMatchObject({ disabled: true, updatedAt: at(DAY), createdAt: T0 });
      expect(await store.getUser(user.id)).toMatchObject({ disabled: true });

      await store.setUserDisabled(user.id, false, at(2 * DAY));
      expect(await store.getUser(user.id)).toMatchObject({ disabled: false, updatedAt: at(2 * DAY) });
      await expect(store.setUserDisabled(randomUUID(), true, at(DAY))).rejects.toBeInstanceOf(
        UserNotFoundError,
      );
    });

    it("erases a person's email, name and password and deletes their sessions, resets and invitations", async () => {
      const { store } = await open();
      const user = await insertUser(store, { displayName: 'Ada Lovelace' });
      const other = await insertUser(store);
      await store.createSession(newSession(user.id));
      const othersSession = await store.createSession(newSession(other.id));
      const reset = await store.createPasswordReset({
        tokenHash: 'a'.repeat(64),
        userId: user.id,
        createdAt: T0,
        expiresAt: at(DAY),
      });
      const invitation = await store.createInvitation(
        newInvitation({ userId: user.id, email: user.email, tenantId: user.tenantId }),
      );
      const replacement = {
        email: `erased-${user.id}@erased.invalid`,
        displayName: 'Erased candidate',
        passwordHash: PASSWORD_HASH.replace('t=3', 't=5'),
      };

      const erased = await store.eraseUser(user.id, replacement, at(DAY));

      expect(erased).toMatchObject({ ...replacement, id: user.id, disabled: true, updatedAt: at(DAY) });
      expect(await store.getUser(user.id)).toEqual(erased);
      expect(await store.findUsersByEmail(user.email)).toEqual([]);
      expect(await store.listActiveSessions(user.id, T0)).toEqual([]);
      expect(await store.findPasswordReset(reset.tokenHash)).toBeNull();
      expect(await store.findInvitation(invitation.tokenHash)).toBeNull();
      expect(await store.getSession(othersSession.id)).not.toBeNull();
      expect(await store.getUser(other.id)).toMatchObject({ email: other.email, disabled: false });
      await expect(store.eraseUser(randomUUID(), replacement, at(DAY))).rejects.toBeInstanceOf(
        UserNotFoundError,
      );
    });

    it('rehashes a password only while the stored hash is the expected one', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const rehashed = PASSWORD_HASH.replace('m=65536', 'm=131072');

      expect(await store.rehashPassword(user.id, PASSWORD_HASH, rehashed, at(DAY))).toBe(true);
      expect(await store.getUser(user.id)).toMatchObject({ passwordHash: rehashed, updatedAt: at(DAY) });
      expect(await store.rehashPassword(user.id, PASSWORD_HASH, 'stale', at(2 * DAY))).toBe(false);
      expect(await store.getUser(user.id)).toMatchObject({ passwordHash: rehashed });
    });

    it('replaces a password and revokes the other active sessions in the same step', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const other = await insertUser(store);
      const kept = await store.createSession(newSession(user.id));
      const revoked = await store.createSession(newSession(user.id));
      const expired = await store.createSession(newSession(user.id, { expiresAt: at(MINUTE) }));
      const someoneElses = await store.createSession(newSession(other.id));

      const newHash = PASSWORD_HASH.replace('t=3', 't=4');
      const revokedIds = await store.replacePassword(user.id, newHash, at(DAY), { keepSessionId: kept.id });

      expect(revokedIds).toEqual([revoked.id]);
      expect(await store.getUser(user.id)).toMatchObject({ passwordHash: newHash, updatedAt: at(DAY) });
      expect(await store.getSession(kept.id)).toMatchObject({ revokedAt: null });
      expect(await store.getSession(revoked.id)).toMatchObject({ revokedAt: at(DAY) });
      expect(await store.getSession(expired.id)).toMatchObject({ revokedAt: null });
      expect(await store.getSession(someoneElses.id)).toMatchObject({ revokedAt: null });
      expect(await store.replacePassword(user.id, newHash, at(2 * DAY))).toEqual([kept.id]);
      await expect(store.replacePassword(randomUUID(), newHash, at(DAY))).rejects.toBeInstanceOf(
        UserNotFoundError,
      );
    });

    it('keeps everything across a reopen, migrating only once', async () => {
      const underTest = await open();
      const user = await insertUser(underTest.store);
      await underTest.store.grantRole({
        userId: user.id,
        tenantId: user.tenantId,
        role: 'staff',
        grantedAt: T0,
        grantedBy: null,
      });

      const reopened = await underTest.reopen();
      try {
        expect(await reopened.getUser(user.id)).toEqual(await underTest.store.getUser(user.id));
        expect((await reopened.listRoles(user.id)).map((grant) => grant.role)).toEqual(['staff']);
      } finally {
        await reopened.close();
      }
    });
  });
}
