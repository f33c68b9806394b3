/**
 * The auth-store port: credentials, roles, invitations, auth sessions, password-reset tokens and
 * login-throttle counters. The embedded SQLite adapter and the PostgreSQL adapter implement exactly
 * this, and one contract suite (./contract) proves both.
 *
 * The store is clockless: every operation that depends on time takes `now`, so the caller decides
 * (one clock per operation, injectable in tests). Emails arrive already normalised (trimmed,
 * lowercased) and tokens arrive as their SHA-256 hex; the store never sees a secret.
 */
import type { Role } from '@poise/schemas';

export interface UserRecord {
  readonly id: string;
  readonly tenantId: string;
  /** Normalised: trimmed and lowercased. Unique within a tenant, not across tenants. */
  readonly email: string;
  readonly displayName: string;
  /** argon2id in PHC format. */
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an erased account holds instead of the person's email, name and password hash. */
export interface ErasedUserReplacement {
  readonly email: string;
  readonly displayName: string;
  /** A hash of a secret nobody keeps, so that no password matches. */
  readonly passwordHash: string;
}

export interface NewUser {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

export interface RoleGrant {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
  readonly grantedAt: Date;
  /** The user who granted it; null when Poise itself did (bootstrap, seeding). */
  readonly grantedBy: string | null;
}

export interface InvitationRecord {
  readonly tokenHash: string;
  readonly tenantId: string;
  /** Chosen at invitation, so the UserInvited event and the later account share one user stream. */
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly cohortId: string | null;
  readonly invitedBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
}

export type NewInvitation = Omit<InvitationRecord, 'acceptedAt'>;

/** What accepting an invitation needs besides the invitation itself. */
export interface InvitationAcceptance {
  readonly passwordHash: string;
  readonly displayName: string;
}

export type TokenRedemptionFailure = 'unknown' | 'expired' | 'already-used';

export type RedeemInvitationResult =
  | { readonly ok: true; readonly user: UserRecord; readonly invitation: InvitationRecord }
  | { readonly ok: false; readonly reason: TokenRedemptionFailure | 'account-exists' };

export interface SessionRecord {
  /** SHA-256 hex of the session token; the token itself is only ever in the cookie. */
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly userAgent: string | null;
  readonly ipAddress: string | null;
  readonly revokedAt: Date | null;
}

export type NewSession = Omit<SessionRecord, 'revokedAt'>;

export interface PasswordResetRecord {
  readonly tokenHash: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export type NewPasswordReset = Omit<PasswordResetRecord, 'usedAt'>;

export type RedeemPasswordResetResult =
  | { readonly ok: true; readonly user: UserRecord; readonly revokedSessionIds: readonly string[] }
  | { readonly ok: false; readonly reason: TokenRedemptionFailure };

export type ThrottleScope = 'account' | 'ip';

export interface ThrottleKey {
  readonly scope: ThrottleScope;
  /** account: SHA-256 of the normalised email (known or not); ip: the address or its IPv6 /64. */
  readonly key: string;
}

export interface ThrottleCounter {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

/** Pure and synchronous: it runs inside the store's transaction (or under its lock). */
export type ThrottleUpdate = (current: ThrottleCounter | null) => ThrottleCounter | null;

export interface AuthStore {
  /** Throws AccountExistsError when the tenant already has an account with this email. */
  createUser(user: NewUser): Promise<UserRecord>;
  getUser(userId: string): Promise<UserRecord | null>;
  /** Accounts with this email, oldest first; within one tenant when `tenantId` is given. */
  findUsersByEmail(email: string, tenantId?: string): Promise<UserRecord[]>;
  /** The tenant's accounts, oldest first. */
  listUsers(tenantId: string): Promise<UserRecord[]>;
  /** Throws UserNotFoundError for an unknown user. */
  setUserDisabled(userId: string, disabled: boolean, now: Date): Promise<UserRecord>;
  /**
   * Swaps the hash only while it still equals `expectedHash` (a rehash under new argon2 parameters
   * must not overwrite a password changed in the meantime); false when it did not.
   */
  rehashPassword(userId: string, expectedHash: string, passwordHash: string, now: Date): Promise<boolean>;
  /**
   * Erases the person's data from the store in one transaction: email, name and password hash are
   * replaced by `replacement`, the account is disabled, and its auth sessions, password-reset tokens
   * and invitations are deleted. The row (id, tenant, roles) stays so that ids in the audit trail
   * still resolve, to "Erased candidate". Throws UserNotFoundError for an unknown user.
   */
  eraseUser(userId: string, replacement: ErasedUserReplacement, now: Date): Promise<UserRecord>;
  /**
   * Stores a new password hash, revokes the user's active sessions except `keepSessionId` and marks
   * every open password-reset token of the user used (a changed password kills open links), in one
   * transaction. Returns the revoked session ids. Throws UserNotFoundError for an unknown user.
   */
  replacePassword(
    userId: string,
    passwordHash: string,
    now: Date,
    options?: { readonly keepSessionId?: string },
  ): Promise<string[]>;

  listRoles(userId: string): Promise<RoleGrant[]>;
  /** False when the user already held the role in that tenant (nothing changes). */
  grantRole(grant: RoleGrant): Promise<boolean>;
  /** False when the user did not hold the role in that tenant. */
  revokeRole(userId: string, tenantId: string, role: Role): Promise<boolean>;

  /**
   * Stores the invitation and, in the same transaction, deletes the tenant's open (unaccepted)
   * invitations for the same email: a new invitation revokes every earlier link of that person.
   */
  createInvitation(invitation: NewInvitation): Promise<InvitationRecord>;
  /** Deletes the tenant's open (unaccepted) invitations for this email; returns what was deleted. */
  deleteOpenInvitations(tenantId: string, email: string): Promise<InvitationRecord[]>;
  findInvitation(tokenHash: string): Promise<InvitationRecord | null>;
  /** Invitations of the tenant for this email, newest first. */
  findInvitationsByEmail(tenantId: string, email: string): Promise<InvitationRecord[]>;
  /** The tenant's invitations, newest first. */
  listInvitations(tenantId: string): Promise<InvitationRecord[]>;
  /**
   * In one transaction: checks the invitation is known, unexpired and unused, creates the user
   * (id from the invitation) with the invited role, and marks the invitation accepted. Of two
   * concurrent redemptions exactly one succeeds.
   */
  redeemInvitation(
    tokenHash: string,
    now: Date,
    acceptance: InvitationAcceptance,
  ): Promise<RedeemInvitationResult>;

  createSession(session: NewSession): Promise<SessionRecord>;
  getSession(sessionId: string): Promise<SessionRecord | null>;
  /** Moves the expiry and last-seen time of a session; false when it does not exist or was revoked. */
  touchSession(
    sessionId: string,
    update: { readonly expiresAt: Date; readonly lastSeenAt: Date },
  ): Promise<boolean>;
  /** False when the session does not exist or was already revoked. */
  revokeSession(sessionId: string, now: Date): Promise<boolean>;
  /** Revokes every active session of the user except `exceptSessionId`; returns the revoked ids. */
  revokeUserSessions(
    userId: string,
    now: Date,
    options?: { readonly exceptSessionId?: string },
  ): Promise<string[]>;
  /** Sessions neither revoked nor expired at `now`, most recently seen first. */
  listActiveSessions(userId: string, now: Date): Promise<SessionRecord[]>;
  /** Deletes sessions that expired or were revoked before `endedBefore`; returns how many. */
  purgeSessions(endedBefore: Date): Promise<number>;

  createPasswordReset(reset: NewPasswordReset): Promise<PasswordResetRecord>;
  findPasswordReset(tokenHash: string): Promise<PasswordResetRecord | null>;
  /**
   * In one transaction: checks the token is known, unexpired and unused, marks it and every other
   * open token of the user used, stores the new password hash and revokes all the user's sessions.
   * Of two concurrent redemptions exactly one succeeds.
   */
  redeemPasswordReset(tokenHash: string, now: Date, passwordHash: string): Promise<RedeemPasswordResetResult>;

  getThrottleCounter(key: ThrottleKey): Promise<ThrottleCounter | null>;
  /**
   * Read-modify-write of one counter, atomic against every other update of the same key (also from
   * other processes); `update` returning null deletes the counter. Returns what was stored.
   */
  updateThrottleCounter(key: ThrottleKey, update: ThrottleUpdate): Promise<ThrottleCounter | null>;

  close(): Promise<void>;
}
