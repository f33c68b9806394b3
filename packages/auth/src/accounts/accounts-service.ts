/**
 * The identity commands the console calls: invitations, sign-in and -out, passwords, roles.
 * Each flow lives in its own module; this one wires them to one store, one event log and one clock.
 *
 * Order of effects: events are built and validated first, then the auth store changes, then the
 * events are appended. The two stores cannot share a transaction, so a failed append after a
 * successful change leaves the change without its event (a sign-in undoes its session in that case).
 */
import type { EventLog } from '@poise/event-log';
import { TENANT_ID_PATTERN } from '@poise/schemas';
import { type Clock, systemClock } from '../clock';
import { createSessionManager, type SessionManager } from '../sessions/session-manager';
import type { AuthStore } from '../store/port';
import { createLoginThrottle } from '../throttling/login-throttle';
import {
  type AnonymousThrottleRules,
  DEFAULT_ANONYMOUS_THROTTLE_RULES,
  DEFAULT_LOGIN_THROTTLE_RULES,
  type LoginThrottleRules,
} from '../throttling/policy';
import { type ChangePasswordInput, type ChangePasswordResult, changePassword } from './change-password';
import type { AccountsContext } from './context';
import { type CreateAccountInput, type CreateAccountResult, createAccount } from './create-account';
import { type SetUserDisabledInput, setUserDisabled } from './disable-user';
import { type RequestErasureInput, type RequestErasureResult, requestErasure } from './erasure';
import {
  type AcceptInvitationInput,
  type AcceptInvitationResult,
  acceptInvitation,
  type InviteUserInput,
  type InviteUserResult,
  inviteUser,
  type RevokeInvitationInput,
  revokeInvitation,
} from './invitations';
import {
  type PasswordResetRequest,
  type RequestPasswordResetInput,
  type ResetPasswordInput,
  type ResetPasswordResult,
  requestPasswordReset,
  resetPassword,
} from './password-reset';
import { grantRole, type RoleChangeInput, revokeRole } from './roles';
import { type SignInInput, type SignInResult, signIn } from './sign-in';
import { type RevokeSessionInput, revokeSession, signOut } from './sign-out';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_INVITATION_TTL_MS = 7 * DAY_MS;
/** An hour: long enough to find the mail, short enough that an old mailbox leak is harmless. */
export const DEFAULT_PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export interface AccountsServiceOptions {
  readonly store: AuthStore;
  /** Wrap it with withContracts(log, poiseContracts), as every application does. */
  readonly log: EventLog;
  /** Tenant whose audit stream records failed sign-ins that named no tenant and matched no account. */
  readonly platformTenantId: string;
  readonly clock?: Clock;
  readonly invitationTtlMs?: number;
  readonly passwordResetTtlMs?: number;
  readonly throttleRules?: LoginThrottleRules;
  /** Asking for and using reset links, accepting invitations (DEFAULT_ANONYMOUS_THROTTLE_RULES). */
  readonly anonymousThrottleRules?: AnonymousThrottleRules;
}

export interface AccountsService {
  /** The session manager over the same store and clock, for validating cookies on every request. */
  readonly sessions: SessionManager;
  inviteUser(input: InviteUserInput): Promise<InviteUserResult>;
  acceptInvitation(input: AcceptInvitationInput): Promise<AcceptInvitationResult>;
  /** Withdraws the open invitation of an email; false when it had none (nothing is recorded then). */
  revokeInvitation(input: RevokeInvitationInput): Promise<boolean>;
  createAccount(input: CreateAccountInput): Promise<CreateAccountResult>;
  signIn(input: SignInInput): Promise<SignInResult>;
  /** False when the session was unknown or had already ended (nothing is recorded then). */
  signOut(sessionId: string): Promise<boolean>;
  revokeSession(input: RevokeSessionInput): Promise<boolean>;
  changePassword(input: ChangePasswordInput): Promise<ChangePasswordResult>;
  requestPasswordReset(input: RequestPasswordResetInput): Promise<PasswordResetRequest>;
  resetPassword(input: ResetPasswordInput): Promise<ResetPasswordResult>;
  grantRole(input: RoleChangeInput): Promise<boolean>;
  revokeRole(input: RoleChangeInput): Promise<boolean>;
  setUserDisabled(input: SetUserDisabledInput): Promise<string[]>;
  /** Disables the account, ends its sessions and records UserErasureRequested for the custodian. */
  requestErasure(input: RequestErasureInput): Promise<RequestErasureResult>;
}

export function createAccountsService(options: AccountsServiceOptions): AccountsService {
  if (!TENANT_ID_PATTERN.test(options.platformTenantId)) {
    throw new Error(`platformTenantId ${JSON.stringify(options.platformTenantId)} is not a tenant slug`);
  }
  const clock = options.clock ?? systemClock;
  const sessions = createSessionManager({ store: options.store, clock });
  const context: AccountsContext = {
    store: options.store,
    log: options.log,
    clock,
    sessions,
    throttle: createLoginThrottle(
      options.store,
      options.throttleRules ?? DEFAULT_LOGIN_THROTTLE_RULES,
      options.anonymousThrottleRules ?? DEFAULT_ANONYMOUS_THROTTLE_RULES,
    ),
    settings: {
      platformTenantId: options.platformTenantId,
      invitationTtlMs: options.invitationTtlMs ?? DEFAULT_INVITATION_TTL_MS,
      passwordResetTtlMs: options.passwordResetTtlMs ?? DEFAULT_PASSWORD_RESET_TTL_MS,
    },
  };
  return {
    sessions,
    inviteUser: (input) => inviteUser(context, input),
    acceptInvitation: (input) => acceptInvitation(context, input),
    revokeInvitation: (input) => revokeInvitation(context, input),
    createAccount: (input) => createAccount(context, input),
    signIn: (input) => signIn(context, input),
    signOut: (sessionId) => signOut(context, sessionId),
    revokeSession: (input) => revokeSession(context, input),
    changePassword: (input) => changePassword(context, input),
    requestPasswordReset: (input) => requestPasswordReset(context, input),
    resetPassword: (input) => resetPassword(context, input),
    grantRole: (input) => grantRole(context, input),
    revokeRole: (input) => revokeRole(context, input),
    setUserDisabled: (input) => setUserDisabled(context, input),
    requestErasure: (input) => requestErasure(context, input),
  };
}
