/** Reads the rows of the console's audit trail table (/admin/audit) as a person sees them. */
import type { Page } from 'playwright-core';

export interface AuditRow {
  readonly action: string;
  /** `<id> (<role>)` for a person, `<kind> <id>` for a service. */
  readonly actor: string;
  /** The name the page shows for the actor. */
  readonly actorName: string;
  readonly sessionId: string;
}

/** The actor cell shows the name, then `<role> · <id>` for a person (nothing more for a service). */
function actorOf(spans: readonly string[]): { actor: string; actorName: string } {
  const actorName = spans[0]?.trim() ?? '';
  const detail = spans[1]?.trim() ?? '';
  if (detail === '') return { actor: actorName, actorName };
  const [role, id] = detail.split(' · ');
  return { actor: id === undefined ? (role ?? '') : `${id} (${role})`, actorName };
}

export async function auditRows(page: Page): Promise<AuditRow[]> {
  const column = (n: number) => page.locator(`table tbody tr td:nth-child(${n})`);
  const [actions, sessions] = await Promise.all([
    column(2).locator('span.font-medium').allTextContents(),
    column(4).allTextContents(),
  ]);
  const actors = await Promise.all(
    actions.map((_, index) => column(3).nth(index).locator('span').allTextContents()),
  );
  return actions.map((action, index) => ({
    action: action.trim(),
    ...actorOf(actors[index] ?? []),
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
