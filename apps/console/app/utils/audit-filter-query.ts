/** The audit filter's fields as the page's form and links carry them (shared by server and browser). */
export type AuditFilterField = 'session' | 'actor' | 'action' | 'from' | 'to';

/** The filter as typed, to refill the form. */
export type AuditFilterValues = Record<AuditFilterField, string>;

/** The filter as a query string, for links that keep it (pagination, export). */
export function filterQuery(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, ...extra }))
    if (value !== '') params.set(name, value);
  return params.toString();
}
