/**
 * "My account": the signed-in person's devices (auth sessions) and their password. Ending a session
 * goes through the accounts service, so every ending is a UserSignedOut event.
 */
import type { SessionRecord } from '@poise/auth';
import { getServices } from './services.server';

export interface DeviceSession {
  readonly sessionId: string;
  readonly current: boolean;
  readonly userAgent: string | null;
  readonly ipAddress: string | null;
  readonly signedInAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

export function deviceSessionOf(session: SessionRecord, currentSessionId: string | null): DeviceSession {
  return {
    sessionId: session.id,
    current: session.id === currentSessionId,
    userAgent: session.userAgent,
    ipAddress: session.ipAddress,
    signedInAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** The user's active sessions, this one first, then the most recently seen. */
export async function deviceSessions(
  userId: string,
  currentSessionId: string | null,
): Promise<DeviceSession[]> {
  const sessions = await getServices().accounts.sessions.listSessions(userId);
  return sessions
    .map((session) => deviceSessionOf(session, currentSessionId))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** True when `sessionId` is an active session of `userId` (never someone else's). */
export async function isActiveSessionOf(userId: string, sessionId: string): Promise<boolean> {
  const session = sessionId === '' ? null : await getServices().authStore.getSession(sessionId);
  return (
    session !== null &&
    session.userId === userId &&
    session.revokedAt === null &&
    session.expiresAt.getTime() > Date.now()
  );
}

/** Ends every active session of the user except `keepSessionId`; returns how many ended. */
export async function revokeOtherSessions(
  userId: string,
  keepSessionId: string,
  revokedBy: string,
): Promise<number> {
  const { accounts } = getServices();
  let ended = 0;
  for (const session of await accounts.sessions.listSessions(userId)) {
    if (session.id === keepSessionId) continue;
    if (await accounts.revokeSession({ sessionId: session.id, revokedBy })) ended += 1;
  }
  return ended;
}
