/**
 * Auth sessions as the Lucia guide builds them (lucia-auth.com/sessions/basic): a random token in
 * the cookie, its SHA-256 as the session id in the store, a sliding expiry, revocation by id.
 */
import { type Clock, systemClock } from '../clock';
import type { AuthStore, SessionRecord } from '../store/port';
import {
  generateSecretToken,
  hashSecretToken,
  isWellFormedToken,
  tokenHashesEqual,
} from '../tokens/secret-token';
import { type AuthUser, toAuthUser } from './auth-user';
import { summariseClient } from './client-summary';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used with less than this left is extended to a full lifetime again. */
export const SESSION_RENEWAL_THRESHOLD_MS = 15 * DAY_MS;
/**
 * How stale last-seen may get before a request writes it. Writing it on every request would turn
 * each page view into a write; five minutes is precise enough for "last active" in the session list.
 */
export const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export type Session = SessionRecord;

export interface SessionMeta {
  readonly ipAddress?: string | null;
  readonly userAgent?: string | null;
}

export interface SessionValidation {
  readonly session: Session;
  readonly user: AuthUser;
  /** The expiry moved: the caller should send the cookie again with the new expiry. */
  readonly renewed: boolean;
}

export interface SessionManager {
  /** The token goes into the cookie and nowhere else; only its hash is stored. */
  createSession(userId: string, meta: SessionMeta): Promise<{ token: string; session: Session }>;
  /** The session and its user, or null for an unknown, revoked or expired session or a disabled user. */
  validateSessionToken(token: string): Promise<SessionValidation | null>;
  /** True when an active session was revoked. */
  invalidateSession(sessionId: string): Promise<boolean>;
  /** Revokes every active session of the user; returns their ids. */
  invalidateAllSessions(userId: string): Promise<string[]>;
  /** Active sessions, most recently seen first. */
  listSessions(userId: string): Promise<Session[]>;
}

export interface SessionManagerOptions {
  readonly store: AuthStore;
  readonly clock?: Clock;
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { store } = options;
  const clock = options.clock ?? systemClock;

  return {
    async createSession(userId, meta) {
      const token = generateSecretToken();
      const now = clock();
      const session = await store.createSession({
        id: hashSecretToken(token),
        userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
        lastSeenAt: now,
        ...summariseClient(meta),
      });
      return { token, session };
    },

    async validateSessionToken(token) {
      if (!isWellFormedToken(token)) return null;
      const sessionId = hashSecretToken(token);
      const stored = await store.getSession(sessionId);
      if (stored === null || !tokenHashesEqual(stored.id, sessionId)) return null;
      const now = clock();
      if (stored.revokedAt !== null || now.getTime() >= stored.expiresAt.getTime()) return null;

      const user = await store.getUser(stored.userId);
      if (user === null || user.disabled) return null;

      const renewed = stored.expiresAt.getTime() - now.getTime() < SESSION_RENEWAL_THRESHOLD_MS;
      const stale = now.getTime() - stored.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
      let session = stored;
      if (renewed || stale) {
        const expiresAt = renewed ? new Date(now.getTime() + SESSION_LIFETIME_MS) : stored.expiresAt;
        // False when a sign-out revoked the session since we read it: that sign-out wins.
        if (!(await store.touchSession(sessionId, { expiresAt, lastSeenAt: now }))) return null;
        session = { ...stored, expiresAt, lastSeenAt: now };
      }
      return { session, user: toAuthUser(user, await store.listRoles(user.id)), renewed };
    },

    async invalidateSession(sessionId) {
      return store.revokeSession(sessionId, clock());
    },

    async invalidateAllSessions(userId) {
      return store.revokeUserSessions(userId, clock());
    },

    async listSessions(userId) {
      return store.listActiveSessions(userId, clock());
    },
  };
}
