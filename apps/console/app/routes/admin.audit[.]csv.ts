import type { ActionFunctionArgs } from '@remix-run/node';
import { auditCsv, collectAuditEntries, recordAuditExport } from '../server/audit-export.server';
import { parseAuditFilter } from '../server/audit-filter.server';
import { requireUserWithPermission } from '../server/auth.server';
import { requireSameOrigin } from '../server/csrf.server';
import { exportByPostOnly, formParams } from '../server/exports.server';
import { getServices } from '../server/services.server';

/** A GET writes nothing: the export records AuditTrailExported, so it is a POST from the page. */
export const loader = exportByPostOnly;

/** POST /admin/audit.csv with the page's filter as form fields: records AuditTrailExported, then serves the file. */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user } = await requireUserWithPermission(request, 'export:audit:any');
  const parsed = parseAuditFilter(formParams(await request.formData()), new Date());
  if (!parsed.ok) {
    const problems = Object.entries(parsed.fieldErrors).map(([name, message]) => `${name}: ${message}`);
    return new Response(`Invalid filter\n${problems.join('\n')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const services = getServices();
  const entries = await collectAuditEntries(services, user.tenantId, parsed.filter);
  await recordAuditExport(services, user, parsed.filter, entries.length);
  const filename = `audit-${user.tenantId}-${parsed.values.from}-to-${parsed.values.to}.csv`;
  return new Response(auditCsv(entries), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
