import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, screenshot } from './support/browser';
import { type PoiseUp, startPoiseUp } from './support/poise-up';
import { type DemoRole, demoAccount, signIn } from './support/sign-in';

let poise: PoiseUp;
let browser: Browser;

beforeAll(async () => {
  poise = await startPoiseUp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await poise?.stop();
});

describe('signing in to the console started by poise up', () => {
  const landing: Record<DemoRole, RegExp> = {
    candidate: /\/sessions$/,
    staff: /\/sessions$|\/cohorts$/,
    admin: /\/admin\/audit$/,
  };

  for (const role of ['candidate', 'staff', 'admin'] as const) {
    it(`signs the demo ${role} in and lands on their first page`, async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, poise.consoleUrl, role);
      expect(page.url()).toMatch(landing[role]);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await screenshot(page, `landing-${role}`);
      await context.close();
    });
  }

  it('refuses a wrong password with a message and no session', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${poise.consoleUrl}/login`);
    await page.getByLabel(/email/i).fill(demoAccount('candidate').email);
    await page
      .getByLabel(/password/i)
      .first()
      .fill('not the password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('That email address and password do not match an account.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await context.cookies()).some((cookie) => cookie.name.includes('session'))).toBe(false);
    await context.close();
  });
});
