import type { LoaderFunctionArgs } from '@remix-run/node';
import { auditCsv, collectAuditEntries, recordAuditExport } from '../server/audit-export.server';
import { parseAuditFilter } from '../server/audit-filter.server';
import { requireUserWithPermission } from '../server/auth.server';
import { getServices } from '../server/services.server';

/** GET /admin/audit.csv with the page's filter: records AuditTrailExported, then serves the file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'export:audit:any');
  const parsed = parseAuditFilter(new URL(request.url).searchParams, new Date());
  if (!parsed.ok) {
    const problems = Object.entries(parsed.fieldErrors).map(([name, message]) => `${name}: ${message}`);
    return new Response(`Invalid filter\n${problems.join('\n')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
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
