/** Rows as node-postgres returns them (timestamptz as Date) and their conversion to records. */
import type { Role } from '@poise/schemas';
import type {
  InvitationRecord,
  PasswordResetRecord,
  RoleGrant,
  SessionRecord,
  ThrottleCounter,
  UserRecord,
} from '../port';

export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface RoleRow {
  user_id: string;
  tenant_id: string;
  role: Role;
  granted_at: Date;
  granted_by: string | null;
}

export interface InvitationRow {
  token_hash: string;
  tenant_id: string;
  user_id: string;
  email: string;
  role: Role;
  cohort_id: string | null;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  user_agent: string | null;
  ip_address: string | null;
  revoked_at: Date | null;
}

export interface PasswordResetRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface ThrottleRow {
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    disabled: row.disabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRoleGrant(row: RoleRow): RoleGrant {
  return {
    userId: row.user_id,
    tenantId: row.tenant_id,
    role: row.role,
    grantedAt: row.granted_at,
    grantedBy: row.granted_by,
  };
}

export function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    tokenHash: row.token_hash,
    tenantId: row.tenant_id,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    cohortId: row.cohort_id,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
  };
}

export function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    userAgent: row.user_agent,
    ipAddress: row.ip_address,
    revokedAt: row.revoked_at,
  };
}

export function toPasswordReset(row: PasswordResetRow): PasswordResetRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

export function toThrottleCounter(row: ThrottleRow): ThrottleCounter {
  return { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until };
}
