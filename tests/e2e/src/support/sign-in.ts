import type { Page } from 'playwright-core';
import { demoUsers } from './demo-accounts';

export type DemoRole = 'candidate' | 'staff' | 'admin';

export function demoAccount(role: DemoRole) {
  const account = demoUsers.find((user) => user.role === role);
  if (account === undefined) throw new Error(`no demo account with role ${role}`);
  return account;
}

/** Signs in through the sign-in form, as a person would, and waits for the landing page. */
export async function signIn(page: Page, consoleUrl: string, role: DemoRole): Promise<void> {
  const account = demoAccount(role);
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel(/email/i).fill(account.email);
  await page
    .getByLabel(/password/i)
    .first()
    .fill(account.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.getByRole('button', { name: /sign in/i }).click(),
  ]);
}
