import { describe, expect, it } from 'vitest';
import { generateSecretToken, hashSecretToken } from '../../tokens/secret-token';
import type { NewPasswordReset } from '../port';
import { at, HOUR, insertUser, MINUTE, newSession, PASSWORD_HASH, T0 } from './fixtures';
import type { OpenStore } from './harness';

const NEW_HASH = PASSWORD_HASH.replace('t=3', 't=4');

function newReset(userId: string, overrides: Partial<NewPasswordReset> = {}): NewPasswordReset {
  return {
    tokenHash: hashSecretToken(generateSecretToken()),
    userId,
    createdAt: T0,
    expiresAt: at(HOUR),
    ...overrides,
  };
}

export function describePasswordResets(open: OpenStore): void {
  describe('password resets', () => {
    it('stores a reset token and finds it by its hash', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const reset = newReset(user.id);

      expect(await store.createPasswordReset(reset)).toEqual({ ...reset, usedAt: null });
      expect(await store.findPasswordReset(reset.tokenHash)).toEqual({ ...reset, usedAt: null });
      expect(await store.findPasswordReset('0'.repeat(64))).toBeNull();
    });

    it('redeems a token once: new password, every session revoked, every other open token spent', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const first = await store.createSession(newSession(user.id));
      const second = await store.createSession(newSession(user.id));
      const earlier = newReset(user.id);
      const reset = newReset(user.id, { createdAt: at(MINUTE) });
      await store.createPasswordReset(earlier);
      await store.createPasswordReset(reset);

      const result = await store.redeemPasswordReset(reset.tokenHash, at(10 * MINUTE), NEW_HASH);

      expect(result).toEqual({
        ok: true,
        user: { ...user, passwordHash: NEW_HASH, updatedAt: at(10 * MINUTE) },
        revokedSessionIds: [first.id, second.id].sort(),
      });
      expect(await store.listActiveSessions(user.id, at(10 * MINUTE))).toEqual([]);
      expect(await store.findPasswordReset(earlier.tokenHash)).toMatchObject({ usedAt: at(10 * MINUTE) });
      expect(await store.redeemPasswordReset(reset.tokenHash, at(11 * MINUTE), PASSWORD_HASH)).toEqual({
        ok: false,
        reason: 'already-used',
      });
      expect(await store.redeemPasswordReset(earlier.tokenHash, at(11 * MINUTE), PASSWORD_HASH)).toEqual({
        ok: false,
        reason: 'already-used',
      });
      expect(await store.getUser(user.id)).toMatchObject({ passwordHash: NEW_HASH });
    });

    it('spends every open reset token when the password is replaced from the account page', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const other = await insertUser(store);
      const reset = newReset(user.id);
      const othersReset = newReset(other.id);
      await store.createPasswordReset(reset);
      await store.createPasswordReset(othersReset);

      await store.replacePassword(user.id, NEW_HASH, at(MINUTE));

      expect(await store.findPasswordReset(reset.tokenHash)).toMatchObject({ usedAt: at(MINUTE) });
      expect(await store.redeemPasswordReset(reset.tokenHash, at(2 * MINUTE), PASSWORD_HASH)).toEqual({
        ok: false,
        reason: 'already-used',
      });
      expect(await store.getUser(user.id)).toMatchObject({ passwordHash: NEW_HASH });
      expect(await store.findPasswordReset(othersReset.tokenHash)).toMatchObject({ usedAt: null });
    });

    it('refuses an expired token from the instant it expires, and an unknown one', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const reset = newReset(user.id, { expiresAt: at(HOUR) });
      await store.createPasswordReset(reset);

      expect(await store.redeemPasswordReset(reset.tokenHash, at(HOUR), NEW_HASH)).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await store.getUser(user.id)).toMatchObject({ passwordHash: PASSWORD_HASH });
      expect(await store.redeemPasswordReset('f'.repeat(64), T0, NEW_HASH)).toEqual({
        ok: false,
        reason: 'unknown',
      });
    });

    it('lets one of two tokens of the same user through when both are redeemed at once', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const resets = [newReset(user.id), newReset(user.id)];
      for (const reset of resets) await store.createPasswordReset(reset);

      const results = await Promise.all(
        resets.flatMap((reset) => [
          store.redeemPasswordReset(reset.tokenHash, at(MINUTE), NEW_HASH),
          store.redeemPasswordReset(reset.tokenHash, at(MINUTE), NEW_HASH),
        ]),
      );

      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });
  });
}
