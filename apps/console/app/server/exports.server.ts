/**
 * Downloads that write an audit event (ReportExported, AuditTrailExported) are POSTs from the
 * console's own pages, behind the origin check: as GETs, a link on any site could put an export into
 * a victim's trail. A GET on them answers 405 and writes nothing.
 */
export function exportByPostOnly(): Response {
  return new Response('This download records an export: request it with the button on its page (POST).\n', {
    status: 405,
    statusText: 'Method Not Allowed',
    headers: { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** A form's string fields as query parameters, for parsers shared with a page's query string. */
export function formParams(form: FormData): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of form.entries()) if (typeof value === 'string') params.append(name, value);
  return params;
}
