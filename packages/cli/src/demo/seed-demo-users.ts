import { createAccountsService } from '@poise/auth';
import type { AuthStoreConfig } from '@poise/config';
import { openAuthStore, PLATFORM_TENANT_ID } from '@poise/console';
import type { EventLog } from '@poise/event-log';
import type { Role } from '@poise/schemas';
import { DEMO_TENANT_ID } from './seed-demo-tenant';

/**
 * Sign-in credentials of the demo tenant, for development only (`POISE_DEMO_SEED`, on by default in
 * development): the README lists them so anyone can explore the console as each role.
 */
export const demoUsers: ReadonlyArray<{ email: string; password: string; role: Role; displayName: string }> =
  [
    {
      email: 'candidate@demo.poise.local',
      password: 'demo-candidate-2026',
      role: 'candidate',
      displayName: 'Dana Demo',
    },
    {
      email: 'staff@demo.poise.local',
      password: 'demo-staff-coach-2026',
      role: 'staff',
      displayName: 'Sam Coach',
    },
    {
      email: 'admin@demo.poise.local',
      password: 'demo-admin-office-2026',
      role: 'admin',
      displayName: 'Alex Admin',
    },
  ];

/** Creates the demo accounts once; an account that exists already is left as it is. */
export async function seedDemoUsers(config: AuthStoreConfig, log: EventLog): Promise<number> {
  const store = await openAuthStore(config);
  try {
    const accounts = createAccountsService({ store, log, platformTenantId: PLATFORM_TENANT_ID });
    let created = 0;
    for (const user of demoUsers) {
      const result = await accounts.createAccount({
        tenantId: DEMO_TENANT_ID,
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
