import type { EventLog } from '@poise/event-log';
import type { Clock } from '../clock';
import type { SessionManager } from '../sessions/session-manager';
import type { AuthStore } from '../store/port';
import type { LoginThrottle } from '../throttling/login-throttle';

export interface AccountsSettings {
  /**
   * The tenant whose audit stream records failed sign-ins that named no tenant and matched no
   * account: the UserSignInFailed contract puts such attempts on an audit-<tenant> stream.
   */
  readonly platformTenantId: string;
  readonly invitationTtlMs: number;
  readonly passwordResetTtlMs: number;
}

/** What every account flow works with; built once by createAccountsService. */
export interface AccountsContext {
  readonly store: AuthStore;
  readonly log: EventLog;
  readonly clock: Clock;
  readonly sessions: SessionManager;
  readonly throttle: LoginThrottle;
  readonly settings: AccountsSettings;
}
