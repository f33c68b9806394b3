/**
 * The auth-store contract: one suite every adapter's test file runs against its own harness. It
 * covers the store's operations and, over them, the session manager (sliding expiry with an
 * injected clock, revocation) and the login throttle (windows, exponential lockout), since those
 * rely on the store's atomicity and date round-trips.
 */
import { afterEach, describe } from 'vitest';
import type { AuthStore } from '../port';
import type { AuthStoreHarness, AuthStoreUnderTest } from './harness';
import { describeInvitations } from './invitations';
import { describePasswordResets } from './password-resets';
import { describeRoles } from './roles';
import { describeSessionManager } from './session-manager';
import { describeSessions } from './sessions';
import { describeThrottle } from './throttle';
import { describeUsers } from './users';

export type { AuthStoreHarness, AuthStoreUnderTest } from './harness';

export function describeAuthStoreContract(name: string, harness: AuthStoreHarness): void {
  describe(`AuthStore contract: ${name}`, () => {
    const opened: AuthStore[] = [];
    const open = async (): Promise<AuthStoreUnderTest> => {
      const underTest = await harness.open();
      opened.push(underTest.store);
      return underTest;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describeUsers(open);
    describeRoles(open);
    describeInvitations(open);
    describeSessions(open);
    describeSessionManager(open);
    describePasswordResets(open);
    describeThrottle(open);
  });
}
