import { auditTrail, userNames } from '@poise/read-models';
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { formatDateTime } from '../components/format';
import { isAuditCursor, parseAuditFilter } from '../server/audit-filter.server';
import { auditSummary } from '../server/audit-summary.server';
import { requireUserWithPermission } from '../server/auth.server';
import type { FieldErrors } from '../server/forms.server';
import { getServices } from '../server/services.server';
import { type AuditFilterField, type AuditFilterValues, filterQuery } from '../utils/audit-filter-query';

export const meta: MetaFunction = () => [{ title: 'Audit trail · Poise' }];

export const AUDIT_PAGE_SIZE = 50;

interface AuditRowView {
  eventId: string;
  at: Date;
  action: string;
  category: string;
  /** The person (by name) or the service that acted, with the id for a precise search. */
  actor: { name: string; detail: string };
  sessionId: string | null;
  subject: { name: string; id: string } | null;
  /** What the entry's counts mean (erasures, media deletions); null for the rest. */
  summary: string | null;
}

function page(
  values: AuditFilterValues,
  rows: AuditRowView[],
  nextCursor: string | null,
  paged: boolean,
  fieldErrors: FieldErrors<AuditFilterField> = {},
) {
  return { values, rows, nextCursor, paged, fieldErrors };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserWithPermission(request, 'read:audit:any');
  const params = new URL(request.url).searchParams;
  const parsed = parseAuditFilter(params, new Date());
  if (!parsed.ok) return data(page(parsed.values, [], null, false, parsed.fieldErrors), 400);
  const cursor = params.get('cursor') ?? '';
  if (cursor !== '' && !isAuditCursor(cursor)) {
    return data(
      page(parsed.values, [], null, true, { from: 'That page link is not valid; start again.' }),
      400,
    );
  }
  // The tenant is always the signed-in admin's own: no parameter can widen it to another institution.
  const result = await auditTrail(getServices().readModels, {
    tenantId: user.tenantId,
    ...parsed.filter,
    limit: AUDIT_PAGE_SIZE,
    ...(cursor === '' ? {} : { cursor }),
  });
  // People are shown by name; an id with no name left is someone erased (or never known here).
  const names = await userNames(getServices().readModels, {
    tenantId: user.tenantId,
    userIds: result.entries.flatMap((entry) => [
      ...(entry.actor.kind === 'user' ? [entry.actor.id] : []),
      ...(entry.subjectUserId === null ? [] : [entry.subjectUserId]),
    ]),
  });
  const personName = (id: string) => names.get(id) ?? 'Erased or unknown person';
  const rows = result.entries.map((entry) => ({
    eventId: entry.eventId,
    at: entry.at,
    action: entry.action,
    category: entry.category,
    actor:
      entry.actor.kind === 'user'
        ? {
            name: personName(entry.actor.id),
            detail: `${entry.actor.role === null ? '' : `${entry.actor.role} · `}${entry.actor.id}`,
          }
        : { name: `${entry.actor.kind} ${entry.actor.id}`, detail: '' },
    sessionId: entry.sessionId,
    subject:
      entry.subjectUserId === null
        ? null
        : { name: personName(entry.subjectUserId), id: entry.subjectUserId },
    summary: auditSummary(entry),
  }));
  return page(parsed.values, rows, result.nextCursor, cursor !== '');
}

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm focus:border-slate-500 focus:outline-none';

const filterFields: ReadonlyArray<{
  name: AuditFilterField;
  label: string;
  type: string;
  placeholder?: string;
}> = [
  { name: 'session', label: 'Session id', type: 'text', placeholder: 'UUID' },
  { name: 'actor', label: 'Actor (user id)', type: 'text', placeholder: 'UUID' },
  { name: 'action', label: 'Actions', type: 'text', placeholder: 'UserSignedIn, ReportViewed' },
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To (inclusive)', type: 'date' },
];

export default function AuditTrail() {
  const { values, rows, nextCursor, paged, fieldErrors } = useLoaderData<typeof loader>();
  const errors: FieldErrors<AuditFilterField> = fieldErrors;
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail</h1>
          <p className="mt-1 text-sm text-slate-600">
            Sign-ins, views, exports, changes and deletions in your institution, newest first (times in UTC).
          </p>
        </div>
        {/* A POST (the export is recorded in this trail); a plain form, so the browser downloads the file. */}
        <form method="post" action="/admin/audit.csv">
          {Object.entries(values).map(([name, value]) =>
            value === '' ? null : <input key={name} type="hidden" name={name} value={value} />,
          )}
          <button
            type="submit"
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
          >
            Export CSV
          </button>
        </form>
      </div>
      <Form
        method="get"
        className="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
      >
        {filterFields.map((input) => (
          <div key={input.name} className={input.name === 'action' ? 'lg:col-span-2' : undefined}>
            <label htmlFor={`filter-${input.name}`} className="block text-xs font-medium text-slate-700">
              {input.label}
            </label>
            <input
              id={`filter-${input.name}`}
              name={input.name}
              type={input.type}
              placeholder={input.placeholder}
              defaultValue={values[input.name]}
              aria-invalid={errors[input.name] ? true : undefined}
              className={inputClass}
            />
            {errors[input.name] && <p className="mt-1 text-xs text-red-700">{errors[input.name]}</p>}
          </div>
        ))}
        <div className="flex items-end">
          <button
            type="submit"
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            Filter
          </button>
        </div>
      </Form>
      <Card className="mt-4">
        {rows.length === 0 ? (
          <p className="py-8 text-center text-slate-600">No audit entries match this filter.</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Action</TableHeaderCell>
                  <TableHeaderCell>Actor</TableHeaderCell>
                  <TableHeaderCell>Session</TableHeaderCell>
                  <TableHeaderCell>Concerning</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.eventId}>
                    <TableCell className="whitespace-nowrap">{formatDateTime(row.at)}</TableCell>
                    <TableCell>
                      <span className="font-medium">{row.action}</span>
                      <span className="block text-xs text-slate-500">{row.category}</span>
                      {row.summary !== null && <span className="block text-xs">{row.summary}</span>}
                    </TableCell>
                    <TableCell>
                      <span className="block">{row.actor.name}</span>
                      {row.actor.detail !== '' && (
                        <span className="block font-mono text-xs text-slate-500">{row.actor.detail}</span>
                      )}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{row.sessionId ?? '—'}</TableCell>
                    <TableCell>
                      {row.subject === null ? (
                        '—'
                      ) : (
                        <>
                          <span className="block">{row.subject.name}</span>
                          <span className="block font-mono text-xs text-slate-500">{row.subject.id}</span>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
      <nav className="mt-4 flex justify-end gap-2" aria-label="Pagination">
        {paged && (
          <Link
            to={`?${filterQuery(values)}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            Newest
          </Link>
        )}
        {nextCursor !== null && (
          <Link
            to={`?${filterQuery(values, { cursor: nextCursor })}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
            rel="next"
          >
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
