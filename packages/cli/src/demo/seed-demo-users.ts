import { createAccountsService } from '@poise/auth';
import type { AuthStoreConfig } from '@poise/config';
import { demoAccounts, openAuthStore, PLATFORM_TENANT_ID } from '@poise/console';
import type { EventLog } from '@poise/event-log';

/**
 * Sign-in credentials of the demo tenants, for development only (`POISE_DEMO_SEED`, on by default in
 * development). One list, the console's: its sign-in page shows the same accounts.
 */
export const demoUsers = demoAccounts;

/** Creates the demo accounts once; an account that exists already is left as it is. */
export async function seedDemoUsers(config: AuthStoreConfig, log: EventLog): Promise<number> {
  const store = await openAuthStore(config);
  try {
    const accounts = createAccountsService({ store, log, platformTenantId: PLATFORM_TENANT_ID });
    let created = 0;
    for (const user of demoUsers) {
      const result = await accounts.createAccount({
        ...user,
        createdBy: { kind: 'system', id: 'demo-seed' },
      });
      if (result.ok) created += 1;
      else if (result.reason !== 'account-exists')
        throw new Error(`demo user ${user.email}: ${result.reason}`);
    }
    return created;
  } finally {
    await store.close();
  }
}
