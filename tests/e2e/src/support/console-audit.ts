/** Reads the rows of the console's audit trail table (/admin/audit) as a person sees them. */
import type { Page } from 'playwright-core';

export interface AuditRow {
  readonly action: string;
  readonly actor: string;
  readonly sessionId: string;
}

export async function auditRows(page: Page): Promise<AuditRow[]> {
  const column = (n: number) => page.locator(`table tbody tr td:nth-child(${n})`);
  const [actions, actors, sessions] = await Promise.all([
    column(2).locator('span.font-medium').allTextContents(),
    column(3).allTextContents(),
    column(4).allTextContents(),
  ]);
  return actions.map((action, index) => ({
    action: action.trim(),
    actor: actors[index]?.trim() ?? '',
    sessionId: sessions[index]?.trim() ?? '',
  }));
}

/** Submits the audit page's filter form with the given fields and waits for the filtered page. */
export async function filterAudit(page: Page, filter: { session?: string; action?: string }): Promise<void> {
  await page.getByLabel('Session id').fill(filter.session ?? '');
  await page.getByLabel('Actions').fill(filter.action ?? '');
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/admin/audit' && url.search.includes('action=')),
    page.getByRole('button', { name: 'Filter' }).click(),
  ]);
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
}
