import { randomUUID } from 'node:crypto';
import type { Role } from '@poise/schemas';
import { generateSecretToken, hashSecretToken } from '../../tokens/secret-token';
import type { AuthStore, NewInvitation, NewSession, NewUser, UserRecord } from '../port';

export const T0 = new Date('2025-03-01T09:00:00.000Z');
export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const at = (ms: number) => new Date(T0.getTime() + ms);

/** The store never checks hashes; a well-formed PHC string keeps the rows realistic. */
export const PASSWORD_HASH =
  '$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

let emails = 0;
export const uniqueEmail = () => `person-${emails++}-${randomUUID().slice(0, 8)}@example.ac.uk`;

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  return {
    id: randomUUID(),
    tenantId: 'leeds-careers',
    email: uniqueEmail(),
    displayName: 'Sam Okafor',
    passwordHash: PASSWORD_HASH,
    createdAt: T0,
    ...overrides,
  };
}

export async function insertUser(store: AuthStore, overrides: Partial<NewUser> = {}): Promise<UserRecord> {
  return store.createUser(newUser(overrides));
}

export function newInvitation(overrides: Partial<NewInvitation> & { role?: Role } = {}): NewInvitation {
  return {
    tokenHash: hashSecretToken(generateSecretToken()),
    tenantId: 'leeds-careers',
    userId: randomUUID(),
    email: uniqueEmail(),
    role: 'candidate',
    cohortId: null,
    invitedBy: randomUUID(),
    createdAt: T0,
    expiresAt: at(7 * DAY),
    ...overrides,
  };
}

export function newSession(userId: string, overrides: Partial<NewSession> = {}): NewSession {
  return {
    id: hashSecretToken(generateSecretToken()),
    userId,
    createdAt: T0,
    expiresAt: at(30 * DAY),
    lastSeenAt: T0,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
    ipAddress: '192.0.2.10',
    ...overrides,
  };
}
