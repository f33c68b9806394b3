import type { Role } from '@poise/schemas';
import type Database from 'better-sqlite3';
import { AccountExistsError, UserNotFoundError } from '../errors';
import type {
  AuthStore,
  ErasedUserReplacement,
  InvitationAcceptance,
  InvitationRecord,
  NewInvitation,
  NewPasswordReset,
  NewSession,
  NewUser,
  PasswordResetRecord,
  RedeemInvitationResult,
  RedeemPasswordResetResult,
  RoleGrant,
  SessionRecord,
  ThrottleCounter,
  ThrottleKey,
  ThrottleUpdate,
  UserRecord,
} from '../port';
import { redemptionProblem } from '../redemption';
import { openAuthDatabase } from './open-database';
import {
  type InvitationRow,
  type PasswordResetRow,
  type RoleRow,
  type SessionRow,
  type ThrottleRow,
  toInvitation,
  toPasswordReset,
  toRoleGrant,
  toSession,
  toThrottleCounter,
  toUser,
  type UserRow,
} from './rows';

export interface SqliteAuthStoreOptions {
  /** The database file; created and migrated if needed. Several processes may share it. */
  readonly path: string;
}

export function createSqliteAuthStore(options: SqliteAuthStoreOptions): AuthStore {
  return new SqliteAuthStore(openAuthDatabase(options.path));
}

const ms = (date: Date) => date.getTime();
const optionalMs = (date: Date | null) => (date === null ? null : date.getTime());

function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

/**
 * better-sqlite3 is synchronous, so each method runs to completion before another starts on this
 * connection; read-then-write operations still run in IMMEDIATE transactions, because another
 * process may hold the same file.
 */
class SqliteAuthStore implements AuthStore {
  constructor(private readonly db: Database.Database) {}

  private immediate<Args extends unknown[], Result>(
    body: (...args: Args) => Result,
  ): (...args: Args) => Result {
    const transaction = this.db.transaction(body);
    return (...args) => transaction.immediate(...args);
  }

  private userById(userId: string): UserRecord | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  private insertUser(user: NewUser): UserRecord {
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, tenant_id, email, display_name, password_hash, disabled, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
        )
        .run(
          user.id,
          user.tenantId,
          user.email,
          user.displayName,
          user.passwordHash,
          ms(user.createdAt),
          ms(user.createdAt),
        );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountExistsError(user.tenantId, user.email);
      throw error;
    }
    return { ...user, disabled: false, updatedAt: user.createdAt };
  }

  private revokeSessionsOf(userId: string, now: Date, exceptSessionId: string | null): string[] {
    const rows = this.db
      .prepare(
        `UPDATE sessions SET revoked_at = ?
         WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND id IS NOT ?
         RETURNING id`,
      )
      .all(ms(now), userId, ms(now), exceptSessionId) as { id: string }[];
    return rows.map((row) => row.id).sort();
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    return this.insertUser(user);
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    return this.userById(userId);
  }

  async findUsersByEmail(email: string, tenantId?: string): Promise<UserRecord[]> {
    const rows = (
      tenantId === undefined
        ? this.db.prepare('SELECT * FROM users WHERE email = ? ORDER BY created_at, id').all(email)
        : this.db.prepare('SELECT * FROM users WHERE email = ? AND tenant_id = ?').all(email, tenantId)
    ) as UserRow[];
    return rows.map(toUser);
  }

  async listUsers(tenantId: string): Promise<UserRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM users WHERE tenant_id = ? ORDER BY created_at, id')
      .all(tenantId) as UserRow[];
    return rows.map(toUser);
  }

  async setUserDisabled(userId: string, disabled: boolean, now: Date): Promise<UserRecord> {
    const row = this.db
      .prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ? RETURNING *')
      .get(disabled ? 1 : 0, ms(now), userId) as UserRow | undefined;
    if (!row) throw new UserNotFoundError(userId);
    return toUser(row);
  }

  async eraseUser(userId: string, replacement: ErasedUserReplacement, now: Date): Promise<UserRecord> {
    return this.immediate(() => {
      const row = this.db
        .prepare(
          `UPDATE users SET email = ?, display_name = ?, password_hash = ?, disabled = 1, updated_at = ?
           WHERE id = ? RETURNING *`,
        )
        .get(replacement.email, replacement.displayName, replacement.passwordHash, ms(now), userId) as
        | UserRow
        | undefined;
      if (!row) throw new UserNotFoundError(userId);
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
      this.db.prepare('DELETE FROM password_resets WHERE user_id = ?').run(userId);
      this.db.prepare('DELETE FROM invitations WHERE user_id = ?').run(userId);
      return toUser(row);
    })();
  }

  async rehashPassword(
    userId: string,
    expectedHash: string,
    passwordHash: string,
    now: Date,
  ): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?')
      .run(passwordHash, ms(now), userId, expectedHash);
    return result.changes === 1;
  }

  async replacePassword(
    userId: string,
    passwordHash: string,
    now: Date,
    options: { readonly keepSessionId?: string } = {},
  ): Promise<string[]> {
    return this.immediate(() => {
      const changed = this.db
        .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?')
        .run(passwordHash, ms(now), userId);
      if (changed.changes === 0) throw new UserNotFoundError(userId);
      this.db
        .prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL')
        .run(ms(now), userId);
      return this.revokeSessionsOf(userId, now, options.keepSessionId ?? null);
    })();
  }

  async listRoles(userId: string): Promise<RoleGrant[]> {
    const rows = this.db
      .prepare('SELECT * FROM user_roles WHERE user_id = ? ORDER BY tenant_id, role')
      .all(userId) as RoleRow[];
    return rows.map(toRoleGrant);
  }

  async grantRole(grant: RoleGrant): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO user_roles (user_id, tenant_id, role, granted_at, granted_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, tenant_id, role) DO NOTHING`,
      )
      .run(grant.userId, grant.tenantId, grant.role, ms(grant.grantedAt), grant.grantedBy);
    return result.changes === 1;
  }

  async revokeRole(userId: string, tenantId: string, role: Role): Promise<boolean> {
    const result = this.db
      .prepare('DELETE FROM user_roles WHERE user_id = ? AND tenant_id = ? AND role = ?')
      .run(userId, tenantId, role);
    return result.changes === 1;
  }

  private deleteOpen(tenantId: string, email: string): InvitationRecord[] {
    const rows = this.db
      .prepare(
        `DELETE FROM invitations WHERE tenant_id = ? AND email = ? AND accepted_at IS NULL RETURNING *`,
      )
      .all(tenantId, email) as InvitationRow[];
    return rows.map(toInvitation).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async deleteOpenInvitations(tenantId: string, email: string): Promise<InvitationRecord[]> {
    return this.immediate(() => this.deleteOpen(tenantId, email))();
  }

  async createInvitation(invitation: NewInvitation): Promise<InvitationRecord> {
    return this.immediate(() => {
      this.deleteOpen(invitation.tenantId, invitation.email);
      this.insertInvitation(invitation);
      return { ...invitation, acceptedAt: null };
    })();
  }

  private insertInvitation(invitation: NewInvitation): void {
    this.db
      .prepare(
        `INSERT INTO invitations
           (token_hash, tenant_id, user_id, email, role, cohort_id, invited_by, created_at, expires_at, accepted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        invitation.tokenHash,
        invitation.tenantId,
        invitation.userId,
        invitation.email,
        invitation.role,
        invitation.cohortId,
        invitation.invitedBy,
        ms(invitation.createdAt),
        ms(invitation.expiresAt),
      );
  }

  async findInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    const row = this.db.prepare('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as
      | InvitationRow
      | undefined;
    return row ? toInvitation(row) : null;
  }

  async findInvitationsByEmail(tenantId: string, email: string): Promise<InvitationRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT * FROM invitations WHERE tenant_id = ? AND email = ? ORDER BY created_at DESC, token_hash',
      )
      .all(tenantId, email) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async listInvitations(tenantId: string): Promise<InvitationRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM invitations WHERE tenant_id = ? ORDER BY created_at DESC, token_hash')
      .all(tenantId) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async redeemInvitation(
    tokenHash: string,
    now: Date,
    acceptance: InvitationAcceptance,
  ): Promise<RedeemInvitationResult> {
    return this.immediate((): RedeemInvitationResult => {
      const row = this.db.prepare('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as
        | InvitationRow
        | undefined;
      const invitation = row ? toInvitation(row) : null;
      const problem = redemptionProblem(invitation && { ...invitation, usedAt: invitation.acceptedAt }, now);
      if (problem !== null || invitation === null) return { ok: false, reason: problem ?? 'unknown' };
      const taken = this.db
        .prepare('SELECT 1 FROM users WHERE (tenant_id = ? AND email = ?) OR id = ?')
        .get(invitation.tenantId, invitation.email, invitation.userId);
      if (taken) return { ok: false, reason: 'account-exists' };

      const user = this.insertUser({
        id: invitation.userId,
        tenantId: invitation.tenantId,
        email: invitation.email,
        displayName: acceptance.displayName,
        passwordHash: acceptance.passwordHash,
        createdAt: now,
      });
      this.db
        .prepare(
          'INSERT INTO user_roles (user_id, tenant_id, role, granted_at, granted_by) VALUES (?, ?, ?, ?, ?)',
        )
        .run(user.id, invitation.tenantId, invitation.role, ms(now), invitation.invitedBy);
      this.db.prepare('UPDATE invitations SET accepted_at = ? WHERE token_hash = ?').run(ms(now), tokenHash);
      return { ok: true, user, invitation: { ...invitation, acceptedAt: now } };
    })();
  }

  async createSession(session: NewSession): Promise<SessionRecord> {
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, user_agent, ip_address, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        session.id,
        session.userId,
        ms(session.createdAt),
        ms(session.expiresAt),
        ms(session.lastSeenAt),
        session.userAgent,
        session.ipAddress,
      );
    return { ...session, revokedAt: null };
  }

  async getSession(sessionId: string): Promise<SessionRecord | null> {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(sessionId) as
      | SessionRow
      | undefined;
    return row ? toSession(row) : null;
  }

  async touchSession(
    sessionId: string,
    update: { readonly expiresAt: Date; readonly lastSeenAt: Date },
  ): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(ms(update.expiresAt), ms(update.lastSeenAt), sessionId);
    return result.changes === 1;
  }

  async revokeSession(sessionId: string, now: Date): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(ms(now), sessionId);
    return result.changes === 1;
  }

  async revokeUserSessions(
    userId: string,
    now: Date,
    options: { readonly exceptSessionId?: string } = {},
  ): Promise<string[]> {
    return this.revokeSessionsOf(userId, now, options.exceptSessionId ?? null);
  }

  async listActiveSessions(userId: string, now: Date): Promise<SessionRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
         ORDER BY last_seen_at DESC, id`,
      )
      .all(userId, ms(now)) as SessionRow[];
    return rows.map(toSession);
  }

  async purgeSessions(endedBefore: Date): Promise<number> {
    const result = this.db
      .prepare('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?')
      .run(ms(endedBefore), ms(endedBefore));
    return result.changes;
  }

  async createPasswordReset(reset: NewPasswordReset): Promise<PasswordResetRecord> {
    this.db
      .prepare(
        'INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)',
      )
      .run(reset.tokenHash, reset.userId, ms(reset.createdAt), ms(reset.expiresAt));
    return { ...reset, usedAt: null };
  }

  async findPasswordReset(tokenHash: string): Promise<PasswordResetRecord | null> {
    const row = this.db.prepare('SELECT * FROM password_resets WHERE token_hash = ?').get(tokenHash) as
      | PasswordResetRow
      | undefined;
    return row ? toPasswordReset(row) : null;
  }

  async redeemPasswordReset(
    tokenHash: string,
    now: Date,
    passwordHash: string,
  ): Promise<RedeemPasswordResetResult> {
    return this.immediate((): RedeemPasswordResetResult => {
      const row = this.db.prepare('SELECT * FROM password_resets WHERE token_hash = ?').get(tokenHash) as
        | PasswordResetRow
        | undefined;
      const reset = row ? toPasswordReset(row) : null;
      const problem = redemptionProblem(reset, now);
      if (problem !== null || reset === null) return { ok: false, reason: problem ?? 'unknown' };

      // Every open link of the user dies with this one: a second link from an earlier request must
      // not reset the password again behind the new one.
      this.db
        .prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL')
        .run(ms(now), reset.userId);
      const updated = this.db
        .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? RETURNING *')
        .get(passwordHash, ms(now), reset.userId) as UserRow | undefined;
      if (!updated) throw new UserNotFoundError(reset.userId);
      const revokedSessionIds = this.revokeSessionsOf(reset.userId, now, null);
      return { ok: true, user: toUser(updated), revokedSessionIds };
    })();
  }

  async getThrottleCounter(key: ThrottleKey): Promise<ThrottleCounter | null> {
    const row = this.db
      .prepare(
        'SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE scope = ? AND key = ?',
      )
      .get(key.scope, key.key) as ThrottleRow | undefined;
    return row ? toThrottleCounter(row) : null;
  }

  async updateThrottleCounter(key: ThrottleKey, update: ThrottleUpdate): Promise<ThrottleCounter | null> {
    return this.immediate(() => {
      const row = this.db
        .prepare(
          'SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE scope = ? AND key = ?',
        )
        .get(key.scope, key.key) as ThrottleRow | undefined;
      const next = update(row ? toThrottleCounter(row) : null);
      if (next === null) {
        this.db.prepare('DELETE FROM login_throttle WHERE scope = ? AND key = ?').run(key.scope, key.key);
      } else {
        this.db
          .prepare(
            `INSERT INTO login_throttle (scope, key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (scope, key) DO UPDATE SET
               failures = excluded.failures,
               last_failure_at = excluded.last_failure_at,
               locked_until = excluded.locked_until`,
          )
          .run(key.scope, key.key, next.failures, ms(next.lastFailureAt), optionalMs(next.lockedUntil));
      }
      return next;
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
