/** Rows as SQLite returns them (times in epoch milliseconds) and their conversion to records. */
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
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface RoleRow {
  user_id: string;
  tenant_id: string;
  role: Role;
  granted_at: number;
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
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  user_agent: string | null;
  ip_address: string | null;
  revoked_at: number | null;
}

export interface PasswordResetRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ThrottleRow {
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
}

const date = (ms: number) => new Date(ms);
const optionalDate = (ms: number | null) => (ms === null ? null : new Date(ms));

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function toRoleGrant(row: RoleRow): RoleGrant {
  return {
    userId: row.user_id,
    tenantId: row.tenant_id,
    role: row.role,
    grantedAt: date(row.granted_at),
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
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    acceptedAt: optionalDate(row.accepted_at),
  };
}

export function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    lastSeenAt: date(row.last_seen_at),
    userAgent: row.user_agent,
    ipAddress: row.ip_address,
    revokedAt: optionalDate(row.revoked_at),
  };
}

export function toPasswordReset(row: PasswordResetRow): PasswordResetRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    usedAt: optionalDate(row.used_at),
  };
}

export function toThrottleCounter(row: ThrottleRow): ThrottleCounter {
  return {
    failures: row.failures,
    lastFailureAt: date(row.last_failure_at),
    lockedUntil: optionalDate(row.locked_until),
  };
}
