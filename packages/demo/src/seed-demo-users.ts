import { type AuthStore, createAccountsService, PLATFORM_TENANT_ID } from '@poise/auth';
import type { EventLog } from '@poise/event-log';
import { demoAccounts } from './demo-accounts';

/** Creates the demo accounts once; an account that exists already is left as it is. */
export async function seedDemoUsers(store: AuthStore, log: EventLog): Promise<number> {
  const accounts = createAccountsService({ store, log, platformTenantId: PLATFORM_TENANT_ID });
  let created = 0;
  for (const user of demoAccounts) {
    const result = await accounts.createAccount({ ...user, createdBy: { kind: 'system', id: 'demo-seed' } });
    if (result.ok) created += 1;
    else if (result.reason !== 'account-exists') throw new Error(`demo user ${user.email}: ${result.reason}`);
  }
  return created;
}
