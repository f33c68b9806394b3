/**
 * The demo tenants' sign-in credentials, for development only: `poise up` seeds these accounts
 * (seedDemoUsers) and the console's sign-in page lists them so anyone can explore it as each role.
 */
import type { Role } from '@poise/schemas';
import { syntheticTenantId } from '@poise/synthetic';

export const DEMO_TENANT_ID = 'poise-demo';
/**
 * The first tenant of the synthetic generator: a year of generated practice (DEMO_COHORT) that
 * `poise up` seeds in development, clearly synthetic.
 */
export const SYNTHETIC_DEMO_TENANT_ID = syntheticTenantId(0);

/** The synthetic year `poise up` generates in development: one tenant, so its accounts above fit. */
export const DEMO_COHORT = { tenants: 1, candidatesPerTenant: 40, cohortsPerTenant: 2, months: 12, seed: 1 };

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
