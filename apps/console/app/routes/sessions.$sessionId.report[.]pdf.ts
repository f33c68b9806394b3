import type { ActionFunctionArgs } from '@remix-run/node';
import { recordAudit } from '../server/audit.server';
import { requireSameOrigin } from '../server/csrf.server';
import { exportByPostOnly } from '../server/exports.server';
import { renderReportPdf } from '../server/pdf-report.server';
import { loadReport, reportSessionView } from '../server/report.server';
import { notFound, requireSessionAccess } from '../server/report-access.server';
import { getServices } from '../server/services.server';

/** A GET writes nothing: the export records ReportExported, so it is a POST from the report page. */
export const loader = exportByPostOnly;

/** POST /sessions/:sessionId/report.pdf — records ReportExported (always, even by the candidate), then serves the file. */
export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user, session } = await requireSessionAccess(request, params.sessionId, 'export:report:own');
  const { readModels, authStore } = getServices();
  const report = await loadReport(readModels, user.tenantId, session);
  if (report === null) throw notFound();
  const account = await authStore.getUser(session.candidateId);
  const candidateName =
    account !== null && account.tenantId === user.tenantId
      ? account.displayName
      : `Candidate ${session.candidateId}`;
  const generatedAt = new Date();
  const pdf = await renderReportPdf({
    session: reportSessionView(session),
    report,
    candidateName,
    generatedAt,
  });
  const { sessionId, candidateId } = session;
  const exported = { sessionId, candidateId, format: 'pdf', bytes: pdf.byteLength } as const;
  await recordAudit(user, { type: 'ReportExported', data: exported }, sessionId);
  const day = session.startedAt.toISOString().slice(0, 10);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.byteLength),
      'Content-Disposition': `attachment; filename="poise-report-${day}-${session.sessionId.slice(0, 8)}.pdf"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
