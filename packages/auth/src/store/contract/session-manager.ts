import { describe, expect, it } from 'vitest';
import {
  createSessionManager,
  LAST_SEEN_RESOLUTION_MS,
  SESSION_LIFETIME_MS,
} from '../../sessions/session-manager';
import { createManualClock } from '../../test-support/manual-clock';
import { hashSecretToken } from '../../tokens/secret-token';
import type { AuthStore } from '../port';
import { DAY, insertUser, MINUTE, T0 } from './fixtures';
import type { OpenStore } from './harness';

async function signedInUser(store: AuthStore) {
  const user = await insertUser(store, { tenantId: 'leeds-careers' });
  await store.grantRole({
    userId: user.id,
    tenantId: 'leeds-careers',
    role: 'staff',
    grantedAt: T0,
    grantedBy: null,
  });
  await store.grantRole({
    userId: user.id,
    tenantId: 'york-careers',
    role: 'admin',
    grantedAt: T0,
    grantedBy: null,
  });
  return user;
}

export function describeSessionManager(open: OpenStore): void {
  describe('sessions after the Lucia guide, over this store', () => {
    it('hands out a 32-character base32 token and stores only its SHA-256', async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const sessions = createSessionManager({ store, clock: createManualClock(T0).clock });

      const { token, session } = await sessions.createSession(user.id, {
        ipAddress: '::ffff:192.0.2.10',
        userAgent: '  Mozilla/5.0\n(X11)  ',
      });

      expect(token).toMatch(/^[a-z2-7]{32}$/);
      expect(session.id).toBe(hashSecretToken(token));
      expect(session).toMatchObject({
        userId: user.id,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: new Date(T0.getTime() + SESSION_LIFETIME_MS),
        ipAddress: '192.0.2.10',
        userAgent: 'Mozilla/5.0 (X11)',
        revokedAt: null,
      });
      expect(await store.getSession(token)).toBeNull();
      expect(await store.getSession(session.id)).toEqual(session);
    });

    it("validates a token into its session and user, with only the roles of the user's tenant", async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const sessions = createSessionManager({ store, clock: createManualClock(T0).clock });
      const { token, session } = await sessions.createSession(user.id, {});

      expect(await sessions.validateSessionToken(token)).toEqual({
        session,
        renewed: false,
        user: {
          id: user.id,
          tenantId: 'leeds-careers',
          email: user.email,
          displayName: user.displayName,
          roles: ['staff'],
        },
      });
    });

    it('slides the expiry forward once less than 15 of the 30 days are left', async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const time = createManualClock(T0);
      const sessions = createSessionManager({ store, clock: time.clock });
      const { token, session } = await sessions.createSession(user.id, {});

      time.advance(14 * DAY);
      const untouched = await sessions.validateSessionToken(token);
      expect(untouched).toMatchObject({ renewed: false, session: { expiresAt: session.expiresAt } });

      const renewedAt = time.advance(2 * DAY);
      const renewed = await sessions.validateSessionToken(token);
      const extended = new Date(renewedAt.getTime() + 30 * DAY);
      expect(renewed).toMatchObject({
        renewed: true,
        session: { expiresAt: extended, lastSeenAt: renewedAt },
      });
      expect(await store.getSession(session.id)).toMatchObject({
        expiresAt: extended,
        lastSeenAt: renewedAt,
      });

      // Used every two weeks, a session never expires; left alone for 30 days, it does.
      time.advance(29 * DAY);
      expect(await sessions.validateSessionToken(token)).toMatchObject({ renewed: true });
      time.advance(30 * DAY);
      expect(await sessions.validateSessionToken(token)).toBeNull();
    });

    it('expires at exactly 30 days without use', async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const time = createManualClock(T0);
      const sessions = createSessionManager({ store, clock: time.clock });
      const { token } = await sessions.createSession(user.id, {});

      time.advance(30 * DAY - 1);
      expect(await sessions.validateSessionToken(token)).not.toBeNull();
      const again = await sessions.createSession(user.id, {});
      time.advance(30 * DAY);
      expect(await sessions.validateSessionToken(again.token)).toBeNull();
    });

    it('writes last-seen at most every five minutes', async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const time = createManualClock(T0);
      const sessions = createSessionManager({ store, clock: time.clock });
      const { token, session } = await sessions.createSession(user.id, {});

      time.advance(LAST_SEEN_RESOLUTION_MS - 1);
      await sessions.validateSessionToken(token);
      expect(await store.getSession(session.id)).toMatchObject({ lastSeenAt: T0 });

      const later = time.advance(1);
      expect(await sessions.validateSessionToken(token)).toMatchObject({
        renewed: false,
        session: { lastSeenAt: later },
      });
      expect(await store.getSession(session.id)).toMatchObject({
        lastSeenAt: later,
        expiresAt: session.expiresAt,
      });
    });

    it('refuses malformed, unknown and revoked tokens and the sessions of disabled users', async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const time = createManualClock(T0);
      const sessions = createSessionManager({ store, clock: time.clock });
      const { token, session } = await sessions.createSession(user.id, {});

      for (const bad of ['', 'x', token.toUpperCase(), `${token}a`, session.id, 'a'.repeat(32)]) {
        expect(await sessions.validateSessionToken(bad)).toBeNull();
      }

      await store.setUserDisabled(user.id, true, time.advance(MINUTE));
      expect(await sessions.validateSessionToken(token)).toBeNull();
      await store.setUserDisabled(user.id, false, time.advance(MINUTE));
      expect(await sessions.validateSessionToken(token)).not.toBeNull();

      expect(await sessions.invalidateSession(session.id)).toBe(true);
      expect(await sessions.validateSessionToken(token)).toBeNull();
      expect(await sessions.invalidateSession(session.id)).toBe(false);
    });

    it('lists and invalidates all sessions of a user', async () => {
      const { store } = await open();
      const user = await signedInUser(store);
      const time = createManualClock(T0);
      const sessions = createSessionManager({ store, clock: time.clock });
      const laptop = await sessions.createSession(user.id, { userAgent: 'laptop' });
      time.advance(MINUTE);
      const phone = await sessions.createSession(user.id, { userAgent: 'phone' });

      expect((await sessions.listSessions(user.id)).map((session) => session.userAgent)).toEqual([
        'phone',
        'laptop',
      ]);
      expect(await sessions.invalidateAllSessions(user.id)).toEqual(
        [laptop.session.id, phone.session.id].sort(),
      );
      expect(await sessions.validateSessionToken(laptop.token)).toBeNull();
      expect(await sessions.validateSessionToken(phone.token)).toBeNull();
      expect(await sessions.listSessions(user.id)).toEqual([]);
    });
  });
}
