import { describe, expect, it } from 'vitest';
import { DEMO_COHORT, DEMO_TENANT_ID, demoAccounts, SYNTHETIC_DEMO_TENANT_ID } from './demo-accounts';

describe('demo accounts', () => {
  it('sign the synthetic coach and admin into the tenant the demo cohort is generated in', () => {
    expect(DEMO_COHORT.tenants).toBe(1);
    const synthetic = demoAccounts.filter((account) => account.tenantId === SYNTHETIC_DEMO_TENANT_ID);
    expect(synthetic.map((account) => account.role).sort()).toEqual(['admin', 'staff']);
  });

  it('give the demo tenant one account per role, each e-mail used once', () => {
    const demo = demoAccounts.filter((account) => account.tenantId === DEMO_TENANT_ID);
    expect(demo.map((account) => account.role).sort()).toEqual(['admin', 'candidate', 'staff']);
    const emails = demoAccounts.map((account) => account.email);
    expect(new Set(emails).size).toBe(emails.length);
  });
});
