/**
 * The demo tenant's sign-in credentials, for development only: `poise up` seeds these accounts
 * (packages/cli) and the sign-in page lists them so anyone can explore the console as each role.
 * Data only, so the cli can import it from @poise/console without importing the console's pages.
 */
import type { Role } from '@poise/schemas';

export const DEMO_TENANT_ID = 'poise-demo';

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
}

export const demoAccounts: readonly DemoAccount[] = [
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
