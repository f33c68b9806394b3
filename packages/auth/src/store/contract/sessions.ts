import { describe, expect, it } from 'vitest';
import { at, DAY, HOUR, insertUser, MINUTE, newSession, T0 } from './fixtures';
import type { OpenStore } from './harness';

export function describeSessions(open: OpenStore): void {
  describe('sessions', () => {
    it('stores a session and reads it back, client summary included or absent', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const withClient = newSession(user.id);
      const withoutClient = newSession(user.id, { userAgent: null, ipAddress: null });

      expect(await store.createSession(withClient)).toEqual({ ...withClient, revokedAt: null });
      await store.createSession(withoutClient);

      expect(await store.getSession(withClient.id)).toEqual({ ...withClient, revokedAt: null });
      expect(await store.getSession(withoutClient.id)).toEqual({ ...withoutClient, revokedAt: null });
      expect(await store.getSession('0'.repeat(64))).toBeNull();
    });

    it('moves expiry and last-seen of an active session, never of a revoked one', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const session = await store.createSession(newSession(user.id));

      expect(
        await store.touchSession(session.id, { expiresAt: at(40 * DAY), lastSeenAt: at(10 * DAY) }),
      ).toBe(true);
      expect(await store.getSession(session.id)).toMatchObject({
        expiresAt: at(40 * DAY),
        lastSeenAt: at(10 * DAY),
      });

      await store.revokeSession(session.id, at(11 * DAY));
      expect(
        await store.touchSession(session.id, { expiresAt: at(50 * DAY), lastSeenAt: at(12 * DAY) }),
      ).toBe(false);
      expect(await store.getSession(session.id)).toMatchObject({
        expiresAt: at(40 * DAY),
        revokedAt: at(11 * DAY),
      });
      expect(await store.touchSession('0'.repeat(64), { expiresAt: at(DAY), lastSeenAt: T0 })).toBe(false);
    });

    it('revokes a session once', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const session = await store.createSession(newSession(user.id));

      expect(await store.revokeSession(session.id, at(HOUR))).toBe(true);
      expect(await store.revokeSession(session.id, at(2 * HOUR))).toBe(false);
      expect(await store.getSession(session.id)).toMatchObject({ revokedAt: at(HOUR) });
      expect(await store.revokeSession('0'.repeat(64), at(HOUR))).toBe(false);
    });

    it("revokes all of a user's active sessions but the one to keep, and nobody else's", async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const other = await insertUser(store);
      const keep = await store.createSession(newSession(user.id));
      const first = await store.createSession(newSession(user.id));
      const second = await store.createSession(newSession(user.id));
      const theirs = await store.createSession(newSession(other.id));

      const revoked = await store.revokeUserSessions(user.id, at(HOUR), { exceptSessionId: keep.id });

      expect(revoked).toEqual([first.id, second.id].sort());
      expect(await store.listActiveSessions(user.id, at(HOUR))).toEqual([{ ...keep, revokedAt: null }]);
      expect(await store.listActiveSessions(other.id, at(HOUR))).toEqual([{ ...theirs, revokedAt: null }]);
      expect(await store.revokeUserSessions(user.id, at(2 * HOUR))).toEqual([keep.id]);
      expect(await store.listActiveSessions(user.id, at(2 * HOUR))).toEqual([]);
    });

    it('lists active sessions most recently seen first, leaving out expired and revoked ones', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const seenEarly = await store.createSession(newSession(user.id, { lastSeenAt: at(MINUTE) }));
      const seenLate = await store.createSession(newSession(user.id, { lastSeenAt: at(2 * MINUTE) }));
      await store.createSession(newSession(user.id, { expiresAt: at(HOUR) }));
      const revoked = await store.createSession(newSession(user.id));
      await store.revokeSession(revoked.id, at(MINUTE));

      expect((await store.listActiveSessions(user.id, at(HOUR))).map((session) => session.id)).toEqual([
        seenLate.id,
        seenEarly.id,
      ]);
    });

    it('purges sessions that ended before a date and keeps the rest', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const expiredLongAgo = await store.createSession(newSession(user.id, { expiresAt: at(DAY) }));
      const revokedLongAgo = await store.createSession(newSession(user.id));
      await store.revokeSession(revokedLongAgo.id, at(DAY));
      const revokedRecently = await store.createSession(newSession(user.id));
      await store.revokeSession(revokedRecently.id, at(10 * DAY));
      const active = await store.createSession(newSession(user.id));

      expect(await store.purgeSessions(at(5 * DAY))).toBe(2);
      expect(await store.getSession(expiredLongAgo.id)).toBeNull();
      expect(await store.getSession(revokedLongAgo.id)).toBeNull();
      expect(await store.getSession(revokedRecently.id)).not.toBeNull();
      expect(await store.getSession(active.id)).not.toBeNull();
    });
  });
}
