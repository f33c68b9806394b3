export { AUTH_SERVICE_ACTOR } from './accounts/account-events';
export {
  type AccountsService,
  type AccountsServiceOptions,
  createAccountsService,
  DEFAULT_INVITATION_TTL_MS,
  DEFAULT_PASSWORD_RESET_TTL_MS,
} from './accounts/accounts-service';
export type { ChangePasswordInput, ChangePasswordResult } from './accounts/change-password';
export type { CreateAccountInput, CreateAccountResult } from './accounts/create-account';
export type { SetUserDisabledInput } from './accounts/disable-user';
export { emailSha256, normaliseEmail } from './accounts/email';
export {
  ERASED_DISPLAY_NAME,
  ERASURE_LEGAL_DEADLINE_MS,
  eraseAccount,
  erasedEmail,
  isErasedAccount,
  type RequestErasureInput,
  type RequestErasureResult,
} from './accounts/erasure';
export type {
  AcceptInvitationInput,
  AcceptInvitationResult,
  InviteUserInput,
  InviteUserResult,
  RevokeInvitationInput,
} from './accounts/invitations';
export { formatWait, signInFailureMessage, tooManyRequestsMessage } from './accounts/messages';
export type {
  PasswordResetDelivery,
  PasswordResetRequest,
  RequestPasswordResetInput,
  ResetPasswordInput,
  ResetPasswordResult,
} from './accounts/password-reset';
export type { RoleChangeInput } from './accounts/roles';
export type { SignInFailure, SignInInput, SignInResult } from './accounts/sign-in';
export type { RevokeSessionInput } from './accounts/sign-out';
export { type Clock, systemClock } from './clock';
export { ipThrottleKey, normaliseIpAddress } from './network/ip-address';
export { ARGON2ID_PARAMETERS, hashPassword, needsRehash, verifyPassword } from './passwords/hashing';
export {
  checkPasswordPolicy,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordCheck,
  type PasswordProblem,
  type PasswordProblemCode,
} from './passwords/policy';
export { assignableRoles, canAssignRole } from './permissions/assignable-roles';
export { type PermissionDenialReason, PermissionError } from './permissions/permission-error';
export {
  hasPermission,
  isPermission,
  PERMISSIONS,
  type Permission,
  type PermissionAccess,
  ROLE_PERMISSIONS,
} from './permissions/permissions';
export {
  isPlatformAdmin,
  type PermissionSubject,
  type PermissionTarget,
  requirePermission,
  userCan,
} from './permissions/require-permission';
export { PLATFORM_TENANT_ID } from './platform-tenant';
export type { AuthUser } from './sessions/auth-user';
export {
  blankSessionCookie,
  type CookieSecurity,
  readSessionToken,
  SESSION_COOKIE_BASE_NAME,
  sessionCookie,
  sessionCookieName,
} from './sessions/cookies';
export {
  createSessionManager,
  LAST_SEEN_RESOLUTION_MS,
  SESSION_LIFETIME_MS,
  SESSION_RENEWAL_THRESHOLD_MS,
  type Session,
  type SessionManager,
  type SessionManagerOptions,
  type SessionMeta,
  type SessionValidation,
} from './sessions/session-manager';
export { AccountExistsError, AuthStoreError, UserNotFoundError } from './store/errors';
export { openAuthStore } from './store/open-auth-store';
export type * from './store/port';
export { createPostgresAuthStore, type PostgresAuthStoreOptions } from './store/postgres/postgres-auth-store';
export { createSqliteAuthStore, type SqliteAuthStoreOptions } from './store/sqlite/sqlite-auth-store';
export {
  type AnonymousThrottleRules,
  DEFAULT_ANONYMOUS_THROTTLE_RULES,
  DEFAULT_LOGIN_THROTTLE_RULES,
  type LoginThrottleRules,
  type ThrottleRule,
} from './throttling/policy';
