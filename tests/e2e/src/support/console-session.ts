/**
 * Helpers for the console journey: a signed-in browser context per seeded account (demo tenant and
 * synthetic tenant alike), downloads read back as bytes, and polling with a deadline for the work
 * `poise up` finishes in the background (demo import, inference, projector).
 */

import { readFile } from 'node:fs/promises';
import { pollUntil as pollFor } from '@poise/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoUsers } from './demo-accounts';

export type SeededAccount = (typeof demoUsers)[number];

export const LAPTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export function seededAccount(email: string): SeededAccount {
  const account = demoUsers.find((user) => user.email === email);
  if (account === undefined) throw new Error(`poise up seeds no account ${email}`);
  return account;
}

export interface SignedIn {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Signs in through the form, as a person would, and waits until the console has left /login. */
export async function signInAs(
  browser: Browser,
  consoleUrl: string,
  account: SeededAccount,
): Promise<SignedIn> {
  const context = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel(/email/i).fill(account.email);
  await page
    .getByLabel(/password/i)
    .first()
    .fill(account.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 }),
    page.getByRole('button', { name: /sign in/i }).click(),
  ]);
  return { context, page };
}

/** Runs `attempt` until it returns a value other than undefined, or fails with `what` after the deadline. */
export const pollUntil = <T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
  intervalMs = 3_000,
) => pollFor(what, attempt, { timeoutMs, intervalMs });

/** Clicks a link or button that makes the browser download a file, and returns the file's name and bytes. */
export async function downloadFrom(page: Page, control: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), control.click()]);
  const failure = await download.failure();
  if (failure !== null) throw new Error(`download of ${download.url()} failed: ${failure}`);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}
