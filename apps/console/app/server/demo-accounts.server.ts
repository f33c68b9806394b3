/**
 * The demo tenant's sign-in credentials, for development only: `poise up` seeds these accounts
 * (packages/cli) and the sign-in page lists them so anyone can explore the console as each role.
 * Data only, so the cli can import it from @poise/console without importing the console's pages.
 */
import type { Role } from '@poise/schemas';

export const DEMO_TENANT_ID = 'poise-demo';
/**
 * The first tenant of the projector's synthetic generator (syntheticTenantId(0), checked by a cli
 * test): a year of generated practice that `poise up` seeds in development, clearly synthetic.
 */
export const SYNTHETIC_DEMO_TENANT_ID = 'synthetic-university-1';

export interface DemoAccount {
  readonly tenantId: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  {
    tenantId: DEMO_TENANT_ID,
    email: 'candidate@demo.poise.local',
    password: 'demo-candidate-2026',
    role: 'candidate',
    displayName: 'Dana Demo',
  },
  {
    tenantId: DEMO_TENANT_ID,
    email: 'staff@demo.poise.local',
    password: 'demo-staff-coach-2026',
    role: 'staff',
    displayName: 'Sam Coach',
  },
  {
    tenantId: DEMO_TENANT_ID,
    email: 'admin@demo.poise.local',
    password: 'demo-admin-office-2026',
    role: 'admin',
    displayName: 'Alex Admin',
  },
  // The synthetic year's cohorts, dashboards and audit trail, seen as its coach and its admin.
  {
    tenantId: SYNTHETIC_DEMO_TENANT_ID,
    email: 'coach@synthetic.poise.local',
    password: 'synthetic-coach-2026',
    role: 'staff',
    displayName: 'Syd Synthetic-Coach',
  },
  {
    tenantId: SYNTHETIC_DEMO_TENANT_ID,
    email: 'admin@synthetic.poise.local',
    password: 'synthetic-admin-2026',
    role: 'admin',
    displayName: 'Ada Synthetic-Admin',
  },
];
