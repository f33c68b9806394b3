import type { Role } from '@poise/schemas';
import pg from 'pg';
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
import { migratePostgres } from './migrate';
import { POSTGRES_MIGRATIONS } from './migrations';
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
import { inTransaction } from './transaction';

export interface PostgresAuthStoreOptions {
  /** e.g. postgres://poise:secret@postgres:5432/poise */
  readonly connectionString: string;
  /** The schema holding the auth tables; created if missing. Default `auth`. */
  readonly schema?: string;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const UNIQUE_VIOLATION = '23505';

type Queryable = pg.Pool | pg.PoolClient;

/** Opens a pool whose connections all work in `schema`, and brings that schema up to date. */
export async function createPostgresAuthStore(options: PostgresAuthStoreOptions): Promise<AuthStore> {
  const schema = options.schema ?? 'auth';
  if (!SCHEMA_PATTERN.test(schema)) {
    throw new Error(
      `Auth schema ${JSON.stringify(schema)} must be lowercase letters, digits and underscores`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    // A startup parameter rather than a SET after connecting: it applies before the first query.
    options: `-c search_path=${schema}`,
  });
  try {
    await migratePostgres(pool, schema, POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresAuthStore(pool);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === UNIQUE_VIOLATION;
}

class PostgresAuthStore implements AuthStore {
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  private async insertUser(db: Queryable, user: NewUser): Promise<UserRecord> {
    try {
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (id, tenant_id, email, display_name, password_hash, disabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, false, $6, $6) RETURNING *`,
        [user.id, user.tenantId, user.email, user.displayName, user.passwordHash, user.createdAt],
      );
      return toUser(rows[0]!);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountExistsError(user.tenantId, user.email);
      throw error;
    }
  }

  private async revokeSessionsOf(
    db: Queryable,
    userId: string,
    now: Date,
    exceptSessionId: string | null,
  ): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `UPDATE sessions SET revoked_at = $1
       WHERE user_id = $2 AND revoked_at IS NULL AND expires_at > $1 AND id IS DISTINCT FROM $3
       RETURNING id`,
      [now, userId, exceptSessionId],
    );
    return rows.map((row) => row.id).sort();
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    return this.insertUser(this.pool, user);
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findUsersByEmail(email: string, tenantId?: string): Promise<UserRecord[]> {
    const { rows } =
      tenantId === undefined
        ? await this.pool.query<UserRow>('SELECT * FROM users WHERE email = $1 ORDER BY created_at, id', [
            email,
          ])
        : await this.pool.query<UserRow>('SELECT * FROM users WHERE email = $1 AND tenant_id = $2', [
            email,
            tenantId,
          ]);
    return rows.map(toUser);
  }

  async listUsers(tenantId: string): Promise<UserRecord[]> {
    const { rows } = await this.pool.query<UserRow>(
      'SELECT * FROM users WHERE tenant_id = $1 ORDER BY created_at, id',
      [tenantId],
    );
    return rows.map(toUser);
  }

  async setUserDisabled(userId: string, disabled: boolean, now: Date): Promise<UserRecord> {
    const { rows } = await this.pool.query<UserRow>(
      'UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3 RETURNING *',
      [disabled, now, userId],
    );
    if (!rows[0]) throw new UserNotFoundError(userId);
    return toUser(rows[0]);
  }

  async eraseUser(userId: string, replacement: ErasedUserReplacement, now: Date): Promise<UserRecord> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<UserRow>(
        `UPDATE users SET email = $1, display_name = $2, password_hash = $3, disabled = true, updated_at = $4
         WHERE id = $5 RETURNING *`,
        [replacement.email, replacement.displayName, replacement.passwordHash, now, userId],
      );
      if (!rows[0]) throw new UserNotFoundError(userId);
      await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      await client.query('DELETE FROM password_resets WHERE user_id = $1', [userId]);
      await client.query('DELETE FROM invitations WHERE user_id = $1', [userId]);
      return toUser(rows[0]);
    });
  }

  async rehashPassword(
    userId: string,
    expectedHash: string,
    passwordHash: string,
    now: Date,
  ): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3 AND password_hash = $4',
      [passwordHash, now, userId, expectedHash],
    );
    return result.rowCount === 1;
  }

  async replacePassword(
    userId: string,
    passwordHash: string,
    now: Date,
    options: { readonly keepSessionId?: string } = {},
  ): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      const changed = await client.query(
        'UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3',
        [passwordHash, now, userId],
      );
      if (changed.rowCount === 0) throw new UserNotFoundError(userId);
      await client.query('UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL', [
        now,
        userId,
      ]);
      return this.revokeSessionsOf(client, userId, now, options.keepSessionId ?? null);
    });
  }

  async listRoles(userId: string): Promise<RoleGrant[]> {
    const { rows } = await this.pool.query<RoleRow>(
      'SELECT * FROM user_roles WHERE user_id = $1 ORDER BY tenant_id, role',
      [userId],
    );
    return rows.map(toRoleGrant);
  }

  async grantRole(grant: RoleGrant): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO user_roles (user_id, tenant_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, tenant_id, role) DO NOTHING`,
      [grant.userId, grant.tenantId, grant.role, grant.grantedAt, grant.grantedBy],
    );
    return result.rowCount === 1;
  }

  async revokeRole(userId: string, tenantId: string, role: Role): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM user_roles WHERE user_id = $1 AND tenant_id = $2 AND role = $3',
      [userId, tenantId, role],
    );
    return result.rowCount === 1;
  }

  private async deleteOpen(db: Queryable, tenantId: string, email: string): Promise<InvitationRecord[]> {
    const { rows } = await db.query<InvitationRow>(
      'DELETE FROM invitations WHERE tenant_id = $1 AND email = $2 AND accepted_at IS NULL RETURNING *',
      [tenantId, email],
    );
    return rows.map(toInvitation).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async deleteOpenInvitations(tenantId: string, email: string): Promise<InvitationRecord[]> {
    return inTransaction(this.pool, (client) => this.deleteOpen(client, tenantId, email));
  }

  async createInvitation(invitation: NewInvitation): Promise<InvitationRecord> {
    return inTransaction(this.pool, async (client) => {
      await this.deleteOpen(client, invitation.tenantId, invitation.email);
      return this.insertInvitation(client, invitation);
    });
  }

  private async insertInvitation(db: Queryable, invitation: NewInvitation): Promise<InvitationRecord> {
    const { rows } = await db.query<InvitationRow>(
      `INSERT INTO invitations
         (token_hash, tenant_id, user_id, email, role, cohort_id, invited_by, created_at, expires_at, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL) RETURNING *`,
      [
        invitation.tokenHash,
        invitation.tenantId,
        invitation.userId,
        invitation.email,
        invitation.role,
        invitation.cohortId,
        invitation.invitedBy,
        invitation.createdAt,
        invitation.expiresAt,
      ],
    );
    return toInvitation(rows[0]!);
  }

  async findInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    const { rows } = await this.pool.query<InvitationRow>('SELECT * FROM invitations WHERE token_hash = $1', [
      tokenHash,
    ]);
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  async findInvitationsByEmail(tenantId: string, email: string): Promise<InvitationRecord[]> {
    const { rows } = await this.pool.query<InvitationRow>(
      'SELECT * FROM invitations WHERE tenant_id = $1 AND email = $2 ORDER BY created_at DESC, token_hash',
      [tenantId, email],
    );
    return rows.map(toInvitation);
  }

  async listInvitations(tenantId: string): Promise<InvitationRecord[]> {
    const { rows } = await this.pool.query<InvitationRow>(
      'SELECT * FROM invitations WHERE tenant_id = $1 ORDER BY created_at DESC, token_hash',
      [tenantId],
    );
    return rows.map(toInvitation);
  }

  async redeemInvitation(
    tokenHash: string,
    now: Date,
    acceptance: InvitationAcceptance,
  ): Promise<RedeemInvitationResult> {
    try {
      return await inTransaction(this.pool, async (client): Promise<RedeemInvitationResult> => {
        // FOR UPDATE: a concurrent redemption waits here and then sees accepted_at set.
        const { rows } = await client.query<InvitationRow>(
          'SELECT * FROM invitations WHERE token_hash = $1 FOR UPDATE',
          [tokenHash],
        );
        const invitation = rows[0] ? toInvitation(rows[0]) : null;
        const problem = redemptionProblem(
          invitation && { ...invitation, usedAt: invitation.acceptedAt },
          now,
        );
        if (problem !== null || invitation === null) return { ok: false, reason: problem ?? 'unknown' };
        const taken = await client.query(
          'SELECT 1 FROM users WHERE (tenant_id = $1 AND email = $2) OR id = $3',
          [invitation.tenantId, invitation.email, invitation.userId],
        );
        if (taken.rowCount !== 0) return { ok: false, reason: 'account-exists' };

        const user = await this.insertUser(client, {
          id: invitation.userId,
          tenantId: invitation.tenantId,
          email: invitation.email,
          displayName: acceptance.displayName,
          passwordHash: acceptance.passwordHash,
          createdAt: now,
        });
        await client.query(
          'INSERT INTO user_roles (user_id, tenant_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)',
          [user.id, invitation.tenantId, invitation.role, now, invitation.invitedBy],
        );
        await client.query('UPDATE invitations SET accepted_at = $1 WHERE token_hash = $2', [now, tokenHash]);
        return { ok: true, user, invitation: { ...invitation, acceptedAt: now } };
      });
    } catch (error) {
      // Another transaction created the same account between our check and our insert.
      if (error instanceof AccountExistsError) return { ok: false, reason: 'account-exists' };
      throw error;
    }
  }

  async createSession(session: NewSession): Promise<SessionRecord> {
    const { rows } = await this.pool.query<SessionRow>(
      `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, user_agent, ip_address, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) RETURNING *`,
      [
        session.id,
        session.userId,
        session.createdAt,
        session.expiresAt,
        session.lastSeenAt,
        session.userAgent,
        session.ipAddress,
      ],
    );
    return toSession(rows[0]!);
  }

  async getSession(sessionId: string): Promise<SessionRecord | null> {
    const { rows } = await this.pool.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [sessionId]);
    return rows[0] ? toSession(rows[0]) : null;
  }

  async touchSession(
    sessionId: string,
    update: { readonly expiresAt: Date; readonly lastSeenAt: Date },
  ): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE sessions SET expires_at = $1, last_seen_at = $2 WHERE id = $3 AND revoked_at IS NULL',
      [update.expiresAt, update.lastSeenAt, sessionId],
    );
    return result.rowCount === 1;
  }

  async revokeSession(sessionId: string, now: Date): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [now, sessionId],
    );
    return result.rowCount === 1;
  }

  async revokeUserSessions(
    userId: string,
    now: Date,
    options: { readonly exceptSessionId?: string } = {},
  ): Promise<string[]> {
    return this.revokeSessionsOf(this.pool, userId, now, options.exceptSessionId ?? null);
  }

  async listActiveSessions(userId: string, now: Date): Promise<SessionRecord[]> {
    const { rows } = await this.pool.query<SessionRow>(
      `SELECT * FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
       ORDER BY last_seen_at DESC, id`,
      [userId, now],
    );
    return rows.map(toSession);
  }

  async purgeSessions(endedBefore: Date): Promise<number> {
    const result = await this.pool.query('DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1', [
      endedBefore,
    ]);
    return result.rowCount ?? 0;
  }

  async createPasswordReset(reset: NewPasswordReset): Promise<PasswordResetRecord> {
    const { rows } = await this.pool.query<PasswordResetRow>(
      `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at)
       VALUES ($1, $2, $3, $4, NULL) RETURNING *`,
      [reset.tokenHash, reset.userId, reset.createdAt, reset.expiresAt],
    );
    return toPasswordReset(rows[0]!);
  }

  async findPasswordReset(tokenHash: string): Promise<PasswordResetRecord | null> {
    const { rows } = await this.pool.query<PasswordResetRow>(
      'SELECT * FROM password_resets WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0] ? toPasswordReset(rows[0]) : null;
  }

  async redeemPasswordReset(
    tokenHash: string,
    now: Date,
    passwordHash: string,
  ): Promise<RedeemPasswordResetResult> {
    return inTransaction(this.pool, async (client): Promise<RedeemPasswordResetResult> => {
      const found = await client.query<{ user_id: string }>(
        'SELECT user_id FROM password_resets WHERE token_hash = $1',
        [tokenHash],
      );
      // Redemptions of one user's tokens serialise on the user's row. Locking the token rows
      // instead deadlocks: two tokens each locked by one transaction, each spent by the other.
      if (found.rows[0])
        await client.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [found.rows[0].user_id]);
      const { rows } = await client.query<PasswordResetRow>(
        'SELECT * FROM password_resets WHERE token_hash = $1',
        [tokenHash],
      );
      const reset = rows[0] ? toPasswordReset(rows[0]) : null;
      const problem = redemptionProblem(reset, now);
      if (problem !== null || reset === null) return { ok: false, reason: problem ?? 'unknown' };

      // Every open link of the user dies with this one: a second link from an earlier request must
      // not reset the password again behind the new one.
      await client.query('UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL', [
        now,
        reset.userId,
      ]);
      const updated = await client.query<UserRow>(
        'UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3 RETURNING *',
        [passwordHash, now, reset.userId],
      );
      if (!updated.rows[0]) throw new UserNotFoundError(reset.userId);
      const revokedSessionIds = await this.revokeSessionsOf(client, reset.userId, now, null);
      return { ok: true, user: toUser(updated.rows[0]), revokedSessionIds };
    });
  }

  async getThrottleCounter(key: ThrottleKey): Promise<ThrottleCounter | null> {
    const { rows } = await this.pool.query<ThrottleRow>(
      'SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE scope = $1 AND key = $2',
      [key.scope, key.key],
    );
    return rows[0] ? toThrottleCounter(rows[0]) : null;
  }

  async updateThrottleCounter(key: ThrottleKey, update: ThrottleUpdate): Promise<ThrottleCounter | null> {
    return inTransaction(this.pool, async (client) => {
      // SELECT … FOR UPDATE cannot lock a row that does not exist yet; an advisory lock on the key
      // serialises the first two failures of a key as well as all later ones.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${key.scope}:${key.key}`,
      ]);
      const { rows } = await client.query<ThrottleRow>(
        'SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE scope = $1 AND key = $2',
        [key.scope, key.key],
      );
      const next = update(rows[0] ? toThrottleCounter(rows[0]) : null);
      if (next === null) {
        await client.query('DELETE FROM login_throttle WHERE scope = $1 AND key = $2', [key.scope, key.key]);
      } else {
        await client.query(
          `INSERT INTO login_throttle (scope, key, failures, last_failure_at, locked_until)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (scope, key) DO UPDATE SET
             failures = excluded.failures,
             last_failure_at = excluded.last_failure_at,
             locked_until = excluded.locked_until`,
          [key.scope, key.key, next.failures, next.lastFailureAt, next.lockedUntil],
        );
      }
      return next;
    });
  }

  async close(): Promise<void> {
    // pg throws when a pool is ended twice; closing a closed store is harmless everywhere else.
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
